package vn.attthub.audit;

import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Grant;
import vn.attthub.shared.Permission;
import vn.attthub.shared.Role;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which audit entries a caller may read. A caller sees the entries of agencies inside the subtrees where they hold
 * {@link Permission#AUDIT_READ}. Entries that belong to no agency (platform events such as bootstrap, failed logins
 * of unknown users) and the whole-chain verification are for <em>platform-wide</em> readers only: a
 * {@link Role#PLATFORM_ADMIN} or {@link Role#NATIONAL_COORDINATOR} granted at a root of the agency tree. A platform
 * admin granted at a province is a province reader like any other.
 *
 * @param platformWide sees everything, including entries with no agency
 * @param roots        roots of the agency subtrees the caller may read (ignored when platform-wide)
 */
public record AuditScope(boolean platformWide, Set<UUID> roots) {

    public AuditScope {
        roots = Set.copyOf(roots);
    }

    static final Set<Role> PLATFORM_WIDE_ROLES = Set.of(Role.PLATFORM_ADMIN, Role.NATIONAL_COORDINATOR);

    /**
     * @param user          the caller
     * @param treeRootIds   ids of the agencies at the top of the tree (no parent)
     */
    public static AuditScope of(CurrentUser user, Collection<UUID> treeRootIds) {
        boolean platformWide = user.grants().stream()
                .anyMatch(g -> PLATFORM_WIDE_ROLES.contains(g.role()) && g.role().grants(Permission.AUDIT_READ)
                        && treeRootIds.contains(g.agency().value()));
        Set<UUID> roots = user.grants().stream().filter(g -> g.role().grants(Permission.AUDIT_READ))
                .map(Grant::agency).map(a -> a.value()).collect(Collectors.toUnmodifiableSet());
        return new AuditScope(platformWide, roots);
    }

    public boolean seesNothing() {
        return !platformWide && roots.isEmpty();
    }
}
