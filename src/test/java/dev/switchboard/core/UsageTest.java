package dev.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UsageTest {

    @Test
    void total_is_input_plus_output_because_input_already_includes_cached_tokens() {
        Usage usage = new Usage(100, 20, 60, 30, 5);

        assertThat(usage.total()).isEqualTo(120);
    }

    @Test
    void plus_adds_each_kind_of_token() {
        Usage sum = new Usage(1, 2, 3, 4, 5).plus(new Usage(10, 20, 30, 40, 50));

        assertThat(sum).isEqualTo(new Usage(11, 22, 33, 44, 55));
        assertThat(Usage.NONE.plus(sum)).isEqualTo(sum);
    }

    @Test
    void negative_counts_are_refused() {
        assertThatThrownBy(() -> new Usage(-1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
