package vn.attthub.regime;

/**
 * Who acts in a step of the dossier procedure, as a role in the agency registry rather than a named agency
 * (DOMAIN.md D4): the dossier module resolves it to the agency holding that role on the day.
 */
public enum AuthorityKind {
    /** Đơn vị chuyên trách về ATTT of the system's owner (Decree 85/2016 Art 3.5, 12.1-12.2). */
    OWNER_SECURITY_UNIT,
    /** The system's owner, chủ quản (Art 12.2.b, 12.3.d). */
    SYSTEM_OWNER,
    /** The national appraisal authority for levels 4-5 (Art 12.3.a), or the defence / public-security ministry
     * for the systems it manages (Art 12.3.b-c). */
    NATIONAL_APPRAISAL_AUTHORITY,
    /** The Prime Minister, who approves the list of level-5 systems (Art 12.3.đ). */
    PRIME_MINISTER
}
