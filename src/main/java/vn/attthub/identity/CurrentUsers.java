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

    Optional<CurrentUser> load(UUID userId, String authenticatedBy) {
        return jdbc.sql("SELECT id, username, full_name, agency_id FROM app_user WHERE id = ? AND enabled")
                .param(userId)
                .query((rs, i) -> new CurrentUser(UserId.of(rs.getObject("id", UUID.class)), rs.getString("username"),
                        rs.getString("full_name"), AgencyId.of(rs.getObject("agency_id", UUID.class)),
                        grants(userId), authenticatedBy))
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
