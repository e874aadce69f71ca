package vn.attthub.identity;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import vn.attthub.IntegrationTest;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.DemoAgenciesLoaded;
import vn.attthub.shared.Role;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DemoUsersIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    AgencyDirectory agencies;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;

    @Test
    void demoAgenciesGetDemoUsersForEveryRoleOnce() throws Exception {
        IdentityFixtures fixtures = new IdentityFixtures(jdbc, passwords);
        UUID root = fixtures.root();
        for (String code : DemoUsers.USERS.stream().map(DemoUsers.DemoUser::agencyCode).distinct().toList()) {
            if (agencies.findByCode(code).isEmpty()) {
                fixtures.agency(code, root);
            }
        }
        tx.executeWithoutResult(s -> events.publishEvent(new DemoAgenciesLoaded()));
        tx.executeWithoutResult(s -> events.publishEvent(new DemoAgenciesLoaded()));

        for (DemoUsers.DemoUser demo : DemoUsers.USERS) {
            UUID member = agencies.findByCode(demo.agencyCode()).orElseThrow().id().value();
            UUID grantedAt = agencies.findByCode(demo.grantAt()).orElseThrow().id().value();
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM app_user u JOIN user_role r ON r.user_id = u.id
                            WHERE u.username = ? AND u.demo AND u.agency_id = ? AND r.role = ? AND r.agency_id = ?""")
                    .params(demo.username(), member, demo.role().name(), grantedAt).query(Long.class).single())
                    .as(demo.username()).isEqualTo(1);
        }
        Set<Role> covered = DemoUsers.USERS.stream().map(DemoUsers.DemoUser::role)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        covered.add(Role.PLATFORM_ADMIN); // the bootstrap administrator
        assertThat(covered).containsExactlyInAnyOrder(Role.values());
        // The national coordinator's role reaches the whole tree, not only the coordinating department's subtree.
        assertThat(DemoUsers.USERS).filteredOn(u -> u.role() == Role.NATIONAL_COORDINATOR)
                .extracting(DemoUsers.DemoUser::grantAt).containsOnly(vn.attthub.organisation.RootAgency.CODE);
        assertThat(PasswordPolicy.check(DemoUsers.DEMO_PASSWORD, "xem")).isEmpty();

        // A non-privileged demo user signs in with the shared demo password at once.
        assertThat(Browser.location(new Browser(port).login("hanoi.vanhanh", DemoUsers.DEMO_PASSWORD))).isEqualTo("/");
    }
}
