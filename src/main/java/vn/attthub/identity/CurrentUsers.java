package vn.attthub.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Grant;
import vn.attthub.shared.Role;
import vn.attthub.shared.UserId;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Builds the {@link CurrentUser} of an account: its identity and the roles it holds over agency subtrees. */
@Component
class CurrentUsers {
    private final JdbcClient jdbc;

    CurrentUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One query for the account and its grants. Never query again from inside a row mapper: that holds one pooled
     * connection while asking for a second, and under load every request thread deadlocks on the pool.
     */
    Optional<CurrentUser> load(UUID userId, String authenticatedBy) {
        return jdbc.sql("""
                        SELECT u.id, u.username, u.full_name, u.agency_id,
                               array_remove(array_agg(r.role ORDER BY r.role, r.agency_id), NULL) AS roles,
                               array_remove(array_agg(r.agency_id ORDER BY r.role, r.agency_id), NULL) AS role_agencies
                        FROM app_user u LEFT JOIN user_role r ON r.user_id = u.id
                        WHERE u.id = ? AND u.enabled
                        GROUP BY u.id""")
                .param(userId)
                .query((rs, i) -> {
                    String[] roles = (String[]) rs.getArray("roles").getArray();
                    UUID[] agencies = (UUID[]) rs.getArray("role_agencies").getArray();
                    List<Grant> grants = new java.util.ArrayList<>(roles.length);
                    for (int k = 0; k < roles.length; k++) {
                        grants.add(new Grant(Role.valueOf(roles[k]), AgencyId.of(agencies[k])));
                    }
                    return new CurrentUser(UserId.of(rs.getObject("id", UUID.class)), rs.getString("username"),
                            rs.getString("full_name"), AgencyId.of(rs.getObject("agency_id", UUID.class)), grants,
                            authenticatedBy);
                })
                .optional();
    }

    AgencyId agencyOf(UUID userId) {
        return jdbc.sql("SELECT agency_id FROM app_user WHERE id = ?").param(userId)
                .query(UUID.class).optional().map(AgencyId::of).orElse(null);
    }

    List<Grant> grants(UUID userId) {
        return jdbc.sql("SELECT role, agency_id FROM user_role WHERE user_id = ? ORDER BY role")
                .param(userId)
                .query((rs, i) -> new Grant(Role.valueOf(rs.getString("role")),
                        AgencyId.of(rs.getObject("agency_id", UUID.class))))
                .list();
    }
}
