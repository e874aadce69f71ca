package vn.attthub.dossier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.attthub.organisation.AgencyTree;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Permission;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Dossier figures for an agency subtree (the coverage dashboard) and the overdue view: steps past their legal
 * deadline whose responsible agency, or its superior, is in the caller's scope.
 */
@Component
public class DossierOverview {
    private final JdbcClient jdbc;

    DossierOverview(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Open steps past their deadline at {@code now} whose responsible agency lies within {@code root}'s subtree. */
    public long overdueStepsWithin(AgencyId root, Instant now) {
        String path = jdbc.sql("SELECT path FROM agency WHERE id = ?").param(root.value()).query(String.class)
                .optional().orElse(null);
        if (path == null) return 0;
        return jdbc.sql("""
                        SELECT count(*) FROM dossier_step s
                        JOIN agency a ON a.id = s.agency_id AND a.path ~>=~ :from AND a.path ~<~ :to
                        WHERE s.satisfied_at IS NULL AND s.due_at < :now""")
                .param("from", path).param("to", AgencyTree.subtreeEnd(path)).param("now", Timestamp.from(now))
                .query(Long.class).single();
    }

    /** How many dossiers (all versions) of systems owned within {@code root}'s subtree are in each state. */
    public Map<DossierState, Long> countsByStateWithin(AgencyId root) {
        Map<DossierState, Long> counts = new EnumMap<>(DossierState.class);
        for (DossierState s : DossierState.values()) counts.put(s, 0L);
        jdbc.sql("""
                        SELECT d.state, count(*) FROM dossier d
                        JOIN agency a ON a.id = d.owner_id
                        JOIN agency r ON r.id = :root AND a.path LIKE r.path || '%'
                        GROUP BY d.state""")
                .param("root", root.value())
                .query((rs, i) -> counts.put(DossierState.valueOf(rs.getString(1)), rs.getLong(2))).list();
        return counts;
    }

    /** One overdue step as the overdue view lists it. */
    public record OverdueStep(UUID dossierId, String systemCode, String systemName, int level, String step,
                              UUID agencyId, String agencyCode, String agencyName, Instant dueAt,
                              Instant flaggedAt, List<String> notified) {
    }

    /** Open overdue steps whose responsible agency (or its superior) lies in the caller's DOSSIER_READ scope. */
    public List<OverdueStep> overdueFor(CurrentUser user) {
        Set<AgencyId> roots = user.scopeOf(Permission.DOSSIER_READ);
        if (roots.isEmpty()) return List.of();
        return jdbc.sql("""
                        SELECT s.dossier_id, d.system_code, d.system_name, d.proposed_level, s.kind, a.id, a.code,
                               a.name_vi, s.due_at, s.overdue_flagged_at,
                               ARRAY(SELECT n.recipient || ':' || na.code FROM dossier_overdue_notice n
                                     JOIN agency na ON na.id = n.agency_id WHERE n.step_id = s.id
                                     ORDER BY n.recipient DESC) AS notified
                        FROM dossier_step s JOIN dossier d ON d.id = s.dossier_id JOIN agency a ON a.id = s.agency_id
                        WHERE s.satisfied_at IS NULL AND s.due_at < now()
                          AND EXISTS (SELECT 1 FROM agency scope_root WHERE scope_root.id = ANY(:scopeRoots)
                                      AND (a.path LIKE scope_root.path || '%'
                                           OR scope_root.id = a.parent_id))
                        ORDER BY s.due_at LIMIT 200""")
                .param("scopeRoots", DossierStore.roots(roots))
                .query((rs, i) -> new OverdueStep(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getInt(4), rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant(), rs.getTimestamp(10) == null ? null
                        : rs.getTimestamp(10).toInstant(), List.of((String[]) rs.getArray(11).getArray())))
                .list();
    }
}
