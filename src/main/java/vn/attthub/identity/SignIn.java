package vn.attthub.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The steps of a sign-in after a first factor (password or single sign-on): decide whether a second factor is due
 * ({@link PendingMfa}), count failures and lock ({@link LoginLockout}), and finally make the session a full one.
 */
@Component
class SignIn {
    static final String USER_AUTHORITY = "ROLE_USER";
    private final JdbcClient jdbc;
    private final CurrentUsers users;
    private final AuditLog audit;
    private final SecurityContextRepository contexts;

    SignIn(JdbcClient jdbc, CurrentUsers users, AuditLog audit, SecurityContextRepository contexts) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.contexts = contexts;
    }

    /**
     * After a proven first factor: a full sign-in, or a pending one when the user has MFA (unless the identity
     * provider asserted it already) or holds a privileged role without MFA (enrolment is then forced).
     */
    Authentication afterFirstFactor(UUID userId, String method, boolean mfaAssertedByProvider) {
        CurrentUser user = users.load(userId, method).orElseThrow(() -> new BadCredentialsException("gone"));
        boolean mfaEnabled = jdbc.sql("SELECT mfa_enabled FROM app_user WHERE id = ?").param(userId)
                .query(Boolean.class).single();
        if (!mfaAssertedByProvider && (mfaEnabled || user.privileged())) {
            PendingMfa.Step step = mfaEnabled ? PendingMfa.Step.VERIFY : PendingMfa.Step.ENROL;
            audit.recordFor(userId, user.username(), AuditEntry.success("login.first-factor-accepted", "user", userId,
                    user.agency(), Map.of("method", method, "next", step == PendingMfa.Step.VERIFY
                            ? "mfa" : "mfa-enrolment")));
            return UsernamePasswordAuthenticationToken.authenticated(
                    new PendingMfa(userId, user.username(), step, method), null,
                    AuthorityUtils.createAuthorityList(PendingMfa.AUTHORITY));
        }
        return complete(userId, mfaAssertedByProvider ? method + "+idp-mfa" : method);
    }

    /** A full sign-in: failures reset, audited, the caller becomes a {@link CurrentUser}. */
    Authentication complete(UUID userId, String method) {
        CurrentUser user = users.load(userId, method).orElseThrow(() -> new BadCredentialsException("gone"));
        jdbc.sql("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = ? AND failed_logins > 0")
                .param(userId).update();
        audit.recordFor(userId, user.username(), AuditEntry.success("login.succeeded", "user", userId, user.agency(),
                Map.of("method", method)));
        return UsernamePasswordAuthenticationToken.authenticated(user, null,
                AuthorityUtils.createAuthorityList(USER_AUTHORITY));
    }

    /** Replaces the session's authentication (after the second factor) under a new session id. */
    void establish(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        contexts.saveContext(context, request, response);
    }

    /** Counts a failed attempt (wrong password or second factor); locks the account when the count calls for it. */
    Map<String, Object> recordFailure(UUID userId, String username, AgencyId agency) {
        int failures = jdbc.sql("UPDATE app_user SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins")
                .param(userId).query(Integer.class).single();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("consecutiveFailures", failures);
        Optional<Duration> lock = LoginLockout.lockAfter(failures);
        lock.ifPresent(duration -> {
            Instant until = Instant.now().plus(duration);
            jdbc.sql("UPDATE app_user SET locked_until = ? WHERE id = ?").params(Timestamp.from(until), userId).update();
            audit.recordFor(userId, username, new AuditEntry("account.locked", "user", userId.toString(), agency,
                    AuditEntry.Outcome.SUCCESS, Map.of("consecutiveFailures", failures,
                    "lockedSeconds", duration.toSeconds(), "lockedUntil", until.toString())));
            details.put("lockedUntil", until.toString());
        });
        return details;
    }

    boolean locked(UUID userId) {
        return jdbc.sql("SELECT coalesce(locked_until > now(), false) FROM app_user WHERE id = ?").param(userId)
                .query(Boolean.class).optional().map(Boolean.TRUE::equals).orElse(true);
    }
}
