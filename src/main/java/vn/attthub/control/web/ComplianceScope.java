package vn.attthub.control.web;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.attthub.control.SystemAccess;
import vn.attthub.dossier.DossierOverview;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;

import java.util.Comparator;
import java.util.UUID;

/**
 * Which subtree a compliance view covers: the requested agency when it lies in the caller's CONTROL_READ scope
 * (else 404), otherwise the caller's highest scope root.
 */
@Component
class ComplianceScope {
    private final JdbcClient jdbc;
    private final SystemAccess access;
    private final DossierOverview dossiers;

    ComplianceScope(JdbcClient jdbc, SystemAccess access, DossierOverview dossiers) {
        this.jdbc = jdbc;
        this.access = access;
        this.dossiers = dossiers;
    }

    AgencyId rootFor(UUID requested, CurrentUser user) {
        if (requested != null) {
            AgencyId id = AgencyId.of(requested);
            if (!access.agencyAllowed(id, user, Permission.CONTROL_READ)) throw new NotFoundException("agency", requested);
            return id;
        }
        return user.scopeOf(Permission.CONTROL_READ).stream().min(Comparator.comparingInt(this::depth)).orElseThrow(
                () -> new NotFoundException("agency", null));
    }

    int depth(AgencyId id) {
        return jdbc.sql("SELECT depth FROM agency WHERE id = ?").param(id.value()).query(Integer.class).optional()
                .orElse(Integer.MAX_VALUE);
    }

    String pathOf(AgencyId id) {
        return jdbc.sql("SELECT path FROM agency WHERE id = ?").param(id.value()).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("agency", id));
    }

    /** Open level-dossier steps past their legal deadline whose responsible agency lies in the subtree. */
    Long overdueDossierSteps(AgencyId root) {
        return dossiers.overdueStepsWithin(root, java.time.Instant.now());
    }

    /** The root's parent when the caller may see it too (for an "up one level" link), else null. */
    UUID parentWithin(AgencyId root, CurrentUser user) {
        UUID parent = jdbc.sql("SELECT parent_id FROM agency WHERE id = ? AND parent_id IS NOT NULL").param(root.value()).query(UUID.class)
                .optional().orElse(null);
        return parent != null && access.agencyAllowed(AgencyId.of(parent), user, Permission.CONTROL_READ) ? parent : null;
    }
}
