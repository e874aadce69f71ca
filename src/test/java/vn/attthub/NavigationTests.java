package vn.attthub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import vn.attthub.shared.Role;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The navigation bar shows a link only to a holder of the permission its page asks for. */
class NavigationTests {
    final Navigation navigation = new Navigation();

    void signIn(Role... roles) {
        var user = HomePageTests.userWith(roles);
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(user, null, List.of()));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anOperatorSeesTheWorkLinksButNotUsersAuditOrSigningKeys() {
        signIn(Role.SYSTEM_OPERATOR);
        assertThat(navigation.can("SYSTEM_READ")).isTrue();
        assertThat(navigation.can("DOSSIER_READ")).isTrue();
        assertThat(navigation.can("CONTROL_READ")).isTrue();
        assertThat(navigation.can("USER_READ")).isFalse();
        assertThat(navigation.can("AUDIT_READ")).isFalse();
        assertThat(navigation.can("SIGNING_KEY_MANAGE")).isFalse();
        assertThat(navigation.canAny("USER_READ", "AUDIT_READ")).isFalse();
        assertThat(navigation.admin()).isTrue(); // API tokens: every operator may manage their own
    }

    @Test
    void anAgencyAdministratorSeesTheAdministrationLinks() {
        signIn(Role.AGENCY_ADMIN);
        assertThat(navigation.canAny("USER_READ", "AUDIT_READ")).isTrue();
        assertThat(navigation.can("SIGNING_KEY_MANAGE")).isTrue();
        assertThat(navigation.can("AGENCY_MANAGE")).isTrue();
        assertThat(navigation.can("CONTROL_MANAGE")).isFalse();
        assertThat(navigation.admin()).isTrue();
    }

    @Test
    void aViewerHasNoAdministrationMenuAndAnIncidentResponderNoDossiers() {
        signIn(Role.VIEWER);
        assertThat(navigation.admin()).isFalse();
        assertThat(navigation.can("DOSSIER_READ")).isTrue();
        signIn(Role.INCIDENT_RESPONDER);
        assertThat(navigation.can("DOSSIER_READ")).isFalse();
        assertThat(navigation.can("CONTROL_READ")).isFalse();
    }

    @Test
    void nobodySignedInSeesNoLinkAndAMisspeltPermissionFailsLoudly() {
        assertThat(navigation.can("SYSTEM_READ")).isFalse();
        assertThat(navigation.admin()).isFalse();
        signIn(Role.PLATFORM_ADMIN);
        assertThatThrownBy(() -> navigation.can("SYSTEMS_READ")).isInstanceOf(IllegalArgumentException.class);
    }
}
