package vn.attthub.control;

import org.springframework.stereotype.Component;
import vn.attthub.infosystem.InformationSystems;
import vn.attthub.infosystem.SystemSummary;
import vn.attthub.organisation.AgencyTree;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;

import java.util.Set;
import java.util.UUID;

/**
 * A system's controls are reachable by callers holding the permission over the subtree of its owner or of its
 * operator (the same rule as the registry). Anything else is a 404, never a 403.
 */
@Component
public class SystemAccess {
    private final InformationSystems systems;
    private final AgencyTree tree;

    SystemAccess(InformationSystems systems, AgencyTree tree) {
        this.systems = systems;
        this.tree = tree;
    }

    public SystemSummary require(UUID systemId, CurrentUser user, Permission permission) {
        SystemSummary s = systemId == null ? null : systems.find(systemId).orElse(null);
        if (s == null || !allowed(s, user, permission)) {
            throw new NotFoundException("information-system", systemId);
        }
        return s;
    }

    public boolean allowedFor(SystemSummary s, CurrentUser user, Permission permission) {
        return allowed(s, user, permission);
    }

    boolean allowed(SystemSummary s, CurrentUser user, Permission permission) {
        Set<AgencyId> roots = user.scopeOf(permission);
        return tree.within(s.ownerId(), roots) || (s.operatorId() != null && tree.within(s.operatorId(), roots));
    }

    public boolean agencyAllowed(AgencyId agency, CurrentUser user, Permission permission) {
        return tree.within(agency, user.scopeOf(permission));
    }
}
