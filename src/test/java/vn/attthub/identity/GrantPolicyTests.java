package vn.attthub.identity;

import org.junit.jupiter.api.Test;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Grant;
import vn.attthub.shared.Permission;
import vn.attthub.shared.Role;
import vn.attthub.shared.UserId;

import java.util.Collection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;

import static org.assertj.core.api.Assertions.assertThat;

class GrantPolicyTests {
    // A tiny tree: ROOT > HANOI > HANOI_DEPT, ROOT > LAOCAI
    static final AgencyId ROOT = AgencyId.of(UUID.randomUUID()), HANOI = AgencyId.of(UUID.randomUUID()),
            HANOI_DEPT = AgencyId.of(UUID.randomUUID()), LAOCAI = AgencyId.of(UUID.randomUUID());
    static final Map<AgencyId, Set<AgencyId>> ANCESTORS_OR_SELF = Map.of(
            ROOT, Set.of(ROOT), HANOI, Set.of(ROOT, HANOI), HANOI_DEPT, Set.of(ROOT, HANOI, HANOI_DEPT),
            LAOCAI, Set.of(ROOT, LAOCAI));
    static final BiPredicate<AgencyId, Collection<AgencyId>> WITHIN =
            (agency, roots) -> roots.stream().anyMatch(ANCESTORS_OR_SELF.get(agency)::contains);

    static CurrentUser user(Grant... grants) {
        return new CurrentUser(UserId.of(UUID.randomUUID()), "u", "U", grants[0].agency(), List.of(grants), "test");
    }

    static Optional<GrantPolicy.Refusal> check(CurrentUser caller, Role role, AgencyId at) {
        return GrantPolicy.check(caller, role, at, WITHIN);
    }

    @Test
    void agencyAdminGrantsOrdinaryRolesInsideTheirSubtree() {
        CurrentUser admin = user(new Grant(Role.AGENCY_ADMIN, HANOI));
        assertThat(check(admin, Role.SECURITY_OFFICER, HANOI_DEPT)).isEmpty();
        assertThat(check(admin, Role.VIEWER, HANOI)).isEmpty();
        assertThat(check(admin, Role.AGENCY_ADMIN, HANOI_DEPT)).isEmpty();
    }

    @Test
    void nothingOutsideTheSubtree() {
        CurrentUser admin = user(new Grant(Role.AGENCY_ADMIN, HANOI));
        assertThat(check(admin, Role.VIEWER, LAOCAI)).contains(GrantPolicy.Refusal.OUTSIDE_SCOPE);
        assertThat(check(admin, Role.VIEWER, ROOT)).contains(GrantPolicy.Refusal.OUTSIDE_SCOPE);
    }

    @Test
    void nationalRolesOnlyFromAPlatformAdmin() {
        CurrentUser admin = user(new Grant(Role.AGENCY_ADMIN, ROOT));
        assertThat(check(admin, Role.PLATFORM_ADMIN, HANOI)).contains(GrantPolicy.Refusal.NATIONAL_ROLE);
        assertThat(check(admin, Role.NATIONAL_COORDINATOR, HANOI)).contains(GrantPolicy.Refusal.NATIONAL_ROLE);
        CurrentUser platform = user(new Grant(Role.PLATFORM_ADMIN, ROOT));
        assertThat(check(platform, Role.PLATFORM_ADMIN, ROOT)).isEmpty();
    }

    @Test
    void aRoleCarryingPermissionsTheCallerLacksThereIsRefused() {
        // Manages users in Hà Nội, but reads the audit trail only in one department: cannot hand out AUDIT_READ above it.
        CurrentUser caller = user(new Grant(Role.AGENCY_ADMIN, HANOI_DEPT), new Grant(Role.AGENCY_ADMIN, HANOI));
        assertThat(check(caller, Role.INSPECTOR, HANOI)).isEmpty();
        CurrentUser narrow = new CurrentUser(UserId.of(UUID.randomUUID()), "n", "N", HANOI,
                List.of(new Grant(Role.AGENCY_ADMIN, HANOI_DEPT), new Grant(Role.VIEWER, HANOI)), "test");
        assertThat(check(narrow, Role.SECURITY_OFFICER, HANOI)).contains(GrantPolicy.Refusal.OUTSIDE_SCOPE);
        assertThat(check(narrow, Role.SECURITY_OFFICER, HANOI_DEPT)).isEmpty();
    }

    @Test
    void withoutUserManageNothingCanBeGranted() {
        CurrentUser officer = user(new Grant(Role.SECURITY_OFFICER, ROOT));
        assertThat(check(officer, Role.VIEWER, HANOI)).contains(GrantPolicy.Refusal.OUTSIDE_SCOPE);
    }

    @Test
    void dutiesAreAssignedWithoutBeingHeldButNeverToOneself() {
        // Separation of duties: the agency admin names the appraiser and the approver, and is neither.
        CurrentUser admin = user(new Grant(Role.AGENCY_ADMIN, HANOI));
        for (Role duty : List.of(Role.SYSTEM_OPERATOR, Role.APPRAISER, Role.APPROVER, Role.SECURITY_OFFICER)) {
            assertThat(check(admin, duty, HANOI_DEPT)).as(duty.name()).isEmpty();
        }
        assertThat(GrantPolicy.checkSelf(admin, admin.id().value())).contains(GrantPolicy.Refusal.SELF_GRANT);
        assertThat(GrantPolicy.checkSelf(admin, UUID.randomUUID())).isEmpty();
    }

    @Test
    void administrativePermissionsAreTheOnesAboutThePlatformItself() {
        assertThat(Arrays.stream(Permission.values()).filter(Permission::administrative))
                .containsExactlyInAnyOrder(Permission.AGENCY_MANAGE, Permission.USER_MANAGE, Permission.API_TOKEN_MANAGE,
                        Permission.AUDIT_READ, Permission.SIGNING_KEY_MANAGE, Permission.CALENDAR_MANAGE);
    }
}
