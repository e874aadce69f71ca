package vn.attthub.infosystem;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Set-based counts of registered systems over an agency subtree, grouped by the root's direct children, for
 * dashboards that cover a whole province or the country (Directive 09/CT-TTg 2024: every operating system must have
 * an approved level). Systems count under their owner (chủ quản). No scope check: callers check the root first.
 */
@Component
public class SystemCoverage {
    private final JdbcClient jdbc;

    SystemCoverage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param childId the root's direct child whose subtree owns the systems, or null for systems owned by the root
     */
    public record Count(UUID childId, long operating, long operatingApproved) {
    }

    /**
     * Operating systems, and those of them with an approved level, per direct child of the agency whose
     * materialised path is {@code rootPath}. Reads the subtree totals that triggers keep exact (V92
     * {@code information_system_subtree_count}, summed from the per-owner counts of V90): one row per direct child
     * plus the root's own counts, never the systems nor the rest of the subtree.
     */
    public List<Count> operatingByChild(String rootPath) {
        return jdbc.sql("""
                        SELECT a.id AS child, s.operating, s.operating_approved
                        FROM agency r JOIN agency a ON a.parent_id = r.id
                             JOIN information_system_subtree_count s ON s.agency_id = a.id
                        WHERE r.path = :path AND s.operating > 0
                        UNION ALL
                        SELECT NULL, c.operating, c.operating_approved
                        FROM agency r JOIN information_system_owner_count c ON c.owner_id = r.id
                        WHERE r.path = :path AND c.operating > 0""")
                .param("path", rootPath)
                .query((rs, i) -> new Count(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3))).list();
    }
}
