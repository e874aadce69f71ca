package vn.attthub.incident;

import java.util.Set;

/**
 * The platform's proposal (Decision 05/2017 Art 9): SERIOUS when (1) the system is level 4 or 5 or on the national
 * list (Art 9.1) and at least one listed impact is declared, and (2) the owner cannot handle the incident itself
 * (Art 9.2). Otherwise NORMAL. The coordinator decides; this only proposes.
 */
final class SeverityRule {
    private SeverityRule() {
    }

    static Severity propose(Integer level, boolean nationalList, Set<Impact> impacts, boolean ownerCannotHandle) {
        boolean important = nationalList || (level != null && level >= 4);
        boolean impacted = impacts != null && !impacts.isEmpty();
        return important && impacted && ownerCannotHandle ? Severity.SERIOUS : Severity.NORMAL;
    }
}
