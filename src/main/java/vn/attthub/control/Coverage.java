package vn.attthub.control;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.attthub.infosystem.SystemCoverage;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.NotFoundException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The coverage dashboard of an agency subtree, one row per direct child agency plus the root's own systems: operating
 * systems with an approved level (target 100%, Directive 09/CT-TTg of 23/02/2024), baselines and the share of
 * applicable requirements implemented with current evidence, stale evidence, and periodic assessments due soon or
 * overdue (Decree 85/2016 Art 20.2.c). Systems and baselines are read from subtree totals kept exact by triggers
 * (V92, over the per-owner counts of V90 and V91): one row per direct child plus the root's own counts, never
 * systems, requirements or inventories. Open periodic assessments depend on today's date: they are counted per
 * ancestor and due date (V95, kept by triggers), and the root's direct children sum the dates up to the due-soon
 * horizon; the root's own ones are read directly.
 */
@Component
public class Coverage {
    private final JdbcClient jdbc;
    private final SystemCoverage systems;
    private final ComplianceCounters counters;

    Coverage(JdbcClient jdbc, SystemCoverage systems, ComplianceCounters counters) {
        this.jdbc = jdbc;
        this.systems = systems;
        this.counters = counters;
    }

    public record Row(UUID agencyId, String code, String name, boolean own, long operating, long operatingApproved,
                      long baselines, long applicable, long compliant, long fullyCompliant, long stale,
                      long assessmentsDueSoon, long assessmentsOverdue) {
        /** Operating systems with an approved level, percent (null without operating systems). */
        public Integer approvedPercent() {
            return operating == 0 ? null : (int) Math.floor(operatingApproved * 100.0 / operating);
        }

        /** Applicable requirements implemented with current evidence, percent (null without baselines). */
        public Integer compliancePercent() {
            return applicable == 0 ? null : (int) Math.floor(compliant * 100.0 / applicable);
        }

        Row plus(Row o) {
            return new Row(agencyId, code, name, own, operating + o.operating, operatingApproved + o.operatingApproved,
                    baselines + o.baselines, applicable + o.applicable, compliant + o.compliant,
                    fullyCompliant + o.fullyCompliant, stale + o.stale, assessmentsDueSoon + o.assessmentsDueSoon,
                    assessmentsOverdue + o.assessmentsOverdue);
        }

        boolean empty() {
            return operating == 0 && baselines == 0 && assessmentsDueSoon == 0 && assessmentsOverdue == 0;
        }
    }

    public record Report(AgencyId rootId, String rootCode, String rootName, LocalDate today, Row total, List<Row> rows) {
    }

    private record Root(UUID id, String code, String name, String path) {
    }

    public Report of(AgencyId rootId, LocalDate today) {
        Root root = jdbc.sql("SELECT id, code, name_vi, path FROM agency WHERE id = ?").param(rootId.value())
                .query((rs, i) -> new Root(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional().orElseThrow(() -> new NotFoundException("agency", rootId));
        counters.refreshExpired(today);

        Map<UUID, long[]> byChild = new HashMap<>(); // key null = the root's own systems
        // [operating, approved, baselines, applicable, compliant, fully, stale, dueSoon, overdue]
        for (SystemCoverage.Count c : systems.operatingByChild(root.path())) {
            long[] v = byChild.computeIfAbsent(c.childId(), k -> new long[9]);
            v[0] += c.operating();
            v[1] += c.operatingApproved();
        }
        jdbc.sql("""
                        SELECT a.id AS child, s.baselines, s.applicable, s.compliant, s.fully_compliant, s.stale
                        FROM agency a JOIN control_baseline_subtree_count s ON s.agency_id = a.id
                        WHERE a.parent_id = :root AND s.baselines > 0
                        UNION ALL
                        SELECT NULL, b.baselines, b.applicable, b.compliant, b.fully_compliant, b.stale
                        FROM control_baseline_owner_count b WHERE b.owner_agency_id = :root AND b.baselines > 0""")
                .param("root", root.id())
                .query(rs -> {
                    long[] v = byChild.computeIfAbsent(rs.getObject(1, UUID.class), k -> new long[9]);
                    v[2] += rs.getLong(2);
                    v[3] += rs.getLong(3);
                    v[4] += rs.getLong(4);
                    v[5] += rs.getLong(5);
                    v[6] += rs.getLong(6);
                });
        jdbc.sql("""
                        SELECT a.id AS child, sum(d.open) FILTER (WHERE d.due_on >= :today),
                               sum(d.open) FILTER (WHERE d.due_on < :today)
                        FROM agency a JOIN control_assessment_subtree_due d ON d.agency_id = a.id AND d.due_on <= :soon
                        WHERE a.parent_id = :root GROUP BY a.id
                        UNION ALL
                        SELECT NULL, count(*) FILTER (WHERE t.due_on >= :today), count(*) FILTER (WHERE t.due_on < :today)
                        FROM control_assessment t WHERE t.agency_id = :root AND t.completed_on IS NULL
                             AND t.cancelled_at IS NULL AND t.due_on <= :soon""")
                .param("root", root.id()).param("today", today)
                .param("soon", today.plusDays(AssessmentDue.SOON_DAYS))
                .query(rs -> {
                    long soon = rs.getLong(2), overdue = rs.getLong(3);
                    if (soon == 0 && overdue == 0) return;
                    long[] v = byChild.computeIfAbsent(rs.getObject(1, UUID.class), k -> new long[9]);
                    v[7] += soon;
                    v[8] += overdue;
                });

        record Child(UUID id, String code, String name) {
        }
        Map<UUID, Child> children = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT id, code, name_vi FROM agency WHERE parent_id = ? AND (valid_to IS NULL OR valid_to >= ?)
                        ORDER BY name_vi""").params(root.id(), today)
                .query((rs, i) -> new Child(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .list().forEach(c -> children.put(c.id(), c));
        List<UUID> missing = byChild.keySet().stream().filter(k -> k != null && !children.containsKey(k)).toList();
        if (!missing.isEmpty()) { // closed children that still own systems
            jdbc.sql("SELECT id, code, name_vi FROM agency WHERE id = ANY(?)").param(missing.toArray(UUID[]::new))
                    .query((rs, i) -> new Child(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                    .list().forEach(c -> children.put(c.id(), c));
        }
        List<Row> rows = new ArrayList<>();
        Row total = row(root.id(), root.code(), root.name(), false, new long[9]);
        long[] own = byChild.get(null);
        if (own != null) {
            Row r = row(root.id(), root.code(), root.name(), true, own);
            rows.add(r);
            total = total.plus(r);
        }
        for (Child c : children.values()) {
            Row r = row(c.id(), c.code(), c.name(), false, byChild.getOrDefault(c.id(), new long[9]));
            rows.add(r);
            total = total.plus(r);
        }
        return new Report(AgencyId.of(root.id()), root.code(), root.name(), today, total, rows);
    }

    private static Row row(UUID id, String code, String name, boolean own, long[] v) {
        return new Row(id, code, name, own, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }
}
