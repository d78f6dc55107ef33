package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.GatewayException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficSplitTest {

    @Test
    void a_single_primary_takes_all_traffic_whatever_its_weight() {
        assertThat(TrafficSplit.percentages(List.of(1.0))).containsExactly(100);
        assertThat(TrafficSplit.percentages(List.of(37.0))).containsExactly(100);
    }

    @Test
    void accepts_percentages_summing_to_100() {
        assertThat(TrafficSplit.percentages(List.of(70.0, 20.0, 10.0))).containsExactly(70, 20, 10);
    }

    @Test
    void accepts_fractions_summing_to_one_as_mlflow_stores_them() {
        assertThat(TrafficSplit.percentages(List.of(0.7, 0.2, 0.1))).containsExactly(70, 20, 10);
    }

    @Test
    void rejects_weights_that_do_not_sum_to_100() {
        assertThatThrownBy(() -> TrafficSplit.percentages(List.of(60.0, 50.0)))
                .isInstanceOf(GatewayException.InvalidRequest.class)
                .hasMessageContaining("sum to 100")
                .hasMessageContaining("[60, 50] (sum 110)");
    }

    @Test
    void rejects_splits_that_are_not_whole_percentages() {
        assertThatThrownBy(() -> TrafficSplit.percentages(List.of(33.5, 66.5)))
                .hasMessageContaining("whole percentage");
        assertThatThrownBy(() -> TrafficSplit.percentages(List.of(0.335, 0.665)))
                .hasMessageContaining("whole percentage");
    }

    @Test
    void rejects_zero_negative_and_oversized_weights() {
        assertThatThrownBy(() -> TrafficSplit.percentages(List.of(0.0, 100.0))).hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> TrafficSplit.percentages(List.of(-10.0, 110.0))).hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> TrafficSplit.percentages(List.of(Double.NaN))).hasMessageContaining("greater than 0");
    }
}
