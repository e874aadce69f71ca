package vn.attthub.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * API tokens of a user: issued for yourself ({@code API_TOKEN_MANAGE}) or for a user inside your
 * {@code USER_MANAGE} scope; the secret is returned once and only its SHA-256 is kept; revocation takes effect at
 * once on this instance ({@link ApiTokenCache}).
 */
@Component
class ApiTokens {
    private final JdbcClient jdbc;
    private final UserDirectory directory;
    private final ApiTokenCache cache;
    private final AuditLog audit;

    ApiTokens(JdbcClient jdbc, UserDirectory directory, ApiTokenCache cache, AuditLog audit) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.cache = cache;
        this.audit = audit;
    }

    record TokenView(UUID id, UUID userId, String username, String name, String prefix, Instant createdAt,
                     Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
        public String state() {
            return revokedAt != null ? "REVOKED" : expiresAt != null && !expiresAt.isAfter(Instant.now())
                    ? "EXPIRED" : "ACTIVE";
        }
    }

    record Issued(TokenView token, String secret) {
    }

    record Owner(UUID id, String username, AgencyId agency) {
    }

    @Transactional
    Issued issue(CurrentUser caller, UUID userId, String name, Instant expiresAt) {
        Owner owner = owner(caller, userId == null ? caller.id().value() : userId);
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 120) {
            throw InvalidInputException.field("name", "Bắt buộc, tối đa 120 ký tự (required, at most 120 characters)");
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw InvalidInputException.field("expiresAt", "Phải là thời điểm trong tương lai (must be in the future)");
        }
        String secret = ApiTokenSecrets.generate();
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO api_token (id, user_id, name, prefix, token_hash, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, owner.id(), trimmed, ApiTokenSecrets.displayPrefix(secret), ApiTokenSecrets.hash(secret),
                        expiresAt == null ? null : Timestamp.from(expiresAt))
                .update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("user", owner.username());
        details.put("name", trimmed);
        details.put("prefix", ApiTokenSecrets.displayPrefix(secret));
        details.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        audit.record(AuditEntry.success("api-token.created", "api-token", id, owner.agency(), details));
        return new Issued(find(id), secret);
    }

    List<TokenView> list(CurrentUser caller, UUID userId) {
        Owner owner = owner(caller, userId == null ? caller.id().value() : userId);
        return jdbc.sql(SELECT + " WHERE t.user_id = ? ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC")
                .param(owner.id()).query(ApiTokens::map).list();
    }

    @Transactional
    TokenView revoke(CurrentUser caller, UUID tokenId) {
        TokenView token = jdbc.sql(SELECT + " WHERE t.id = ?").param(tokenId).query(ApiTokens::map).optional()
                .orElseThrow(() -> new NotFoundException("api-token", tokenId));
        Owner owner = owner(caller, token.userId());
        if (token.revokedAt() == null) {
            jdbc.sql("UPDATE api_token SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL").param(tokenId).update();
            audit.record(AuditEntry.success("api-token.revoked", "api-token", tokenId, owner.agency(),
                    Map.of("user", owner.username(), "name", token.name(), "prefix", token.prefix())));
        }
        cache.evictToken(tokenId);
        return find(tokenId);
    }

    /** Your own tokens need API_TOKEN_MANAGE; another user's, USER_MANAGE over their agency; otherwise not found. */
    private Owner owner(CurrentUser caller, UUID userId) {
        if (userId.equals(caller.id().value())) {
            if (!caller.has(Permission.API_TOKEN_MANAGE)) {
                throw new org.springframework.security.access.AccessDeniedException("API_TOKEN_MANAGE required");
            }
            return new Owner(userId, caller.username(), caller.agency());
        }
        return directory.find(caller, Permission.USER_MANAGE, userId)
                .map(u -> new Owner(u.id(), u.username(), AgencyId.of(u.agencyId())))
                .orElseThrow(() -> new NotFoundException("user", userId));
    }

    private TokenView find(UUID id) {
        return jdbc.sql(SELECT + " WHERE t.id = ?").param(id).query(ApiTokens::map).single();
    }

    private static final String SELECT = """
            SELECT t.id, t.user_id, u.username, t.name, t.prefix, t.created_at, t.expires_at, t.revoked_at, t.last_used_at
            FROM api_token t JOIN app_user u ON u.id = t.user_id""";

    private static TokenView map(ResultSet rs, int row) throws SQLException {
        return new TokenView(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("username"), rs.getString("name"), rs.getString("prefix"), instant(rs, "created_at"),
                instant(rs, "expires_at"), instant(rs, "revoked_at"), instant(rs, "last_used_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
