package vn.attthub.dossier;

import java.util.EnumSet;
import java.util.Set;

/** Where a level dossier is in the procedure of Decree 85/2016 Art 14 (DOMAIN.md §1.6). */
public enum DossierState {
    DRAFT, AWAITING_PROFESSIONAL_OPINION, SUBMITTED, RETURNED_INCOMPLETE, UNDER_APPRAISAL, APPRAISED,
    AWAITING_APPROVAL, APPROVED, REJECTED, SUPERSEDED;

    /** States after which nothing more happens to this version (a new version may follow, Art 18). */
    public static final Set<DossierState> CLOSED = EnumSet.of(APPROVED, REJECTED, SUPERSEDED);

    public boolean closed() {
        return CLOSED.contains(this);
    }
}
