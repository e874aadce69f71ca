package vn.attthub;

import org.junit.jupiter.api.Test;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Grant;
import vn.attthub.shared.Role;
import vn.attthub.shared.UserId;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The home page's first steps follow the permissions a user really holds. */
class HomePageTests {
    static CurrentUser userWith(Role... roles) {
        AgencyId agency = AgencyId.of(UUID.randomUUID());
        return new CurrentUser(UserId.of(UUID.randomUUID()), "u", "U", agency,
                java.util.Arrays.stream(roles).map(r -> new Grant(r, agency)).toList(), "password");
    }

    static List<String> keys(CurrentUser user) {
        return HomePage.steps(user).stream().map(HomePage.Step::key).toList();
    }

    @Test
    void aViewerIsOfferedBrowsingAndTheirAccountOnly() {
        assertThat(keys(userWith(Role.VIEWER))).containsExactly("home.step.agencies-read", "home.step.account");
    }

    @Test
    void anAgencyAdministratorIsOfferedEverythingTheyMayDoAndTwoFactorSetUp() {
        assertThat(keys(userWith(Role.AGENCY_ADMIN))).containsExactly("home.step.agencies", "home.step.users",
                "home.step.audit", "home.step.account-mfa");
    }

    @Test
    void anInspectorMayReadTheAuditTrailButNotManageUsers() {
        assertThat(keys(userWith(Role.INSPECTOR))).containsExactly("home.step.agencies-read", "home.step.audit",
                "home.step.account");
    }

    @Test
    void aUserWithoutRolesIsStillShownTheirAccount() {
        assertThat(keys(userWith())).containsExactly("home.step.account");
    }
}
