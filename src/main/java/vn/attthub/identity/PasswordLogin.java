package vn.attthub.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;

import java.util.Map;
import java.util.UUID;

/** Local sign-in with username and password (Argon2id hashes); the result's principal is a {@link CurrentUser}. */
class PasswordLogin implements AuthenticationProvider {
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final CurrentUsers users;
    private final AuditLog audit;
    // Compared against when the username is unknown, so both paths cost one Argon2 verification.
    private final String decoyHash;

    PasswordLogin(JdbcClient jdbc, PasswordEncoder passwords, CurrentUsers users, AuditLog audit) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.users = users;
        this.audit = audit;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    record Account(UUID id, String username, UUID agencyId, String passwordHash, boolean enabled) {
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName() == null ? "" : authentication.getName().trim();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        Account account = jdbc.sql("""
                        SELECT id, username, agency_id, password_hash, enabled FROM app_user
                        WHERE lower(username) = lower(?)""")
                .param(username)
                .query((rs, i) -> new Account(rs.getObject("id", UUID.class), rs.getString("username"),
                        rs.getObject("agency_id", UUID.class), rs.getString("password_hash"),
                        rs.getBoolean("enabled")))
                .optional().orElse(null);
        boolean matches = passwords.matches(password,
                account == null || account.passwordHash() == null ? decoyHash : account.passwordHash());
        if (account == null || !matches || !account.enabled()) {
            audit.recordFor(account == null ? null : account.id(), username.isEmpty() ? "(blank)" : username,
                    new AuditEntry("login.failed", "user", account == null ? null : account.id().toString(),
                            account == null ? null : AgencyId.of(account.agencyId()), AuditEntry.Outcome.FAILURE,
                            Map.of("reason", account == null ? "unknown user" : !matches ? "bad password" : "disabled")));
            throw new BadCredentialsException("bad credentials");
        }
        CurrentUser user = users.load(account.id(), "password").orElseThrow(() -> new BadCredentialsException("gone"));
        audit.recordFor(account.id(), account.username(), AuditEntry.success("login.succeeded", "user", account.id(),
                user.agency(), Map.of("method", "password")));
        return UsernamePasswordAuthenticationToken.authenticated(user, null,
                AuthorityUtils.createAuthorityList("ROLE_USER"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
