package vn.attthub.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.CurrentUser;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Asks a signed-in person to prove it is still them before a sensitive change to their own account: the current
 * password and, when MFA is on, a current code. Failures count towards the lockout like sign-in failures.
 */
@Component
class Reauthentication {
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final TwoFactor twoFactor;
    private final SignIn signIn;
    private final AuditLog audit;

    Reauthentication(JdbcClient jdbc, PasswordEncoder passwords, TwoFactor twoFactor, SignIn signIn, AuditLog audit) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.twoFactor = twoFactor;
        this.signIn = signIn;
        this.audit = audit;
    }

    boolean passwordMatches(CurrentUser user, String password) {
        String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE id = ?").param(user.id().value())
                .query(String.class).optional().orElse(null);
        return hash != null && password != null && passwords.matches(password, hash);
    }

    /** True when the password (and the MFA code, if MFA is on) are right; audits and counts a failure otherwise. */
    boolean confirm(CurrentUser user, String password, String code, String forAction) {
        boolean ok = !signIn.locked(user.id().value()) && passwordMatches(user, password)
                && (!twoFactor.status(user.id().value()).enabled()
                || twoFactor.verify(user.id().value(), code) != TwoFactor.Verification.REFUSED);
        if (!ok) {
            Map<String, Object> details = new LinkedHashMap<>(
                    signIn.recordFailure(user.id().value(), user.username(), user.agency()));
            details.put("for", forAction);
            audit.record(new AuditEntry("reauthentication.failed", "user", user.id().toString(), user.agency(),
                    AuditEntry.Outcome.FAILURE, details));
        }
        return ok;
    }
}
