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
import vn.attthub.shared.CurrentUser;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * {@code Authorization: Bearer <token>} on the API: the token's SHA-256 is looked up, never the token itself.
 * The caller acts as the token's user, with exactly that user's roles and scope.
 */
class ApiTokenAuthentication extends OncePerRequestFilter {
    private final JdbcClient jdbc;
    private final CurrentUsers users;
    private final AuthenticationEntryPoint entryPoint;

    ApiTokenAuthentication(JdbcClient jdbc, CurrentUsers users, AuthenticationEntryPoint entryPoint) {
        this.jdbc = jdbc;
        this.users = users;
        this.entryPoint = entryPoint;
    }

    record ValidToken(UUID id, UUID userId, Instant lastUsedAt) {
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
        ValidToken token = secret.isEmpty() ? null : jdbc.sql("""
                        SELECT id, user_id, last_used_at FROM api_token
                        WHERE token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())""")
                .param(ApiTokenSecrets.hash(secret))
                .query((rs, i) -> new ValidToken(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                        rs.getTimestamp("last_used_at") == null ? null : rs.getTimestamp("last_used_at").toInstant()))
                .optional().orElse(null);
        CurrentUser user = token == null ? null : users.load(token.userId(), "api-token:" + token.id()).orElse(null);
        if (user == null) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("invalid or expired API token"));
            return;
        }
        touch(token);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                AuthorityUtils.createAuthorityList("ROLE_API")));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Records last use at minute precision, so a busy client does not turn every read into a write. */
    private void touch(ValidToken token) {
        Instant now = Instant.now();
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(now.minus(1, ChronoUnit.MINUTES))) {
            jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ?")
                    .params(Timestamp.from(now), token.id()).update();
        }
    }
}
