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

    /** [operating, approved, baselines, applicable, compliant, fully compliant, stale] per child (null = own). */
    Map<UUID, List<Long>> straightforward(TestCallers.Agency root) {
        Map<UUID, long[]> m = new HashMap<>();
        String child = "NULLIF(split_part(substr(a.path, :len + 1), '/', 1), '')::uuid";
        jdbc.sql("SELECT " + child + ", count(*), count(s.approved_level) FROM agency a JOIN information_system s "
                        + "ON s.owner_id = a.id AND s.lifecycle = 'OPERATING' WHERE a.path LIKE :p || '%' GROUP BY 1")
                .param("len", root.path().length()).param("p", root.path())
                .query(rs -> {
                    long[] v = m.computeIfAbsent(rs.getObject(1, UUID.class), k -> new long[7]);
                    v[0] = rs.getLong(2);
                    v[1] = rs.getLong(3);
                });
        jdbc.sql("SELECT " + child + ", count(*), sum(b.applicable_count), sum(b.compliant_count), count(*) FILTER "
                        + "(WHERE b.applicable_count > 0 AND b.compliant_count = b.applicable_count), sum(b.stale_count) "
                        + "FROM agency a JOIN control_baseline b ON b.owner_agency_id = a.id WHERE a.path LIKE :p || '%' GROUP BY 1")
                .param("len", root.path().length()).param("p", root.path())
                .query(rs -> {
                    long[] v = m.computeIfAbsent(rs.getObject(1, UUID.class), k -> new long[7]);
                    for (int i = 0; i < 5; i++) v[2 + i] = rs.getLong(2 + i);
                });
        Map<UUID, List<Long>> result = new HashMap<>();
        m.forEach((k, v) -> result.put(k, java.util.Arrays.stream(v).boxed().toList()));
        return result;
    }

    Map<UUID, List<Long>> dashboard(TestCallers.Agency root) {
        Map<UUID, List<Long>> result = new HashMap<>();
        for (Coverage.Row r : coverage.of(AgencyId.of(root.id()), today).rows()) {
            if (r.operating() == 0 && r.baselines() == 0) continue;
            result.put(r.own() ? null : r.agencyId(), List.of(r.operating(), r.operatingApproved(), r.baselines(),
                    r.applicable(), r.compliant(), r.fullyCompliant(), r.stale()));
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

    void check(TestCallers.Agency... roots) {
        ownerCountsMatchARecount();
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
        assertThat(dashboard(province).get(department.id())).containsExactly(2L, 0L, 0L, 0L, 0L, 0L, 0L);

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
