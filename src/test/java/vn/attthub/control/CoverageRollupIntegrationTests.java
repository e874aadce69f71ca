package vn.attthub.control;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.organisation.AgencyTree;
import vn.attthub.shared.AgencyId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The coverage dashboard reads per-owner and subtree counts that triggers keep (V90 information_system_owner_count, V91
 * control_baseline_owner_count, V92 subtree totals per agency). After every kind of change (new systems, level approvals,
 * lifecycle changes, baseline status changes, owner changes, agency moves and closures) its figures must equal a
 * straightforward count over the systems and baselines themselves.
 */
@IntegrationTest
class CoverageRollupIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    Coverage coverage;
    @Autowired
    ComplianceCounters counters;

    final LocalDate today = ComplianceCounters.today();

    /** [operating, approved, baselines, applicable, compliant, fully compliant, stale, due soon, overdue] per child (null = own). */
    Map<UUID, List<Long>> straightforward(TestCallers.Agency root) {
        Map<UUID, long[]> m = new HashMap<>();
        String child = "NULLIF(split_part(substr(a.path, :len + 1), '/', 1), '')::uuid";
        jdbc.sql("SELECT " + child + ", count(*), count(s.approved_level) FROM agency a JOIN information_system s "
                        + "ON s.owner_id = a.id AND s.lifecycle = 'OPERATING' WHERE a.path LIKE :p || '%' GROUP BY 1")
                .param("len", root.path().length()).param("p", root.path())
                .query(rs -> {
                    long[] v = m.computeIfAbsent(rs.getObject(1, UUID.class), k -> new long[9]);
                    v[0] = rs.getLong(2);
                    v[1] = rs.getLong(3);
                });
        jdbc.sql("SELECT " + child + ", count(*), sum(b.applicable_count), sum(b.compliant_count), count(*) FILTER "
                        + "(WHERE b.applicable_count > 0 AND b.compliant_count = b.applicable_count), sum(b.stale_count) "
                        + "FROM agency a JOIN control_baseline b ON b.owner_agency_id = a.id WHERE a.path LIKE :p || '%' GROUP BY 1")
                .param("len", root.path().length()).param("p", root.path())
                .query(rs -> {
                    long[] v = m.computeIfAbsent(rs.getObject(1, UUID.class), k -> new long[9]);
                    for (int i = 0; i < 5; i++) v[2 + i] = rs.getLong(2 + i);
                });
        jdbc.sql("SELECT " + child + ", count(*) FILTER (WHERE t.due_on >= :today AND t.due_on <= :soon), "
                        + "count(*) FILTER (WHERE t.due_on < :today) FROM agency a JOIN control_assessment t "
                        + "ON t.agency_id = a.id AND t.completed_on IS NULL AND t.cancelled_at IS NULL "
                        + "WHERE a.path LIKE :p || '%' GROUP BY 1 "
                        + "HAVING count(*) FILTER (WHERE t.due_on <= :soon) > 0")
                .param("len", root.path().length()).param("p", root.path()).param("today", today)
                .param("soon", today.plusDays(AssessmentDue.SOON_DAYS))
                .query(rs -> {
                    long[] v = m.computeIfAbsent(rs.getObject(1, UUID.class), k -> new long[9]);
                    v[7] = rs.getLong(2);
                    v[8] = rs.getLong(3);
                });
        Map<UUID, List<Long>> result = new HashMap<>();
        m.forEach((k, v) -> result.put(k, java.util.Arrays.stream(v).boxed().toList()));
        return result;
    }

    Map<UUID, List<Long>> dashboard(TestCallers.Agency root) {
        Map<UUID, List<Long>> result = new HashMap<>();
        for (Coverage.Row r : coverage.of(AgencyId.of(root.id()), today).rows()) {
            if (r.empty()) continue;
            result.put(r.own() ? null : r.agencyId(), List.of(r.operating(), r.operatingApproved(), r.baselines(),
                    r.applicable(), r.compliant(), r.fullyCompliant(), r.stale(), r.assessmentsDueSoon(),
                    r.assessmentsOverdue()));
        }
        return result;
    }

    /** The per-owner tables hold exactly what a recount of every system and baseline gives. */
    void ownerCountsMatchARecount() {
        List<Map<String, Object>> systems = jdbc.sql("""
                (SELECT owner_id, count(*) AS n, count(approved_level) AS approved FROM information_system
                 WHERE lifecycle = 'OPERATING' GROUP BY owner_id
                 EXCEPT SELECT owner_id, operating, operating_approved FROM information_system_owner_count WHERE operating > 0)
                UNION ALL
                (SELECT owner_id, operating, operating_approved FROM information_system_owner_count WHERE operating > 0
                 EXCEPT SELECT owner_id, count(*), count(approved_level) FROM information_system
                 WHERE lifecycle = 'OPERATING' GROUP BY owner_id)""").query().listOfRows();
        assertThat(systems).as("information_system_owner_count differs from a recount").isEmpty();
        List<Map<String, Object>> baselines = jdbc.sql("""
                WITH recount AS (
                  SELECT owner_agency_id, count(*) AS n, sum(applicable_count) AS a, sum(compliant_count) AS c,
                         count(*) FILTER (WHERE applicable_count > 0 AND compliant_count = applicable_count) AS f,
                         sum(stale_count) AS s FROM control_baseline GROUP BY owner_agency_id),
                kept AS (SELECT owner_agency_id, baselines, applicable, compliant, fully_compliant, stale
                         FROM control_baseline_owner_count WHERE baselines > 0)
                (SELECT * FROM recount EXCEPT SELECT * FROM kept) UNION ALL (SELECT * FROM kept EXCEPT SELECT * FROM recount)""")
                .query().listOfRows();
        assertThat(baselines).as("control_baseline_owner_count differs from a recount").isEmpty();
        subtreeTotalsMatchARecount();
    }

    /** The subtree tables (V92) hold, for every agency, exactly the recount over every owner of its subtree. */
    void subtreeTotalsMatchARecount() {
        List<Map<String, Object>> systems = jdbc.sql("""
                WITH recount AS (
                  SELECT a.id, count(*) AS n, count(s.approved_level) AS approved
                  FROM agency a JOIN agency o ON o.path LIKE a.path || '%'
                       JOIN information_system s ON s.owner_id = o.id AND s.lifecycle = 'OPERATING'
                  GROUP BY a.id),
                kept AS (SELECT agency_id, operating, operating_approved FROM information_system_subtree_count
                         WHERE operating <> 0 OR operating_approved <> 0)
                (SELECT * FROM recount EXCEPT SELECT * FROM kept) UNION ALL (SELECT * FROM kept EXCEPT SELECT * FROM recount)""")
                .query().listOfRows();
        assertThat(systems).as("information_system_subtree_count differs from a recount").isEmpty();
        List<Map<String, Object>> baselines = jdbc.sql("""
                WITH recount AS (
                  SELECT a.id, count(*) AS n, sum(b.applicable_count) AS a, sum(b.compliant_count) AS c,
                         count(*) FILTER (WHERE b.applicable_count > 0 AND b.compliant_count = b.applicable_count) AS f,
                         sum(b.stale_count) AS s
                  FROM agency a JOIN agency o ON o.path LIKE a.path || '%'
                       JOIN control_baseline b ON b.owner_agency_id = o.id
                  GROUP BY a.id),
                kept AS (SELECT agency_id, baselines, applicable, compliant, fully_compliant, stale
                         FROM control_baseline_subtree_count
                         WHERE baselines <> 0 OR applicable <> 0 OR compliant <> 0 OR fully_compliant <> 0 OR stale <> 0)
                (SELECT * FROM recount EXCEPT SELECT * FROM kept) UNION ALL (SELECT * FROM kept EXCEPT SELECT * FROM recount)""")
                .query().listOfRows();
        assertThat(baselines).as("control_baseline_subtree_count differs from a recount").isEmpty();
    }

    /** The open assessments per ancestor and due date (V95) equal a recount over every agency's subtree. */
    void assessmentsDueMatchARecount() {
        List<Map<String, Object>> rows = jdbc.sql("""
                WITH recount AS (
                  SELECT a.id, t.due_on, count(*) AS n
                  FROM agency a JOIN agency o ON o.path LIKE a.path || '%'
                       JOIN control_assessment t ON t.agency_id = o.id AND t.completed_on IS NULL AND t.cancelled_at IS NULL
                  GROUP BY a.id, t.due_on),
                kept AS (SELECT agency_id, due_on, open FROM control_assessment_subtree_due)
                (SELECT * FROM recount EXCEPT SELECT * FROM kept) UNION ALL (SELECT * FROM kept EXCEPT SELECT * FROM recount)""")
                .query().listOfRows();
        assertThat(rows).as("control_assessment_subtree_due differs from a recount").isEmpty();
    }

    UUID assessment(TestCallers.Agency agency, LocalDate due) {
        UUID id = UUID.randomUUID();
        // One open organisation assessment per agency: an approval may already have opened one; it is cancelled.
        jdbc.sql("""
                        UPDATE control_assessment SET cancelled_at = now() WHERE agency_id = ? AND scope = 'ORGANISATION'
                        AND completed_on IS NULL AND cancelled_at IS NULL""").param(agency.id()).update();
        jdbc.sql("""
                        INSERT INTO control_assessment (id, obligation_id, scope, agency_id, period_months, due_on)
                        VALUES (?, 'ND85-A20-2C', 'ORGANISATION', ?, 12, ?)""").params(id, agency.id(), due).update();
        return id;
    }

    void check(TestCallers.Agency... roots) {
        ownerCountsMatchARecount();
        assessmentsDueMatchARecount();
        for (TestCallers.Agency root : roots) {
            assertThat(dashboard(root)).as("dashboard of %s", root.code()).isEqualTo(straightforward(root));
        }
    }

    void setStatus(UUID system, String status, int howMany) {
        jdbc.sql("""
                        UPDATE control_baseline_item SET status = ?, updated_at = now()
                        WHERE (system_id, requirement_id) IN (SELECT system_id, requirement_id FROM control_baseline_item
                                                              WHERE system_id = ? AND required ORDER BY requirement_id LIMIT ?)""")
                .params(status, system, howMany).update();
        counters.recompute(List.of(system), today);
    }

    @Test
    void rolledUpFiguresEqualAStraightforwardCountAfterEveryKindOfChange() {
        TestCallers callers = new TestCallers(jdbc, port);
        var root = callers.root();
        var province = callers.agency(root, "PROVINCE", "Tỉnh kiểm thử tổng hợp");
        var department = callers.agency(province, "DEPARTMENT", "Sở Thông tin kiểm thử");
        var unit = callers.agency(department, "UNIT", "Trung tâm kiểm thử");
        var commune = callers.agency(province, "COMMUNE", "Xã kiểm thử");
        var other = callers.agency(root, "PROVINCE", "Tỉnh kiểm thử nhận");
        var fixtures = new ControlFixtures(jdbc, tx, events);

        // New systems in every lifecycle, owned at every depth of the subtree.
        var own = fixtures.system(province, province, "OPERATING");
        var deptSystem = fixtures.system(department, department, "OPERATING");
        var unitSystem = fixtures.system(unit, department, "OPERATING");
        var unitPlanned = fixtures.system(unit, unit, "PLANNED");
        var communeSystem = fixtures.system(commune, commune, "UNDER_CONSTRUCTION");
        check(province, root, department);
        assertThat(dashboard(province).get(department.id())).containsExactly(2L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);

        // Level approvals create baselines (with their counters) and count the system as approved.
        Instant t = Instant.parse("2026-05-04T03:00:00Z");
        fixtures.approve(own, 3, null, t);
        fixtures.approve(unitSystem, 2, null, t);
        fixtures.approve(unitPlanned, 1, null, t);
        check(province, root, department);
        assertThat(dashboard(province).get(null)).element(1).isEqualTo(1L);

        // Baseline status changes move the compliance counters (implemented items count only with current evidence;
        // not-applicable ones leave the applicable total).
        jdbc.sql("UPDATE control_baseline_item SET justification = 'Không áp dụng cho hệ thống này' WHERE system_id = ?")
                .param(own.id()).update();
        setStatus(own.id(), "NOT_APPLICABLE", 3);
        setStatus(unitSystem.id(), "IMPLEMENTED", 2);
        check(province, root, department);

        // Open periodic assessments: overdue, due soon and later, at every depth; then completed, cancelled, re-dated,
        // moved to another agency and deleted.
        var unit2 = callers.agency(department, "UNIT", "Phòng kiểm thử");
        UUID provinceOverdue = assessment(province, today.minusDays(3));
        UUID deptSoon = assessment(department, today.plusDays(5));
        UUID unitOverdue = assessment(unit, today.minusDays(40));
        assessment(commune, today.plusDays(AssessmentDue.SOON_DAYS));
        UUID unit2Later = assessment(unit2, today.plusDays(AssessmentDue.SOON_DAYS + 1));
        UUID rootSoon = assessment(root, today);
        check(province, root, department, unit);
        assertThat(dashboard(province).get(department.id())).endsWith(1L, 1L);
        assertThat(dashboard(province).get(commune.id())).endsWith(1L, 0L);
        assertThat(dashboard(province).get(null)).endsWith(0L, 1L);
        jdbc.sql("UPDATE control_assessment SET completed_on = ? WHERE id = ?").params(today, provinceOverdue).update();
        jdbc.sql("UPDATE control_assessment SET cancelled_at = now() WHERE id = ?").param(rootSoon).update();
        jdbc.sql("UPDATE control_assessment SET due_on = ? WHERE id = ?").params(today.minusDays(1), unit2Later).update();
        jdbc.sql("DELETE FROM control_assessment WHERE id = ?").param(unitOverdue).update();
        jdbc.sql("UPDATE control_assessment SET agency_id = ? WHERE id = ?").params(unit.id(), deptSoon).update();
        check(province, root, department, unit);
        assertThat(dashboard(province).get(department.id())).endsWith(1L, 1L);
        assertThat(dashboard(department).get(unit.id())).endsWith(1L, 0L);
        jdbc.sql("UPDATE control_assessment SET completed_on = NULL WHERE id = ?").param(provinceOverdue).update();
        check(province, root, department, unit);

        // A re-approval at another level applies the baseline delta.
        fixtures.approve(own, 4, 3, t.plusSeconds(86_400));
        check(province, root, department);

        // Lifecycle changes: into and out of operation.
        jdbc.sql("UPDATE information_system SET lifecycle = 'OPERATING' WHERE id IN (?, ?)")
                .params(unitPlanned.id(), communeSystem.id()).update();
        jdbc.sql("UPDATE information_system SET lifecycle = 'RETIRED' WHERE id = ?").param(deptSystem.id()).update();
        check(province, root, department);
        assertThat(dashboard(province).get(commune.id())).element(0).isEqualTo(1L);

        // A system changes owner (and its baseline follows).
        jdbc.sql("UPDATE information_system SET owner_id = ? WHERE id = ?").params(commune.id(), unitSystem.id()).update();
        jdbc.sql("UPDATE control_baseline SET owner_agency_id = ? WHERE system_id = ?").params(commune.id(), unitSystem.id()).update();
        check(province, root, department, other);

        // The department's subtree moves to another province, as Agencies.moveSubtree does it.
        String movedPath = other.path() + department.id() + "/";
        jdbc.sql("UPDATE agency SET parent_id = ? WHERE id = ?").params(other.id(), department.id()).update();
        jdbc.sql("UPDATE agency SET path = ? || substr(path, ?) WHERE path LIKE ? || '%'")
                .params(movedPath, department.path().length() + 1, department.path()).update();
        var movedDepartment = new TestCallers.Agency(department.id(), department.code(), movedPath);
        check(province, root, other, movedDepartment);
        assertThat(dashboard(province)).doesNotContainKey(department.id());
        assertThat(dashboard(other)).containsKey(department.id());

        // A closed agency that still owns systems keeps its row.
        jdbc.sql("UPDATE agency SET valid_to = ? WHERE id = ?").params(today.minusDays(1), commune.id()).update();
        check(province, root, other);
        assertThat(dashboard(province)).containsKey(commune.id());

        // A system removed from the register leaves the counts.
        jdbc.sql("DELETE FROM information_system WHERE id = ?").param(communeSystem.id()).update();
        check(province, root, other);
    }

    @Test
    void theSubtreeRangeEndsJustAfterEveryPathThatStartsWithTheRootsPath() {
        assertThat(AgencyTree.subtreeEnd("/a/b/")).isEqualTo("/a/b0");
        String root = "/" + UUID.randomUUID() + "/";
        String end = AgencyTree.subtreeEnd(root);
        for (int i = 0; i < 200; i++) {
            String inside = root + UUID.randomUUID() + "/" + (i % 2 == 0 ? UUID.randomUUID() + "/" : "");
            assertThat(inside.compareTo(root) >= 0 && inside.compareTo(end) < 0).as(inside).isTrue();
            String sibling = "/" + UUID.randomUUID() + "/";
            assertThat(sibling.compareTo(root) >= 0 && sibling.compareTo(end) < 0).as(sibling)
                    .isEqualTo(sibling.startsWith(root));
        }
        assertThat(root.compareTo(root) >= 0 && root.compareTo(end) < 0).isTrue();
        assertThatThrownBy(() -> AgencyTree.subtreeEnd("/a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
