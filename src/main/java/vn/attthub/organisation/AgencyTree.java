package vn.attthub.organisation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.attthub.shared.AgencyId;

import java.util.Collection;
import java.util.UUID;

/**
 * Answers "is this agency inside these subtrees?" for every module's scope checks. Subtree membership is a
 * prefix match on the materialised path, so it stays one index lookup however deep the tree is.
 */
@Component
public class AgencyTree {
    private final JdbcClient jdbc;

    AgencyTree(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean within(AgencyId agency, Collection<AgencyId> roots) {
        if (agency == null || roots.isEmpty()) {
            return false;
        }
        UUID[] rootIds = roots.stream().map(AgencyId::value).toArray(UUID[]::new);
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM agency a JOIN agency r ON a.path LIKE r.path || '%'
                                       WHERE a.id = ? AND r.id = ANY(?))""")
                .params(agency.value(), rootIds)
                .query(Boolean.class).single();
    }

    /**
     * The smallest string above every path of the subtree at {@code path} ("/a/b/" becomes "/a/b0": '0' follows '/'),
     * so that {@code a.path ~>=~ :path AND a.path ~<~ :end} selects the subtree. Unlike {@code LIKE :path || '%'},
     * this range stays usable by the {@code text_pattern_ops} index in a generic (parameterised) plan.
     */
    public static String subtreeEnd(String path) {
        if (path == null || !path.endsWith("/")) throw new IllegalArgumentException("not an agency path: " + path);
        return path.substring(0, path.length() - 1) + "0";
    }

    /**
     * Whether the materialised {@code path} ("/root/.../id/", made of agency ids) lies in a subtree of {@code roots}:
     * the same rule as {@link #pathWithinRoots(String)}, checked in memory for a record already read by id. A lookup
     * by id alone keeps a query PostgreSQL can run on its cached generic plan; with the roots bound as an array the
     * planner re-plans it on every call (custom plans), which cost more than the lookup itself.
     */
    public static boolean pathWithin(String path, Collection<AgencyId> roots) {
        if (path == null) return false;
        for (AgencyId root : roots) {
            if (path.contains("/" + root.value() + "/")) return true;
        }
        return false;
    }

    /** SQL predicate limiting {@code alias.path} to the given roots; bind the roots as one {@code uuid[]}. */
    public static String pathWithinRoots(String pathColumn) {
        return "EXISTS (SELECT 1 FROM agency scope_root WHERE scope_root.id = ANY(:scopeRoots) AND "
                + pathColumn + " LIKE scope_root.path || '%')";
    }
}
