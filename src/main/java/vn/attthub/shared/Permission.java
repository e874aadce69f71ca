package vn.attthub.shared;

/**
 * What a caller may do. A permission is always held within agency subtrees (see {@link CurrentUser#scopeOf}).
 * Modules add their own constants as their capabilities appear.
 */
public enum Permission {
    AGENCY_READ,
    AGENCY_MANAGE,
    USER_READ,
    USER_MANAGE,
    API_TOKEN_MANAGE,
    AUDIT_READ,
    /** Read information systems and their inventories. */
    SYSTEM_READ,
    /** Register and edit information systems and their inventories. */
    SYSTEM_MANAGE,
    /** Read level dossiers and their documents. */
    DOSSIER_READ,
    /** Prepare and submit a level dossier (the operator, Decree 85/2016 Art 14.1). */
    DOSSIER_PREPARE,
    /** Give the professional opinion, check completeness and appraise (Art 12, 14.1.d, 15.5, 16). */
    DOSSIER_APPRAISE,
    /** Approve or reject a level (Art 12, 14.3, 17). */
    DOSSIER_APPROVE,
    /** Read control baselines, evidence and compliance. */
    CONTROL_READ,
    /** Update control status, owners, due dates and evidence. */
    CONTROL_MANAGE,
    /** Manage an agency's signing keys and certificates. */
    SIGNING_KEY_MANAGE,
    /** Maintain the public-holiday calendar that working-day deadlines use (DOMAIN.md D5). */
    CALENDAR_MANAGE,
    /** Read incidents in scope (TLP caps still apply). */
    INCIDENT_READ,
    /** File an incident notice or report (Circular 20/2017 Art 9.2). */
    INCIDENT_REPORT,
    /** Act as a recipient: acknowledge, work tasks and orders, add observables and evidence. */
    INCIDENT_RESPOND,
    /** Coordinate: classify, order, hand over, close (Decision 05/2017 Art 7.3, 12.2; Circular 20/2017 Art 8). */
    INCIDENT_COORDINATE,
    /** Push machine alerts from a SOC ({@code POST /api/v1/alerts}). */
    ALERT_INGEST;

    /**
     * Permissions over the platform itself (who exists, who may do what, what the record says), as opposed to duties
     * on systems, dossiers and controls. Only a holder may hand them on; duties are assigned by user managers who
     * need not perform them (separation of duties: the admin who names an approver does not approve).
     */
    public boolean administrative() {
        return switch (this) {
            case AGENCY_MANAGE, USER_MANAGE, API_TOKEN_MANAGE, AUDIT_READ, SIGNING_KEY_MANAGE, CALENDAR_MANAGE -> true;
            default -> false;
        };
    }
}
