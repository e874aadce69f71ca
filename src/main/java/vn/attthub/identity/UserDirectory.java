package vn.attthub.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.attthub.organisation.AgencyTree;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Permission;
import vn.attthub.shared.Role;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Users as the caller may see them: only those whose agency lies inside the caller's scope of a permission. */
@Component
class UserDirectory {
    static final int MAX_LIMIT = 200;
    private final JdbcClient jdbc;

    UserDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record RoleGrant(Role role, UUID agencyId, String agencyCode, String agencyName) {
    }

    record UserView(UUID id, String username, String fullName, String email, UUID agencyId, String agencyCode,
                    String agencyName, boolean enabled, boolean mfaEnabled, boolean demo, Instant lockedUntil,
                    boolean sso, int version, List<RoleGrant> roles) {
        public boolean locked() {
            return lockedUntil != null && lockedUntil.isAfter(Instant.now());
        }
    }

    record Filter(UUID agencyId, Role role, String text, String after, int limit) {
    }

    record Page(List<UserView> items, String next) {
    }

    private static final String SELECT = """
            SELECT u.id, u.username, u.full_name, u.email, u.agency_id, a.code, a.name_vi, u.enabled, u.mfa_enabled,
                   u.demo, u.locked_until, u.oidc_subject IS NOT NULL AS sso, u.version
            FROM app_user u JOIN agency a ON a.id = u.agency_id
            WHERE\s""" + AgencyTree.pathWithinRoots("a.path");

    Optional<UserView> find(CurrentUser caller, Permission permission, UUID id) {
        return jdbc.sql(SELECT + " AND u.id = :id")
                .param("scopeRoots", roots(caller, permission)).param("id", id)
                .query(UserDirectory::map).optional()
                .map(u -> withRoles(List.of(u)).get(0));
    }

    /** The caller's own account, whatever their permissions. */
    UserView own(CurrentUser caller) {
        String sql = SELECT.substring(0, SELECT.indexOf("WHERE")) + "WHERE u.id = :id";
        return withRoles(List.of(jdbc.sql(sql).param("id", caller.id().value()).query(UserDirectory::map).single()))
                .get(0);
    }

    Page list(CurrentUser caller, Filter filter) {
        StringBuilder sql = new StringBuilder(SELECT);
        Map<String, Object> params = new HashMap<>();
        params.put("scopeRoots", roots(caller, Permission.USER_READ));
        if (filter.agencyId() != null) {
            sql.append(" AND a.path LIKE (SELECT f.path FROM agency f WHERE f.id = :agency) || '%'");
            params.put("agency", filter.agencyId());
        }
        if (filter.role() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = :role)");
            params.put("role", filter.role().name());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            sql.append(" AND (lower(u.username) LIKE :text OR lower(u.full_name) LIKE :text OR lower(u.email) LIKE :text)");
            params.put("text", "%" + filter.text().trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        String after = decodeCursor(filter.after());
        if (after != null) {
            sql.append(" AND lower(u.username) > :after");
            params.put("after", after);
        }
        int limit = Math.max(1, Math.min(filter.limit() <= 0 ? 50 : filter.limit(), MAX_LIMIT));
        sql.append(" ORDER BY lower(u.username) LIMIT ").append(limit + 1);
        List<UserView> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params).query(UserDirectory::map).list());
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = encodeCursor(rows.get(limit - 1).username().toLowerCase());
        }
        return new Page(withRoles(rows), next);
    }

    private List<UserView> withRoles(List<UserView> users) {
        if (users.isEmpty()) {
            return users;
        }
        UUID[] ids = users.stream().map(UserView::id).toArray(UUID[]::new);
        Map<UUID, List<RoleGrant>> roles = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT r.user_id, r.role, r.agency_id, a.code, a.name_vi FROM user_role r
                        JOIN agency a ON a.id = r.agency_id WHERE r.user_id = ANY(:ids) ORDER BY r.role, a.code""")
                .param("ids", ids)
                .query((rs, i) -> roles.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                        .add(new RoleGrant(Role.valueOf(rs.getString(2)), rs.getObject(3, UUID.class),
                                rs.getString(4), rs.getString(5))))
                .list();
        return users.stream().map(u -> new UserView(u.id(), u.username(), u.fullName(), u.email(), u.agencyId(),
                u.agencyCode(), u.agencyName(), u.enabled(), u.mfaEnabled(), u.demo(), u.lockedUntil(), u.sso(),
                u.version(), roles.getOrDefault(u.id(), List.of()))).toList();
    }

    static UUID[] roots(CurrentUser caller, Permission permission) {
        return caller.scopeOf(permission).stream().map(a -> a.value()).toArray(UUID[]::new);
    }

    static String encodeCursor(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw vn.attthub.shared.InvalidInputException.field("after", "invalid cursor");
        }
    }

    private static UserView map(ResultSet rs, int row) throws SQLException {
        return new UserView(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("full_name"),
                rs.getString("email"), rs.getObject("agency_id", UUID.class), rs.getString("code"),
                rs.getString("name_vi"), rs.getBoolean("enabled"), rs.getBoolean("mfa_enabled"), rs.getBoolean("demo"),
                rs.getTimestamp("locked_until") == null ? null : rs.getTimestamp("locked_until").toInstant(),
                rs.getBoolean("sso"), rs.getInt("version"), List.of());
    }
}
