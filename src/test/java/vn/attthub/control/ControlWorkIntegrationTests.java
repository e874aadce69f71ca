package vn.attthub.control;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Grant;
import vn.attthub.shared.Role;
import vn.attthub.shared.UserId;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** "Việc của tôi" for controls: what a user owns, what is overdue in their agency's systems, assessments due. */
@IntegrationTest
class ControlWorkIntegrationTests {
    static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    static final String FIRST = "TCVN11930-M-1";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ControlWork work;

    TestCallers.Agency province;
    TestCallers.Agency other;
    UUID system;
    String second;

    @BeforeEach
    void baseline() {
        TestCallers callers = new TestCallers(jdbc, port);
        province = callers.agency(callers.root(), "PROVINCE", "Tỉnh có việc kiểm soát");
        other = callers.agency(callers.root(), "PROVINCE", "Tỉnh khác");
        system = ControlFixtures.baselineInSql(jdbc, province.id());
        second = jdbc.sql("SELECT id FROM control_requirement WHERE id <> ? ORDER BY sort_order LIMIT 1")
                .param(FIRST).query(String.class).single();
        jdbc.sql("""
                        INSERT INTO control_baseline_item (system_id, requirement_id, required, added_for_level, added_at)
                        VALUES (?, ?, TRUE, 3, now())""").params(system, second).update();
    }

    static CurrentUser user(Role role, UUID agency) {
        return new CurrentUser(UserId.of(UUID.randomUUID()), "u", "U", AgencyId.of(agency),
                List.of(new Grant(role, AgencyId.of(agency))), "password");
    }

    void item(String requirement, String status, UUID ownerUser, UUID ownerAgency, LocalDate due) {
        jdbc.sql("""
                        UPDATE control_baseline_item SET status = ?, owner_user_id = ?, owner_agency_id = ?, due_on = ?
                        WHERE system_id = ? AND requirement_id = ?""")
                .params(status, ownerUser, ownerAgency, due, system, requirement).update();
    }

    List<String> requirements(CurrentUser user) {
        return work.forUser(user, TODAY, false, 20).stream().filter(i -> i.kind() == ControlWork.Kind.REQUIREMENT)
                .map(ControlWork.Item::requirementId).toList();
    }

    @Test
    void anOverdueRequirementInTheAgencysSystemComesFirstAndLinksToItsRow() {
        CurrentUser operator = user(Role.SYSTEM_OPERATOR, province.id());
        item(FIRST, "PLANNED", null, null, TODAY.plusDays(20));
        item(second, "NOT_STARTED", null, null, TODAY.minusDays(1));

        List<ControlWork.Item> items = work.forUser(operator, TODAY, false, 20);

        assertThat(items).hasSize(1); // the undated-owner, not yet due one is nobody's yet
        assertThat(items.get(0).requirementId()).isEqualTo(second);
        assertThat(items.get(0).overdue()).isTrue();
        assertThat(items.get(0).href()).isEqualTo("/systems/" + system + "/baseline#req-" + second);
    }

    @Test
    void requirementsOwnedByTheUserOrTheirAgencyAreTheirsUntilImplemented() {
        CurrentUser operator = user(Role.SYSTEM_OPERATOR, other.id());
        item(FIRST, "PARTLY_IMPLEMENTED", operator.id().value(), null, TODAY.plusDays(5));
        item(second, "PLANNED", null, other.id(), null);
        assertThat(requirements(operator)).containsExactly(FIRST, second);

        item(FIRST, "IMPLEMENTED", operator.id().value(), null, TODAY.plusDays(5));
        item(second, "NOT_APPLICABLE", null, other.id(), null);
        assertThat(requirements(operator)).isEmpty();
    }

    @Test
    void anotherAgencyAndReadOnlyRolesSeeNoRequirementOfThisAgency() {
        item(FIRST, "NOT_STARTED", null, province.id(), TODAY.minusDays(3));
        assertThat(requirements(user(Role.SYSTEM_OPERATOR, province.id()))).containsExactly(FIRST);
        assertThat(requirements(user(Role.SYSTEM_OPERATOR, other.id()))).isEmpty();
        assertThat(requirements(user(Role.VIEWER, province.id()))).isEmpty();
        assertThat(work.forUser(user(Role.INCIDENT_RESPONDER, province.id()), TODAY, false, 20)).isEmpty();
    }

    @Test
    void assessmentsOverdueOrDueWithinThirtyDaysAwaitTheAgency() {
        UUID due = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO control_assessment (id, obligation_id, scope, agency_id, period_months, due_on)
                        VALUES (?, 'ND85-20.2.c-ORG', 'ORGANISATION', ?, 24, ?)""")
                .params(due, province.id(), TODAY.plusDays(AssessmentDue.SOON_DAYS)).update();
        CurrentUser officer = user(Role.SECURITY_OFFICER, province.id());

        List<ControlWork.Item> items = work.forUser(officer, TODAY, false, 20).stream()
                .filter(i -> i.kind() == ControlWork.Kind.ASSESSMENT).toList();
        assertThat(items).singleElement().satisfies(i -> {
            assertThat(i.dueOn()).isEqualTo(TODAY.plusDays(30));
            assertThat(i.overdue()).isFalse();
            assertThat(i.href()).isEqualTo("/compliance");
        });
        assertThat(work.forUser(officer, TODAY.minusDays(1), false, 20))
                .noneMatch(i -> i.kind() == ControlWork.Kind.ASSESSMENT);
        assertThat(work.forUser(officer, TODAY.plusDays(31), false, 20))
                .filteredOn(i -> i.kind() == ControlWork.Kind.ASSESSMENT).singleElement()
                .satisfies(i -> assertThat(i.overdue()).isTrue());
        assertThat(work.forUser(user(Role.SECURITY_OFFICER, other.id()), TODAY, false, 20)).isEmpty();
    }
}
