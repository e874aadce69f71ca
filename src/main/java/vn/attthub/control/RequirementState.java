package vn.attthub.control;

import java.util.Collection;

/**
 * How a baseline item counts for compliance on a given day, from its status and the validity of its evidence:
 * <ul>
 *   <li>{@code applicable}: required by the approved level and not declared not applicable;</li>
 *   <li>{@code compliant}: applicable, IMPLEMENTED, and at least one evidence item is current;</li>
 *   <li>{@code stale}: IMPLEMENTED or PARTLY_IMPLEMENTED, it had evidence, and all of it has expired (or is not yet
 *       effective) — the claim is no longer backed, without anyone changing the status;</li>
 *   <li>{@code unevidenced}: IMPLEMENTED with no evidence at all.</li>
 * </ul>
 * The same rules are written in SQL in {@link ComplianceCounters}; ComplianceCountersIntegrationTests keeps both equal.
 */
public record RequirementState(boolean applicable, boolean compliant, boolean stale, boolean unevidenced) {

    public static RequirementState of(boolean required, RequirementStatus status,
                                      Collection<EvidenceValidity> evidence) {
        boolean applicable = required && status != RequirementStatus.NOT_APPLICABLE;
        boolean current = evidence.contains(EvidenceValidity.CURRENT);
        boolean claimed = status == RequirementStatus.IMPLEMENTED || status == RequirementStatus.PARTLY_IMPLEMENTED;
        boolean compliant = applicable && status == RequirementStatus.IMPLEMENTED && current;
        boolean stale = applicable && claimed && !evidence.isEmpty() && !current
                && evidence.contains(EvidenceValidity.EXPIRED);
        boolean unevidenced = applicable && status == RequirementStatus.IMPLEMENTED && evidence.isEmpty();
        return new RequirementState(applicable, compliant, stale, unevidenced);
    }
}
