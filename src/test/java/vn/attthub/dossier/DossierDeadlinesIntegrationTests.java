package vn.attthub.dossier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.attthub.IntegrationTest;
import vn.attthub.regime.DossierProcedures;
import vn.attthub.regime.WorkingCalendar;

import java.time.LocalDate;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Deadlines counted with the holiday calendar of the regime (DOMAIN.md D5), over Tết Bính Ngọ 2026. */
@IntegrationTest
class DossierDeadlinesIntegrationTests {
    @Autowired
    WorkingCalendar calendar;
    @Autowired
    DossierProcedures procedures;

    @Test
    void theCompletenessCheckAndTheApprovalSkipTetWhileTheAppraisalCountsCalendarDays() {
        var level3 = procedures.forLevel(3, LocalDate.of(2026, 2, 12));
        // received Thursday 12/02/2026, 10:00; Tết holidays 16-20/02, weekends 14-15 and 21-22/02
        var received = ZonedDateTime.of(2026, 2, 12, 10, 0, 0, 0, WorkingCalendar.ZONE).toInstant();
        // TT03 Art 14.3: 5 working days = 13/02, 23, 24, 25, 26/02
        assertThat(DossierDeadlines.dueAt(StepKind.COMPLETENESS_CHECK, level3, received, calendar))
                .isEqualTo(WorkingCalendar.endOf(LocalDate.of(2026, 2, 26)));
        // ND85 Art 17.2: 7 working days = 13/02, 23-27/02, 02/03
        assertThat(DossierDeadlines.dueAt(StepKind.APPROVAL, level3, received, calendar))
                .isEqualTo(WorkingCalendar.endOf(LocalDate.of(2026, 3, 2)));
        // ND85 Art 16.2.a: 15 (calendar) days for level 3, 30 for level 4 (16.2.b); none for levels 1-2 (Art 12.1)
        assertThat(DossierDeadlines.dueAt(StepKind.APPRAISAL, level3, received, calendar))
                .isEqualTo(WorkingCalendar.endOf(LocalDate.of(2026, 2, 27)));
        assertThat(DossierDeadlines.dueAt(StepKind.APPRAISAL, procedures.forLevel(4, LocalDate.of(2026, 2, 12)),
                received, calendar)).isEqualTo(WorkingCalendar.endOf(LocalDate.of(2026, 3, 14)));
        assertThat(DossierDeadlines.dueAt(StepKind.APPRAISAL, procedures.forLevel(2, LocalDate.of(2026, 2, 12)),
                received, calendar)).isNull();
        assertThat(DossierDeadlines.dueAt(StepKind.PROFESSIONAL_OPINION, level3, received, calendar)).isNull();
    }

    @Test
    void reunificationDayAndLabourDayAreNotWorkingDays() {
        var level3 = procedures.forLevel(3, LocalDate.of(2026, 4, 29));
        // received Wednesday 29/04/2026; 30/04 and 01/05 are holidays, 02-03/05 a weekend: 04, 05, 06, 07, 08/05
        var received = ZonedDateTime.of(2026, 4, 29, 15, 30, 0, 0, WorkingCalendar.ZONE).toInstant();
        assertThat(DossierDeadlines.dueAt(StepKind.COMPLETENESS_CHECK, level3, received, calendar))
                .isEqualTo(WorkingCalendar.endOf(LocalDate.of(2026, 5, 8)));
    }
}
