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
     * materialised path is {@code rootPath}.
     */
    public List<Count> operatingByChild(String rootPath) {
        return jdbc.sql("""
                        SELECT NULLIF(split_part(substr(a.path, :len + 1), '/', 1), '')::uuid AS child,
                               count(*) AS operating, count(s.approved_level) AS approved
                        FROM agency a JOIN information_system s ON s.owner_id = a.id AND s.lifecycle = 'OPERATING'
                        WHERE a.path LIKE :prefix
                        GROUP BY 1""")
                .param("len", rootPath.length()).param("prefix", rootPath + "%")
                .query((rs, i) -> new Count(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3))).list();
    }
}
