package vn.attthub.audit;

import org.junit.jupiter.api.Test;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Grant;
import vn.attthub.shared.Role;
import vn.attthub.shared.UserId;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuditScopeTests {
    static final UUID ROOT = UUID.randomUUID();
    static final UUID PROVINCE = UUID.randomUUID();

    static CurrentUser user(Grant... grants) {
        return new CurrentUser(UserId.of(UUID.randomUUID()), "u", "U", AgencyId.of(PROVINCE), List.of(grants), "test");
    }

    @Test
    void aNationalCoordinatorAtTheRootIsPlatformWide() {
        AuditScope s = AuditScope.of(user(new Grant(Role.NATIONAL_COORDINATOR, AgencyId.of(ROOT))), Set.of(ROOT));
        assertThat(s.platformWide()).isTrue();
    }

    @Test
    void aPlatformAdminGrantedAtAProvinceIsOnlyAProvinceReader() {
        AuditScope s = AuditScope.of(user(new Grant(Role.PLATFORM_ADMIN, AgencyId.of(PROVINCE))), Set.of(ROOT));
        assertThat(s.platformWide()).isFalse();
        assertThat(s.roots()).containsExactly(PROVINCE);
    }

    @Test
    void aSecurityOfficerAtTheRootReadsTheTreeButNotPlatformEvents() {
        AuditScope s = AuditScope.of(user(new Grant(Role.SECURITY_OFFICER, AgencyId.of(ROOT))), Set.of(ROOT));
        assertThat(s.platformWide()).isFalse();
        assertThat(s.roots()).containsExactly(ROOT);
    }

    @Test
    void rolesWithoutAuditReadGiveNoScope() {
        AuditScope s = AuditScope.of(user(new Grant(Role.VIEWER, AgencyId.of(ROOT)),
                new Grant(Role.APPROVER, AgencyId.of(PROVINCE))), Set.of(ROOT));
        assertThat(s.seesNothing()).isTrue();
    }
}
