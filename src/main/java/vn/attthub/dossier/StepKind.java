package vn.attthub.dossier;

/** A step of the procedure that an agency must complete, with its time limit where the law sets one (D5). */
public enum StepKind {
    /** Professional opinion of the owner's security unit, levels 4-5 (Art 14.1.d); no time limit in the text. */
    PROFESSIONAL_OPINION,
    /** Completeness check within 5 working days of receipt (Circular 03/2017 Art 14.3). */
    COMPLETENESS_CHECK,
    /** Appraisal within 15 days (level 3) or 30 days (levels 4-5) of a complete dossier (Art 16.2). */
    APPRAISAL,
    /** Approval within 7 working days of a complete approval dossier (Art 17.2). */
    APPROVAL,
    /** The Prime Minister's approval of the list of level-5 systems, recorded when known (Art 12.3.đ, 14.3.c). */
    PRIME_MINISTER_LIST
}
