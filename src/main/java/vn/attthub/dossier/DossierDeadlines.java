package vn.attthub.dossier;

import vn.attthub.regime.DossierProcedure;
import vn.attthub.regime.WorkingCalendar;

import java.time.Instant;

/**
 * When each step is due (DOMAIN.md D5, counted in Asia/Ho_Chi_Minh): the completeness check within the procedure's
 * working days of receipt (Circular 03/2017 Art 14.3: 5), the appraisal within its calendar days of a complete
 * dossier (Decree 85/2016 Art 16.2: 15 for level 3, 30 for levels 4-5, none for 1-2), the approval within its working
 * days of a complete approval dossier (Art 17.2: 7). The opinion and the Prime Minister's list have no limit.
 */
final class DossierDeadlines {
    private DossierDeadlines() {
    }

    static Instant dueAt(StepKind kind, DossierProcedure p, Instant start, WorkingCalendar calendar) {
        return switch (kind) {
            case COMPLETENESS_CHECK -> calendar.endOfWorkingDays(start, p.completenessWorkingDays());
            case APPRAISAL -> p.appraisalDays() == null ? null : calendar.endOfDays(start, p.appraisalDays());
            case APPROVAL -> calendar.endOfWorkingDays(start, p.approvalWorkingDays());
            case PROFESSIONAL_OPINION, PRIME_MINISTER_LIST -> null;
        };
    }

    static String basis(StepKind kind, int level) {
        return switch (kind) {
            case PROFESSIONAL_OPINION -> "ND85 Art 14.1.d, 15.5";
            case COMPLETENESS_CHECK -> "TT03 Art 14.3 (05 ngày làm việc)";
            case APPRAISAL -> level == 3 ? "ND85 Art 16.2.a (15 ngày)" : level >= 4 ? "ND85 Art 16.2.b (30 ngày)"
                    : "ND85 Art 12.1 (không quy định thời hạn)";
            case APPROVAL -> "ND85 Art 17.2 (07 ngày làm việc)";
            case PRIME_MINISTER_LIST -> "ND85 Art 12.3.đ, 14.3.c";
        };
    }
}
