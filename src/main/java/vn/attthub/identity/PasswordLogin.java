package vn.attthub.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.AgencyId;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Local sign-in with username and password (Argon2id hashes). Every refusal looks the same to the caller (unknown
 * user, wrong password, disabled or locked account) and costs one Argon2 verification; the audit trail records the
 * real reason. Consecutive failures lock the account progressively ({@link LoginLockout}). The result is either a
 * full sign-in or, when a second factor is due, a {@link PendingMfa} (see {@link SignIn}).
 */
class PasswordLogin implements AuthenticationProvider {
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final SignIn signIn;
    private final AuditLog audit;
    // Compared against when the username is unknown, so both paths cost one Argon2 verification.
    private final String decoyHash;

    PasswordLogin(JdbcClient jdbc, PasswordEncoder passwords, SignIn signIn, AuditLog audit) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.signIn = signIn;
        this.audit = audit;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    record Account(UUID id, String username, UUID agencyId, String passwordHash, boolean enabled, Instant lockedUntil) {
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName() == null ? "" : authentication.getName().trim();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        Account account = jdbc.sql("""
                        SELECT id, username, agency_id, password_hash, enabled, locked_until FROM app_user
                        WHERE lower(username) = lower(?)""")
                .param(username)
                .query((rs, i) -> new Account(rs.getObject("id", UUID.class), rs.getString("username"),
                        rs.getObject("agency_id", UUID.class), rs.getString("password_hash"),
                        rs.getBoolean("enabled"), rs.getTimestamp("locked_until") == null ? null
                        : rs.getTimestamp("locked_until").toInstant()))
                .optional().orElse(null);
        boolean matches = passwords.matches(password,
                account == null || account.passwordHash() == null ? decoyHash : account.passwordHash());
        Instant now = Instant.now();
        if (account != null && account.lockedUntil() != null && account.lockedUntil().isAfter(now)) {
            refuse(account, username, "locked", Map.of("lockedUntil", account.lockedUntil().toString()));
        }
        if (account == null || !matches || !account.enabled()) {
            String reason = account == null ? "unknown user" : !account.enabled() ? "disabled" : "bad password";
            Map<String, Object> details = new LinkedHashMap<>();
            if (account != null && !matches) {
                details.putAll(signIn.recordFailure(account.id(), account.username(), AgencyId.of(account.agencyId())));
            }
            refuse(account, username, reason, details);
        }
        return signIn.afterFirstFactor(account.id(), "password", false);
    }

    private void refuse(Account account, String username, String reason, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason);
        details.put("method", "password");
        details.putAll(extra);
        audit.recordFor(account == null ? null : account.id(), username.isEmpty() ? "(blank)" : username,
                new AuditEntry("login.failed", "user", account == null ? null : account.id().toString(),
                        account == null ? null : AgencyId.of(account.agencyId()), AuditEntry.Outcome.FAILURE, details));
        throw new BadCredentialsException("bad credentials");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
