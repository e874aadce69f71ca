package vn.attthub.control;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.dossier.LevelApproved;
import vn.attthub.shared.AgencyId;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An approved level becomes the system's baseline; a later approval at another level applies the delta. */
@IntegrationTest
class BaselineOnApprovalIntegrationTests {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    ControlCatalog catalog;
    @Autowired
    Baselines baselines;

    Map<String, Boolean> items(UUID system) {
        Map<String, Boolean> m = new java.util.HashMap<>();
        jdbc.sql("SELECT requirement_id, required FROM control_baseline_item WHERE system_id = ?").param(system)
                .query(rs -> {
                    m.put(rs.getString(1), rs.getBoolean(2));
                });
        return m;
    }

    @Test
    void aLevel3ApprovalInstantiatesTheLevel3BaselineAndItsAssessmentTasks() {
        TestCallers callers = new TestCallers(jdbc, port);
        var province = callers.agency(callers.root(), "PROVINCE", "Tỉnh có hệ thống cấp 3");
        var fixtures = new ControlFixtures(jdbc, tx, events);
        var system = fixtures.system(province, province, "OPERATING");
        Instant approvedAt = Instant.parse("2026-03-10T03:00:00Z");

        fixtures.approve(system, 3, null, approvedAt);

        Map<String, Boolean> items = items(system.id());
        assertThat(items.keySet()).containsExactlyInAnyOrderElementsOf(
                catalog.forLevel(3).stream().map(ControlCatalog.Requirement::id).toList());
        // Circular 31/2017 Art 5: direct monitoring minimum for level 3 and above; TT03 Art 8.4.a: levels 1-3.
        assertThat(items).containsKeys("TCVN11930-M-5.6-TT31.5", "TCVN11930-M-4.1-TT03.8.4.a")
                .doesNotContainKey("TCVN11930-M-4.1-TT03.8.4.b");
        assertThat(items.values()).containsOnly(true);

        // Decree 85/2016 Art 20.2.c: yearly for a level 3 system, every two years for the organisation.
        List<Map<String, Object>> tasks = jdbc.sql("""
                        SELECT scope, obligation_id, due_on FROM control_assessment WHERE (system_id = ? OR agency_id = ?)
                          AND completed_on IS NULL AND cancelled_at IS NULL ORDER BY scope""")
                .params(system.id(), province.id()).query().listOfRows();
        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(0)).containsEntry("scope", "ORGANISATION").containsEntry("due_on",
                java.sql.Date.valueOf(LocalDate.of(2028, 3, 10)));
        assertThat(tasks.get(1)).containsEntry("scope", "SYSTEM").containsEntry("obligation_id", "ND85-20.2.c-L3L4")
                .containsEntry("due_on", java.sql.Date.valueOf(LocalDate.of(2027, 3, 10)));

        Integer audited = jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'control.baseline-created' AND target_id = ?")
                .param(system.id().toString()).query(Integer.class).single();
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void aLevelChangeAddsAndRetiresRequirementsKeepingHistoryAndStatus() {
        TestCallers callers = new TestCallers(jdbc, port);
        var province = callers.agency(callers.root(), "PROVINCE", "Tỉnh nâng cấp độ");
        var fixtures = new ControlFixtures(jdbc, tx, events);
        var system = fixtures.system(province, province, "OPERATING");
        Instant first = Instant.parse("2025-05-02T02:00:00Z");
        fixtures.approve(system, 3, null, first);
        jdbc.sql("UPDATE control_baseline_item SET status = 'IMPLEMENTED' WHERE system_id = ? AND requirement_id = ?")
                .params(system.id(), "TCVN11930-M-4.1-TT03.8.4.a").update();

        Instant second = first.plus(200, ChronoUnit.DAYS);
        fixtures.approve(system, 5, 3, second);

        Map<String, Boolean> items = items(system.id());
        // TT03 Art 8.4.b applies to levels 4-5; Art 8.4.a only to levels 1-3: retired, not deleted, status kept.
        assertThat(items).containsEntry("TCVN11930-M-4.1-TT03.8.4.b", true)
                .containsEntry("TCVN11930-T-1-TT03.3.2", true)
                .containsEntry("TCVN11930-M-4.1-TT03.8.4.a", false);
        String status = jdbc.sql("SELECT status FROM control_baseline_item WHERE system_id = ? AND requirement_id = ?")
                .params(system.id(), "TCVN11930-M-4.1-TT03.8.4.a").query(String.class).single();
        assertThat(status).isEqualTo("IMPLEMENTED");
        var history = jdbc.sql("SELECT level, previous_level, added, retired FROM control_baseline_level WHERE system_id = ? ORDER BY approved_at")
                .param(system.id()).query().listOfRows();
        assertThat(history).hasSize(2);
        assertThat(history.get(1)).containsEntry("level", 5).containsEntry("previous_level", 3)
                .containsEntry("retired", 1);
        // Level 5: every 6 months; the open system task is re-planned, not duplicated, and keeps the sooner of its
        // yearly due date (level 3) and six months after the new approval.
        var tasks = jdbc.sql("SELECT obligation_id, due_on FROM control_assessment WHERE system_id = ? AND completed_on IS NULL AND cancelled_at IS NULL")
                .param(system.id()).query().listOfRows();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0)).containsEntry("obligation_id", "ND85-20.2.c-L5")
                .containsEntry("due_on", java.sql.Date.valueOf(java.util.Collections.min(List.of(
                        LocalDate.ofInstant(first, ZONE).plusYears(1), LocalDate.ofInstant(second, ZONE).plusMonths(6)))));
    }

    @Test
    void aRedeliveredOrOlderApprovalChangesNothing() {
        TestCallers callers = new TestCallers(jdbc, port);
        var province = callers.agency(callers.root(), "PROVINCE", "Tỉnh nhận sự kiện lặp");
        var fixtures = new ControlFixtures(jdbc, tx, events);
        var system = fixtures.system(province, province, "OPERATING");
        Instant at = Instant.parse("2026-01-05T01:00:00Z");
        fixtures.approve(system, 2, null, at);
        int before = items(system.id()).size();

        BaselineDelta again = baselines.apply(new LevelApproved(system.id(), AgencyId.of(province.id()), 2, null,
                UUID.randomUUID(), at));
        BaselineDelta older = baselines.apply(new LevelApproved(system.id(), AgencyId.of(province.id()), 4, null,
                UUID.randomUUID(), at.minus(1, ChronoUnit.DAYS)));

        assertThat(again.empty()).isTrue();
        assertThat(older.empty()).isTrue();
        assertThat(items(system.id())).hasSize(before);
        Integer level = jdbc.sql("SELECT level FROM control_baseline WHERE system_id = ?").param(system.id())
                .query(Integer.class).single();
        assertThat(level).isEqualTo(2);
        // Levels 1-2 owe no periodic system assessment (Decree 85/2016 Art 20.2.c names levels 3, 4 and 5).
        Integer systemTasks = jdbc.sql("SELECT count(*) FROM control_assessment WHERE system_id = ?").param(system.id())
                .query(Integer.class).single();
        assertThat(systemTasks).isZero();
    }
}
