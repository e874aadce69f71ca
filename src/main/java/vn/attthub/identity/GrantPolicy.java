package vn.attthub.identity;

import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Permission;
import vn.attthub.shared.Role;

import java.util.Collection;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Who may grant (or revoke) which role where, so that nobody can raise their own or anyone's privileges:
 * <ul>
 *   <li>the agency must lie inside the caller's {@code USER_MANAGE} scope (else it is "not found" to them);</li>
 *   <li>the national roles (platform admin, national coordinator) are granted only by a platform admin;</li>
 *   <li>granting a role hands on its administrative permissions ({@link Permission#administrative()}): the caller
 *       must hold every one of them over that agency;</li>
 *   <li>duties (systems, dossiers, controls) are assigned without being held, but never to oneself: a user
 *       manager cannot make themselves an appraiser or approver.</li>
 * </ul>
 */
final class GrantPolicy {
    enum Refusal { OUTSIDE_SCOPE, NATIONAL_ROLE, PERMISSION_NOT_HELD, SELF_GRANT }

    private GrantPolicy() {
    }

    /**
     * @param within answers "is this agency inside these subtree roots?" ({@code AgencyTree::within})
     */
    static Optional<Refusal> check(CurrentUser caller, Role role, AgencyId at,
                                   BiPredicate<AgencyId, Collection<AgencyId>> within) {
        if (!within.test(at, caller.scopeOf(Permission.USER_MANAGE))) {
            return Optional.of(Refusal.OUTSIDE_SCOPE);
        }
        if ((role == Role.PLATFORM_ADMIN || role == Role.NATIONAL_COORDINATOR) && !caller.hasRole(Role.PLATFORM_ADMIN)) {
            return Optional.of(Refusal.NATIONAL_ROLE);
        }
        for (Permission permission : role.permissions()) {
            if (permission.administrative() && !within.test(at, caller.scopeOf(permission))) {
                return Optional.of(Refusal.PERMISSION_NOT_HELD);
            }
        }
        return Optional.empty();
    }

    /** Adding a role to oneself is refused whatever the role: rights come from someone else. */
    static Optional<Refusal> checkSelf(CurrentUser caller, java.util.UUID target) {
        return caller.id().value().equals(target) ? Optional.of(Refusal.SELF_GRANT) : Optional.empty();
    }
}
