package vn.attthub.regime;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Counts deadlines per DOMAIN.md D5 in {@code Asia/Ho_Chi_Minh}. A working day is a Monday to Friday that is not a
 * holiday or a day off, or a Saturday/Sunday declared a working day; the exceptions come from the holiday calendar
 * kept in PostgreSQL ({@code calendar_day}). "Within N (working) days from X" ends at the end of the Nth (working) day
 * after the day of X: 23:59:59.999999999 local time.
 *
 * <p>The calendar is cached in memory: edits through {@link CalendarDays} invalidate it at once, and it is reloaded
 * at the latest after {@link #MAX_AGE_NANOS} so that other instances pick up an edit too.
 */
@Component
public class WorkingCalendar {
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final long MAX_AGE_NANOS = 60_000_000_000L;

    private final Supplier<Map<LocalDate, DayKind>> loader;
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private volatile Snapshot snapshot;

    private record Snapshot(Map<LocalDate, DayKind> days, long loadedAt) {
    }

    @Autowired
    WorkingCalendar(JdbcClient jdbc) {
        this(() -> {
            Map<LocalDate, DayKind> days = new HashMap<>();
            jdbc.sql("SELECT day, kind FROM calendar_day")
                    .query((rs, n) -> days.put(rs.getObject("day", LocalDate.class),
                            DayKind.valueOf(rs.getString("kind"))))
                    .list();
            return days;
        });
    }

    /** A calendar over fixed exceptions, for tests and tools. */
    WorkingCalendar(Supplier<Map<LocalDate, DayKind>> loader) {
        this.loader = loader;
    }

    public boolean isWorkingDay(LocalDate day) {
        DayKind kind = days().get(day);
        if (kind != null) {
            return kind.working();
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /** The end of the {@code n}th working day after the (local) day of {@code from}; n = 0 is the end of that day. */
    public Instant endOfWorkingDays(Instant from, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a number of working days cannot be negative");
        }
        LocalDate day = LocalDate.ofInstant(from, ZONE);
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return endOf(day);
    }

    /** The end of the {@code n}th calendar day after the (local) day of {@code from}. */
    public Instant endOfDays(Instant from, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a number of days cannot be negative");
        }
        return endOf(LocalDate.ofInstant(from, ZONE).plusDays(n));
    }

    /**
     * Working days in {@code (fromExclusive, toInclusive]}; negative (the count of {@code (to, from]}) when
     * {@code toInclusive} is before {@code fromExclusive}, e.g. how many working days a deadline is overdue.
     */
    public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
        if (toInclusive.isBefore(fromExclusive)) {
            return -workingDaysBetween(toInclusive, fromExclusive);
        }
        int count = 0;
        for (LocalDate d = fromExclusive.plusDays(1); !d.isAfter(toInclusive); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    /** 23:59:59.999999999 of a local day. */
    public static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZONE).toInstant().minusNanos(1);
    }

    /** Drops the cached calendar; the next question reloads it. */
    void invalidate() {
        generation.incrementAndGet();
        snapshot = null;
    }

    private Map<LocalDate, DayKind> days() {
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s == null || now - s.loadedAt() > MAX_AGE_NANOS) {
            long before = generation.get();
            s = new Snapshot(Map.copyOf(loader.get()), now);
            if (generation.get() == before) {
                snapshot = s; // a load that raced with an edit is used once but not kept
            }
        }
        return s.days();
    }
}
