package dev.switchboard.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BudgetWindowTest {

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static BudgetWindow window(String now, BudgetWindow.Unit unit, int value, ZoneId zone) {
        return BudgetWindow.at(at(now), unit, value, zone);
    }

    @Test
    void utc_windows_are_mlflows_blocks_counted_from_the_epoch() {
        assertThat(window("2026-12-07T13:45:10Z", BudgetWindow.Unit.MINUTES, 15, ZoneOffset.UTC))
                .isEqualTo(new BudgetWindow(at("2026-12-07T13:45:00Z"), at("2026-12-07T14:00:00Z")));
        // 7 hours do not divide a day: blocks run on across midnight, counted from 1970-01-01 00:00.
        long block = 7 * 3_600_000L;
        long start = Math.floorDiv(at("2026-12-07T13:45:10Z"), block) * block;
        assertThat(window("2026-12-07T13:45:10Z", BudgetWindow.Unit.HOURS, 7, ZoneOffset.UTC))
                .isEqualTo(new BudgetWindow(start, start + block));
        assertThat(window("2026-12-07T23:59:59.999Z", BudgetWindow.Unit.DAYS, 1, ZoneOffset.UTC))
                .isEqualTo(new BudgetWindow(at("2026-12-07T00:00:00Z"), at("2026-12-08T00:00:00Z")));
        assertThat(window("2026-12-08T00:00:00Z", BudgetWindow.Unit.DAYS, 1, ZoneOffset.UTC).startMillis())
                .isEqualTo(at("2026-12-08T00:00:00Z"));
    }

    @Test
    void weeks_start_on_sunday_and_run_in_blocks_from_sunday_1969_12_28() {
        // 2026-12-07 is a Monday.
        assertThat(window("2026-12-07T10:00:00Z", BudgetWindow.Unit.WEEKS, 1, ZoneOffset.UTC))
                .isEqualTo(new BudgetWindow(at("2026-12-06T00:00:00Z"), at("2026-12-13T00:00:00Z")));
        BudgetWindow two = window("2026-12-07T10:00:00Z", BudgetWindow.Unit.WEEKS, 2, ZoneOffset.UTC);
        long days = (two.startMillis() - at("1969-12-28T00:00:00Z")) / 86_400_000L;
        assertThat(days % 14).isZero();
        assertThat(two.endMillis() - two.startMillis()).isEqualTo(14 * 86_400_000L);
        assertThat(two.holds(at("2026-12-07T10:00:00Z"))).isTrue();
    }

    @Test
    void months_start_on_the_first_in_blocks_from_january_1970() {
        assertThat(window("2026-02-28T23:00:00Z", BudgetWindow.Unit.MONTHS, 1, ZoneOffset.UTC))
                .isEqualTo(new BudgetWindow(at("2026-02-01T00:00:00Z"), at("2026-03-01T00:00:00Z")));
        assertThat(window("2026-12-07T00:00:00Z", BudgetWindow.Unit.MONTHS, 3, ZoneOffset.UTC))
                .isEqualTo(new BudgetWindow(at("2026-10-01T00:00:00Z"), at("2027-01-01T00:00:00Z")));
    }

    @Test
    void a_time_zone_moves_the_windows_to_its_wall_clock_across_daylight_saving() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        // Summer time starts on 2026-03-29 in Paris: that day is 23 hours long.
        BudgetWindow day = window("2026-03-29T12:00:00Z", BudgetWindow.Unit.DAYS, 1, paris);
        assertThat(day).isEqualTo(new BudgetWindow(at("2026-03-28T23:00:00Z"), at("2026-03-29T22:00:00Z")));
        assertThat(day.endMillis() - day.startMillis()).isEqualTo(23 * 3_600_000L);
        assertThat(window("2026-12-07T23:30:00Z", BudgetWindow.Unit.DAYS, 1, paris).startMillis())
                .as("half past midnight in Paris is the next day there").isEqualTo(at("2026-12-07T23:00:00Z"));
        assertThat(window("2026-12-01T00:30:00Z", BudgetWindow.Unit.MONTHS, 1, ZoneId.of("America/New_York")))
                .isEqualTo(new BudgetWindow(at("2026-11-01T04:00:00Z"), at("2026-12-01T05:00:00Z")));
    }
}
