package dev.switchboard.limits;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * A budget's fixed window: from {@code startMillis} (inclusive) to {@code endMillis} (exclusive).
 * Windows are MLflow's, counted on the wall clock of the budget's time zone (MLflow's are UTC, the
 * default), so that "per day" runs from one local midnight to the next even across a
 * daylight-saving change:
 * <ul>
 *   <li>{@code MINUTES}, {@code HOURS}, {@code DAYS}: blocks of {@code n} counted from 1970-01-01
 *       00:00;</li>
 *   <li>{@code WEEKS}: blocks of {@code n} weeks counted from Sunday 1969-12-28 (a week starts on
 *       Sunday);</li>
 *   <li>{@code MONTHS}: blocks of {@code n} months counted from January 1970, from the 1st.</li>
 * </ul>
 */
public record BudgetWindow(long startMillis, long endMillis) {

    /** How long a budget's window is. */
    public enum Unit { MINUTES, HOURS, DAYS, WEEKS, MONTHS }

    /** The Sunday before the epoch, from which weeks are counted (as MLflow counts them). */
    private static final LocalDate EPOCH_SUNDAY = LocalDate.of(1969, 12, 28);

    /** The window of {@code value} {@code unit}s in {@code zone} that holds the instant {@code nowMillis}. */
    public static BudgetWindow at(long nowMillis, Unit unit, int value, ZoneId zone) {
        if (value < 1) {
            throw new IllegalArgumentException("A window is at least 1 " + unit);
        }
        ZonedDateTime now = Instant.ofEpochMilli(nowMillis).atZone(zone);
        LocalDate day = now.toLocalDate();
        return switch (unit) {
            case MINUTES, HOURS -> wallClockBlock(now.toLocalDateTime(), (unit == Unit.MINUTES ? 60L : 3600L) * value,
                    zone);
            case DAYS -> {
                long epochDay = day.toEpochDay();
                LocalDate start = LocalDate.ofEpochDay(Math.floorDiv(epochDay, value) * (long) value);
                yield between(start, start.plusDays(value), zone);
            }
            case WEEKS -> {
                long days = ChronoUnit.DAYS.between(EPOCH_SUNDAY, day);
                LocalDate start = EPOCH_SUNDAY.plusDays(Math.floorDiv(days, 7L * value) * 7L * value);
                yield between(start, start.plusWeeks(value), zone);
            }
            case MONTHS -> {
                long months = (day.getYear() - 1970L) * 12 + day.getMonthValue() - 1;
                long first = Math.floorDiv(months, value) * (long) value;
                LocalDate start = LocalDate.of(1970, 1, 1).plusMonths(first);
                yield between(start, start.plusMonths(value), zone);
            }
        };
    }

    /** The block of {@code seconds} of wall-clock time, counted from 1970-01-01 00:00 local, that holds {@code now}. */
    private static BudgetWindow wallClockBlock(LocalDateTime now, long seconds, ZoneId zone) {
        long wallClock = now.toEpochSecond(ZoneOffset.UTC);
        LocalDateTime start = LocalDateTime.ofEpochSecond(Math.floorDiv(wallClock, seconds) * seconds, 0, ZoneOffset.UTC);
        return new BudgetWindow(start.atZone(zone).toInstant().toEpochMilli(),
                start.plusSeconds(seconds).atZone(zone).toInstant().toEpochMilli());
    }

    private static BudgetWindow between(LocalDate start, LocalDate end, ZoneId zone) {
        return new BudgetWindow(start.atStartOfDay(zone).toInstant().toEpochMilli(),
                end.atStartOfDay(zone).toInstant().toEpochMilli());
    }

    /** Whether {@code millis} falls in this window. */
    public boolean holds(long millis) {
        return millis >= startMillis && millis < endMillis;
    }
}
