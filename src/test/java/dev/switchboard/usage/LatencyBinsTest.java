package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Percentiles read from log-scale bins stay within the bins' resolution of the exact values. */
class LatencyBinsTest {

    @Test
    void bins_are_ten_to_a_decade_with_everything_under_a_millisecond_in_the_first() {
        assertThat(LatencyBins.bin(0)).isZero();
        assertThat(LatencyBins.bin(999)).isZero();
        assertThat(LatencyBins.bin(1_000)).isEqualTo(1);
        assertThat(LatencyBins.bin(10_000)).isEqualTo(11);
        assertThat(LatencyBins.bin(100_000)).isEqualTo(21);
        assertThat(LatencyBins.bin(Long.MAX_VALUE)).isEqualTo(LatencyBins.LAST);
    }

    @Test
    void percentiles_of_a_spread_are_within_twelve_percent() {
        LatencyBins bins = new LatencyBins();
        for (int ms = 1; ms <= 1000; ms++) {
            bins.add(LatencyBins.bin(ms * 1000L), 1);
        }
        assertThat(bins.total()).isEqualTo(1000);
        assertThat(bins.percentile(50).getAsDouble()).isCloseTo(500, within(60.0));
        assertThat(bins.percentile(90).getAsDouble()).isCloseTo(900, within(108.0));
        assertThat(bins.percentile(99).getAsDouble()).isCloseTo(990, within(119.0));
    }

    @Test
    void merged_bins_answer_for_both_and_no_durations_answer_nothing() {
        LatencyBins fast = new LatencyBins();
        fast.add(LatencyBins.bin(5_000), 99);
        LatencyBins slow = new LatencyBins();
        slow.add(LatencyBins.bin(2_000_000), 1);
        fast.addAll(slow);

        assertThat(fast.percentile(50).getAsDouble()).isCloseTo(5, within(1.0));
        assertThat(fast.percentile(100).getAsDouble()).isCloseTo(2000, within(250.0));
        assertThat(new LatencyBins().percentile(50)).isEmpty();
    }
}
