package vn.attthub.dossier;

import org.springframework.stereotype.Component;
import vn.attthub.organisation.AgencyTree;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who may see and act on a dossier. Read (DOSSIER_READ): the system's owner or operator, or an agency acting on the
 * dossier (security unit, appraiser, approver), lies in the caller's scope. Act: PREPARER with DOSSIER_PREPARE over
 * the owner or operator; SECURITY_UNIT and APPRAISER with DOSSIER_APPRAISE over the agency fixed at submission;
 * APPROVER with DOSSIER_APPROVE over the approver. Anything else is a 404 (the dossier does not exist for them).
 */
@Component
class DossierAccess {
    private final DossierStore store;
    private final AgencyTree tree;

    DossierAccess(DossierStore store, AgencyTree tree) {
        this.store = store;
        this.tree = tree;
    }

    Dossier readable(UUID id, CurrentUser user) {
        return store.findReadable(id, user.scopeOf(Permission.DOSSIER_READ))
                .orElseThrow(() -> new NotFoundException("dossier", id));
    }

    boolean canSee(CurrentUser user, Dossier d) {
        Set<AgencyId> roots = user.scopeOf(Permission.DOSSIER_READ);
        for (AgencyId a : new AgencyId[]{d.ownerId(), d.operatorId(), d.opinionAgencyId(), d.appraiserId(),
                d.approverId()}) {
            if (a != null && tree.within(a, roots)) return true;
        }
        return false;
    }

    boolean canPrepare(CurrentUser user, AgencyId owner, AgencyId operator) {
        Set<AgencyId> roots = user.scopeOf(Permission.DOSSIER_PREPARE);
        return tree.within(owner, roots) || (operator != null && tree.within(operator, roots));
    }

    Set<Side> sides(CurrentUser user, Dossier d) {
        Set<Side> sides = EnumSet.noneOf(Side.class);
        if (canPrepare(user, d.ownerId(), d.operatorId())) sides.add(Side.PREPARER);
        Set<AgencyId> appraise = user.scopeOf(Permission.DOSSIER_APPRAISE);
        if (d.opinionAgencyId() != null && tree.within(d.opinionAgencyId(), appraise)) sides.add(Side.SECURITY_UNIT);
        if (d.appraiserId() != null && tree.within(d.appraiserId(), appraise)) sides.add(Side.APPRAISER);
        if (d.approverId() != null && tree.within(d.approverId(), user.scopeOf(Permission.DOSSIER_APPROVE))) {
            sides.add(Side.APPROVER);
        }
        return sides;
    }
}
