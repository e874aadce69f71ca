package vn.attthub.incident;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clocks of the network members' periodic report (Circular 20/2017/TT-BTTTT Art 6.1.c: "báo cáo định kỳ 06 tháng
 * (trước ngày 20 tháng 6) 01 năm (trước ngày 15 tháng 12) theo Biểu mẫu số 05"), with the data cut-off of Decree
 * 09/2019/NĐ-CP Art 12.2 (c)-(d): from 15/12 of the previous year to 14/06 (half-year) or 14/12 (annual).
 */
class MemberReportRulesTests {

    @ParameterizedTest(name = "TT20 Art 6.1.c: {0} {1} covers {2}..{3}, due before {4}")
    @CsvSource({
            "2026, HALF_YEAR, 2025-12-15, 2026-06-14, 2026-06-20T00:00+07:00",
            "2026, ANNUAL,    2025-12-15, 2026-12-14, 2026-12-15T00:00+07:00",
            "2025, HALF_YEAR, 2024-12-15, 2025-06-14, 2025-06-20T00:00+07:00",
            "2028, ANNUAL,    2027-12-15, 2028-12-14, 2028-12-15T00:00+07:00",
    })
    void periodsAndDueDates(int year, MemberReports.Kind kind, LocalDate from, LocalDate to, String due) {
        MemberReports.Period p = MemberReports.Period.of(year, kind);
        assertThat(p.from()).isEqualTo(from);
        assertThat(p.to()).isEqualTo(to);
        assertThat(p.dueAt()).isEqualTo(OffsetDateTime.parse(due).toInstant());
    }

    @ParameterizedTest(name = "TT20 Art 6.1.c: on {0} the next report due is {1} {2}")
    @CsvSource({
            "2026-01-01, 2026, HALF_YEAR",
            "2026-06-19, 2026, HALF_YEAR",
            "2026-06-20, 2026, ANNUAL",
            "2026-12-14, 2026, ANNUAL",
            "2026-12-15, 2027, HALF_YEAR",
            "2026-12-31, 2027, HALF_YEAR",
    })
    void currentPeriod(LocalDate today, int year, MemberReports.Kind kind) {
        MemberReports.Period p = MemberReports.Period.current(today);
        assertThat(p.year()).isEqualTo(year);
        assertThat(p.kind()).isEqualTo(kind);
    }

    @ParameterizedTest(name = "TT20 Art 6.1.c \"trước ngày 20 tháng 6\": filed {1}, now {2} → {3}")
    @CsvSource({
            "2026-06-20T00:00+07:00, 2026-06-19T23:59:59+07:00, 2026-07-01T00:00+07:00, ON_TIME",
            "2026-06-20T00:00+07:00, 2026-06-20T00:00+07:00,    2026-07-01T00:00+07:00, LATE",
            "2026-06-20T00:00+07:00, 2026-06-20T08:00+07:00,    2026-07-01T00:00+07:00, LATE",
            "2026-06-20T00:00+07:00, ,                          2026-06-19T23:00+07:00, PENDING",
            "2026-06-20T00:00+07:00, ,                          2026-06-20T00:00+07:00, OVERDUE",
            "2026-12-15T00:00+07:00, 2026-12-01T09:00+07:00,    2026-12-20T00:00+07:00, ON_TIME",
            "2026-12-15T00:00+07:00, ,                          2026-12-16T00:00+07:00, OVERDUE",
    })
    void status(String due, String filed, String now, Deadlines.Status expected) {
        Instant f = filed == null ? null : OffsetDateTime.parse(filed).toInstant();
        assertThat(MemberReports.status(OffsetDateTime.parse(due).toInstant(), f, OffsetDateTime.parse(now).toInstant()))
                .isEqualTo(expected);
    }
}
