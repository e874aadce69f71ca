package vn.attthub.regime;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.attthub.IntegrationTest;

import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The seeded holiday calendar in PostgreSQL drives the Spring bean (Labour Code 2019 Art 111.3, 112). */
@IntegrationTest
class WorkingCalendarIntegrationTests {
    @Autowired
    WorkingCalendar calendar;
    @Autowired
    LevelRules levelRules;
    @Autowired
    DossierProcedures procedures;

    @Test
    void theSeededHolidaysAreNotWorkingDays() {
        for (String day : new String[]{"2025-01-01", "2025-01-29", "2025-04-07", "2025-05-02", "2025-09-01",
                "2025-09-02", "2026-02-17", "2026-04-27", "2026-04-30", "2026-05-01", "2027-04-16", "2027-05-03",
                "2027-09-02"}) {
            assertThat(calendar.isWorkingDay(LocalDate.parse(day))).as(day).isFalse();
        }
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-04-26"))).as("swapped Saturday").isTrue();
    }

    @Test
    void aDeadlineAcrossTet2026() {
        // Completeness check within 5 working days (Circular 03/2017 Art 14.3) of a dossier received 12/02/2026.
        var received = LocalDateTime.parse("2026-02-12T15:00").atZone(WorkingCalendar.ZONE).toInstant();
        assertThat(calendar.endOfWorkingDays(received, 5))
                .isEqualTo(LocalDateTime.parse("2026-02-26T23:59:59.999999999").atZone(WorkingCalendar.ZONE)
                        .toInstant());
    }

    @Test
    void theRuleBeansAreWired() {
        assertThat(levelRules.determine(Inputs.of(SystemType.INTERNAL_OPERATIONS)
                .info(InformationType.PUBLIC).build()).level()).isEqualTo(1);
        assertThat(procedures.forLevel(4, LocalDate.now()).appraisalDays()).isEqualTo(30);
    }
}
