package vn.attthub.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.CurrentUser;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * {@code Authorization: Bearer <token>} on the API: the token's SHA-256 is looked up, never the token itself.
 * The caller acts as the token's user, with exactly that user's roles and scope. Use of a token is recorded
 * (last-used time and an audit entry) at most once a minute per token; every refused token is audited.
 */
class ApiTokenAuthentication extends OncePerRequestFilter {
    static final long TOUCH_INTERVAL_MILLIS = 60_000;
    private final JdbcClient jdbc;
    private final CurrentUsers users;
    private final ApiTokenCache cache;
    private final AuditLog audit;
    private final AuthenticationEntryPoint entryPoint;

    ApiTokenAuthentication(JdbcClient jdbc, CurrentUsers users, ApiTokenCache cache, AuditLog audit,
                           AuthenticationEntryPoint entryPoint) {
        this.jdbc = jdbc;
        this.users = users;
        this.cache = cache;
        this.audit = audit;
        this.entryPoint = entryPoint;
    }

    record ValidToken(UUID id, UUID userId, Instant expiresAt, Instant lastUsedAt) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        String secret = header.substring(7).trim();
        Instant now = Instant.now();
        String hash = secret.isEmpty() ? null : ApiTokenSecrets.hash(secret);
        ApiTokenCache.Entry entry = hash == null ? null : cache.get(hash, now);
        if (entry == null && hash != null) {
            entry = load(hash, now);
        }
        if (entry == null) {
            SecurityContextHolder.clearContext();
            audit.recordFor(null, "anonymous", new AuditEntry("api-token.rejected", "api-token",
                    secret.isEmpty() ? null : ApiTokenSecrets.displayPrefix(secret), null, AuditEntry.Outcome.DENIED,
                    Map.of("reason", "unknown, revoked or expired token, or disabled user",
                            "request", request.getMethod() + " " + request.getRequestURI())));
            entryPoint.commence(request, response, new BadCredentialsException("invalid or expired API token"));
            return;
        }
        touch(entry, now);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(entry.user, null,
                AuthorityUtils.createAuthorityList("ROLE_API")));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private ApiTokenCache.Entry load(String hash, Instant now) {
        ValidToken token = jdbc.sql("""
                        SELECT id, user_id, expires_at, last_used_at FROM api_token
                        WHERE token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())""")
                .param(hash)
                .query((rs, i) -> new ValidToken(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                        instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("last_used_at"))))
                .optional().orElse(null);
        CurrentUser user = token == null ? null : users.load(token.userId(), "api-token:" + token.id()).orElse(null);
        if (user == null) {
            return null;
        }
        ApiTokenCache.Entry entry = new ApiTokenCache.Entry(token.id(), user, token.expiresAt(), now, token.lastUsedAt());
        cache.put(hash, entry);
        return entry;
    }

    /** Records last use and audits it at most once a minute per token, so a busy client does not flood either. */
    private void touch(ApiTokenCache.Entry entry, Instant now) {
        long last = entry.lastTouched.get();
        long nowMillis = now.toEpochMilli();
        if (nowMillis - last < TOUCH_INTERVAL_MILLIS || !entry.lastTouched.compareAndSet(last, nowMillis)) {
            return;
        }
        // The condition keeps several instances from recording the same minute twice.
        int updated = jdbc.sql("""
                        UPDATE api_token SET last_used_at = ? WHERE id = ?
                        AND (last_used_at IS NULL OR last_used_at < ?)""")
                .params(Timestamp.from(now), entry.tokenId, Timestamp.from(now.minusMillis(TOUCH_INTERVAL_MILLIS)))
                .update();
        if (updated == 1) {
            audit.recordFor(entry.user.id().value(), entry.user.username(), AuditEntry.success("api-token.used",
                    "api-token", entry.tokenId, entry.user.agency(), Map.of("firstUseInMinute", now.toString())));
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
