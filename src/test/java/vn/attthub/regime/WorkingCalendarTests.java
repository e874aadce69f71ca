package vn.attthub.regime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Deadline counting of DOMAIN.md D5: "within N (working) days from X" ends at the end of the Nth (working) day after
 * the day of X, in Asia/Ho_Chi_Minh; working days skip weekends and the holiday calendar (Labour Code 2019 Art 111.3,
 * 112), and count swapped working Saturdays.
 */
class WorkingCalendarTests {
    /** The same exceptions as the seed in V40 for the periods tested here. */
    static Map<LocalDate, DayKind> seed() {
        Map<LocalDate, DayKind> days = new HashMap<>();
        for (String d : new String[]{"2025-04-30", "2025-05-01", "2026-01-01", "2026-02-16", "2026-02-17",
                "2026-02-18", "2026-02-19", "2026-02-20", "2026-04-26", "2026-04-30", "2026-05-01"}) {
            days.put(LocalDate.parse(d), DayKind.HOLIDAY);
        }
        days.put(LocalDate.parse("2025-05-02"), DayKind.COMPENSATORY_DAY_OFF);
        days.put(LocalDate.parse("2026-04-27"), DayKind.COMPENSATORY_DAY_OFF);
        days.put(LocalDate.parse("2025-04-26"), DayKind.WORKING_DAY);
        return days;
    }

    private final WorkingCalendar calendar = new WorkingCalendar(WorkingCalendarTests::seed);

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(WorkingCalendar.ZONE).toInstant();
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-20T10:00 | 5 | 2026-11-27 | an ordinary week: Friday + 5 working days = next Friday
            2026-11-20T23:59 | 5 | 2026-11-27 | late on Friday still counts from Friday
            2026-11-21T01:00 | 5 | 2026-11-27 | received on Saturday: the count starts on Monday
            2026-11-23T00:00 | 0 | 2026-11-23 | zero working days ends the same day
            2026-02-13T09:00 | 1 | 2026-02-23 | Tết Bính Ngọ 16-20/02/2026 (Art 112.1.b) is skipped
            2026-04-24T09:00 | 1 | 2026-04-28 | Giỗ Tổ on Sunday 26/04/2026: compensatory Monday 27/04 (Art 111.3)
            2026-04-24T09:00 | 3 | 2026-05-04 | 30/4 and 1/5/2026 (Art 112.1.c-d) are skipped
            2025-04-25T09:00 | 1 | 2025-04-26 | the swapped Saturday 26/04/2025 is a working day
            2025-04-25T09:00 | 2 | 2025-04-28 | ... and the ordinary Sunday after it is not
            2025-04-29T09:00 | 1 | 2025-05-05 | 30/4, 1/5 and the swapped Friday 2/5/2025 are days off
            2025-12-31T16:00 | 1 | 2026-01-02 | Tết Dương lịch 01/01/2026 (Art 112.1.a) is skipped
            """)
    void endOfWorkingDays(String from, int n, LocalDate lastDay, String because) {
        Instant end = calendar.endOfWorkingDays(local(from), n);

        assertThat(end).as(because).isEqualTo(local(lastDay + "T23:59:59.999999999"));
    }

    @Test
    void theEndIsTheLastNanosecondOfTheLocalDay() {
        // 27/11/2026 23:59:59.999999999 at UTC+7 is 16:59:59.999999999 UTC.
        assertThat(calendar.endOfWorkingDays(Instant.parse("2026-11-20T03:00:00Z"), 5))
                .isEqualTo(Instant.parse("2026-11-27T16:59:59.999999999Z"));
    }

    @Test
    void theDayOfXIsTheLocalDayNotTheUtcDay() {
        // 2026-11-20T18:00Z is already Saturday 21/11 01:00 in Hà Nội.
        assertThat(calendar.endOfWorkingDays(Instant.parse("2026-11-20T18:00:00Z"), 1))
                .isEqualTo(local("2026-11-23T23:59:59.999999999"));
    }

    @ParameterizedTest(name = "{0} + {1} days")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-22T08:00 | 15 | 2026-12-07
            2026-11-22T23:00 | 30 | 2026-12-22
            2026-02-13T09:00 | 15 | 2026-02-28
            2026-11-22T08:00 | 0  | 2026-11-22
            """)
    void endOfCalendarDaysCountsHolidaysAndWeekends(String from, int n, LocalDate lastDay) {
        // Appraisal limits of Decree 85/2016 Art 16.2 are calendar days ("15 ngày", "30 ngày").
        assertThat(calendar.endOfDays(local(from), n)).isEqualTo(local(lastDay + "T23:59:59.999999999"));
    }

    @Test
    void workingDayFlags() {
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-11-23"))).as("a Monday").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-11-21"))).as("a Saturday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-11-22"))).as("a Sunday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-18"))).as("Tết").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-04-27"))).as("compensatory day off").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-04-26"))).as("swapped working Saturday").isTrue();
    }

    @Test
    void workingDaysBetween() {
        LocalDate friday = LocalDate.parse("2026-11-20");
        assertThat(calendar.workingDaysBetween(friday, LocalDate.parse("2026-11-27"))).isEqualTo(5);
        assertThat(calendar.workingDaysBetween(friday, friday)).isZero();
        assertThat(calendar.workingDaysBetween(friday, LocalDate.parse("2026-11-22"))).as("weekend").isZero();
        assertThat(calendar.workingDaysBetween(LocalDate.parse("2026-02-13"), LocalDate.parse("2026-02-23")))
                .as("across Tết").isEqualTo(1);
        assertThat(calendar.workingDaysBetween(LocalDate.parse("2026-11-27"), friday))
                .as("reversed: overdue by").isEqualTo(-5);
    }

    @Test
    void negativeCountsAreRefused() {
        assertThatThrownBy(() -> calendar.endOfWorkingDays(Instant.now(), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.endOfDays(Instant.now(), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCalendarIsLoadedOnceAndReloadedAfterAnEdit() {
        AtomicInteger loads = new AtomicInteger();
        Map<LocalDate, DayKind> days = new HashMap<>();
        WorkingCalendar cal = new WorkingCalendar(() -> {
            loads.incrementAndGet();
            return days;
        });
        LocalDate monday = LocalDate.parse("2026-11-23");

        assertThat(cal.isWorkingDay(monday)).isTrue();
        assertThat(cal.isWorkingDay(monday.plusDays(1))).isTrue();
        assertThat(loads).hasValue(1);

        days.put(monday, DayKind.HOLIDAY);
        cal.invalidate();

        assertThat(cal.isWorkingDay(monday)).isFalse();
        assertThat(loads).hasValue(2);
    }
}
