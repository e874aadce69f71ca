package vn.attthub.dossier;

/** The party entitled to an action, resolved to agencies when the dossier is submitted. */
public enum Side {
    /** The operator or owner preparing the dossier (DOSSIER_PREPARE over the system's owner or operator). */
    PREPARER,
    /** The owner's security unit giving the professional opinion (DOSSIER_APPRAISE over it). */
    SECURITY_UNIT,
    /** The appraising agency (DOSSIER_APPRAISE over it). */
    APPRAISER,
    /** The approving agency (DOSSIER_APPROVE over it). */
    APPROVER
}
