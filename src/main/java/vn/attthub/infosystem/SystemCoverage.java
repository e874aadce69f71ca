package vn.attthub.infosystem;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.attthub.organisation.AgencyTree;

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
     * materialised path is {@code rootPath}. Reads the per-owner counts that a trigger keeps exact
     * (V90 {@code information_system_owner_count}): one row per agency of the subtree, never the systems.
     */
    public List<Count> operatingByChild(String rootPath) {
        return jdbc.sql("""
                        SELECT NULLIF(split_part(substr(a.path, :len + 1), '/', 1), '')::uuid AS child,
                               sum(c.operating) AS operating, sum(c.operating_approved) AS approved
                        FROM agency a JOIN information_system_owner_count c ON c.owner_id = a.id
                        WHERE a.path ~>=~ :from AND a.path ~<~ :to AND c.operating > 0
                        GROUP BY 1""")
                .param("len", rootPath.length()).param("from", rootPath).param("to", AgencyTree.subtreeEnd(rootPath))
                .query((rs, i) -> new Count(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3))).list();
    }
}
