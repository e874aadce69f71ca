package vn.attthub.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencyTree;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.InvalidInputException.FieldError;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.Role;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Creating users, granting and revoking their roles, disabling, enabling and resetting them, always inside the
 * caller's {@code USER_MANAGE} scope and within {@link GrantPolicy}. Every change is audited in its transaction and
 * ends the user's sessions and cached API-token identities when their rights change.
 */
@Component
class UserAdministration {
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,63}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AgencyDirectory agencies;
    private final AgencyTree tree;
    private final UserDirectory directory;
    private final ApiTokenCache tokenCache;
    private final TwoFactor twoFactor;
    private final AuditLog audit;

    UserAdministration(JdbcClient jdbc, PasswordEncoder passwords, AgencyDirectory agencies, AgencyTree tree,
                       UserDirectory directory, ApiTokenCache tokenCache, TwoFactor twoFactor, AuditLog audit) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.agencies = agencies;
        this.tree = tree;
        this.directory = directory;
        this.tokenCache = tokenCache;
        this.twoFactor = twoFactor;
        this.audit = audit;
    }

    /** A role at an agency; a null agency means the user's own agency. */
    record RoleAt(Role role, UUID agencyId) {
    }

    record NewUser(String username, String fullName, String email, UUID agencyId, List<RoleAt> roles,
                   String password) {
    }

    @Transactional
    UUID create(CurrentUser caller, NewUser user) {
        List<FieldError> errors = new ArrayList<>();
        String username = user.username() == null ? "" : user.username().trim();
        if (!USERNAME.matcher(username).matches()) {
            errors.add(new FieldError("username", "3-64 ký tự: chữ, số, dấu chấm, gạch dưới, gạch ngang "
                    + "(3-64 letters, digits, '.', '_', '-')"));
        }
        if (user.fullName() == null || user.fullName().isBlank() || user.fullName().length() > 200) {
            errors.add(new FieldError("fullName", "Bắt buộc, tối đa 200 ký tự (required, at most 200 characters)"));
        }
        if (user.email() == null || user.email().length() > 254 || !EMAIL.matcher(user.email().trim()).matches()) {
            errors.add(new FieldError("email", "Địa chỉ thư điện tử không hợp lệ (invalid e-mail address)"));
        }
        if (user.agencyId() == null) {
            errors.add(new FieldError("agencyId", "Bắt buộc (required)"));
        }
        PasswordPolicy.check(user.password(), username)
                .ifPresent(problem -> errors.add(new FieldError("password", problem + " (Thông tư 03/2017/TT-BTTTT Điều 3)")));
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Dữ liệu người dùng không hợp lệ (invalid user).", errors);
        }
        AgencyId agency = visibleForManagement(caller, user.agencyId());
        Set<RoleAt> roles = normalize(user.roles(), user.agencyId());
        roles.forEach(r -> checkGrant(caller, r));
        boolean taken = jdbc.sql("SELECT EXISTS (SELECT 1 FROM app_user WHERE lower(username) = lower(?))")
                .param(username).query(Boolean.class).single();
        if (taken) {
            throw new ConflictException("Tên đăng nhập đã được dùng (username already taken).");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO app_user (id, username, full_name, email, agency_id, password_hash, password_changed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, username, user.fullName().trim(), user.email().trim(), agency.value(),
                        passwords.encode(user.password()), Timestamp.from(Instant.now()))
                .update();
        roles.forEach(r -> insertRole(id, r, caller));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("username", username);
        details.put("fullName", user.fullName().trim());
        details.put("email", user.email().trim());
        details.put("agencyId", agency.value().toString());
        details.put("roles", describe(roles));
        audit.record(AuditEntry.success("user.created", "user", id, agency, details));
        return id;
    }

    /** Replaces the user's roles with {@code wanted}; each added or removed role must pass {@link GrantPolicy}. */
    @Transactional
    void replaceRoles(CurrentUser caller, UUID userId, int expectedVersion, List<RoleAt> wanted) {
        UserDirectory.UserView user = managed(caller, userId);
        if (user.version() != expectedVersion) {
            throw ConflictException.staleVersion();
        }
        Set<RoleAt> before = new LinkedHashSet<>();
        user.roles().forEach(g -> before.add(new RoleAt(g.role(), g.agencyId())));
        Set<RoleAt> after = normalize(wanted, user.agencyId());
        Set<RoleAt> added = new LinkedHashSet<>(after);
        added.removeAll(before);
        Set<RoleAt> removed = new LinkedHashSet<>(before);
        removed.removeAll(after);
        if (added.isEmpty() && removed.isEmpty()) {
            return;
        }
        if (!added.isEmpty() && GrantPolicy.checkSelf(caller, userId).isPresent()) {
            throw new AccessDeniedException("you cannot grant roles to yourself");
        }
        added.forEach(r -> checkGrant(caller, r));
        removed.forEach(r -> checkGrant(caller, r));
        removed.forEach(r -> jdbc.sql("DELETE FROM user_role WHERE user_id = ? AND role = ? AND agency_id = ?")
                .params(userId, r.role().name(), r.agencyId()).update());
        added.forEach(r -> insertRole(userId, r, caller));
        bumpVersion(userId);
        audit.record(AuditEntry.success("user.roles-changed", "user", userId, AgencyId.of(user.agencyId()),
                Map.of("roles", AuditEntry.change(describe(before), describe(after)),
                        "granted", describe(added), "revoked", describe(removed))));
        endSessions(user.username(), userId);
    }

    @Transactional
    void grant(CurrentUser caller, UUID userId, RoleAt role) {
        UserDirectory.UserView user = managed(caller, userId);
        List<RoleAt> roles = new ArrayList<>(user.roles().stream().map(g -> new RoleAt(g.role(), g.agencyId())).toList());
        roles.add(role);
        replaceRoles(caller, userId, user.version(), roles);
    }

    @Transactional
    void revoke(CurrentUser caller, UUID userId, RoleAt role) {
        UserDirectory.UserView user = managed(caller, userId);
        List<RoleAt> roles = new ArrayList<>(user.roles().stream().map(g -> new RoleAt(g.role(), g.agencyId())).toList());
        roles.remove(role);
        replaceRoles(caller, userId, user.version(), roles);
    }

    @Transactional
    void setEnabled(CurrentUser caller, UUID userId, boolean enabled) {
        UserDirectory.UserView user = managed(caller, userId);
        if (!enabled && user.id().equals(caller.id().value())) {
            throw InvalidInputException.field("id", "Không thể tự vô hiệu hóa tài khoản của mình (you cannot disable yourself).");
        }
        if (user.enabled() == enabled) {
            return;
        }
        jdbc.sql("""
                        UPDATE app_user SET enabled = ?, disabled_at = CASE WHEN ? THEN NULL ELSE now() END,
                               failed_logins = 0, locked_until = NULL, updated_at = now(), version = version + 1
                        WHERE id = ?""")
                .params(enabled, enabled, userId).update();
        audit.record(AuditEntry.success(enabled ? "user.enabled" : "user.disabled", "user", userId,
                AgencyId.of(user.agencyId()), Map.of("enabled", AuditEntry.change(!enabled, enabled))));
        if (!enabled) {
            endSessions(user.username(), userId);
        }
    }

    /** An administrator sets a new password (TT03 policy) and lifts any lockout; the user's sessions end. */
    @Transactional
    void resetPassword(CurrentUser caller, UUID userId, String password) {
        UserDirectory.UserView user = managed(caller, userId);
        PasswordPolicy.check(password, user.username()).ifPresent(problem -> {
            throw InvalidInputException.field("password", problem + " (Thông tư 03/2017/TT-BTTTT Điều 3)");
        });
        jdbc.sql("""
                        UPDATE app_user SET password_hash = ?, password_changed_at = now(), failed_logins = 0,
                               locked_until = NULL, updated_at = now(), version = version + 1 WHERE id = ?""")
                .params(passwords.encode(password), userId).update();
        audit.record(AuditEntry.success("user.password-reset", "user", userId, AgencyId.of(user.agencyId()),
                Map.of("by", caller.username())));
        endSessions(user.username(), userId);
    }

    /** For a user who lost their authenticator and recovery codes: MFA is switched off (and forced again if privileged). */
    @Transactional
    void resetMfa(CurrentUser caller, UUID userId) {
        UserDirectory.UserView user = managed(caller, userId);
        twoFactor.disable(userId, AgencyId.of(user.agencyId()), "reset by " + caller.username());
        endSessions(user.username(), userId);
    }

    /** The user, if inside the caller's USER_MANAGE scope; otherwise "not found". */
    UserDirectory.UserView managed(CurrentUser caller, UUID userId) {
        return directory.find(caller, Permission.USER_MANAGE, userId)
                .orElseThrow(() -> new NotFoundException("user", userId));
    }

    private AgencyId visibleForManagement(CurrentUser caller, UUID agencyId) {
        AgencyId agency = AgencyId.of(agencyId);
        if (agencies.find(agency).isEmpty() || !tree.within(agency, caller.scopeOf(Permission.USER_MANAGE))) {
            throw new NotFoundException("agency", agencyId);
        }
        return agency;
    }

    private void checkGrant(CurrentUser caller, RoleAt role) {
        AgencyId at = AgencyId.of(role.agencyId());
        if (agencies.find(at).isEmpty()) {
            throw new NotFoundException("agency", role.agencyId());
        }
        GrantPolicy.check(caller, role.role(), at, tree::within).ifPresent(refusal -> {
            switch (refusal) {
                case OUTSIDE_SCOPE -> throw new NotFoundException("agency", role.agencyId());
                case NATIONAL_ROLE -> throw new AccessDeniedException("only a platform administrator grants " + role.role());
                case PERMISSION_NOT_HELD -> throw new AccessDeniedException("cannot grant " + role.role()
                        + ": it carries permissions you do not hold there");
                case SELF_GRANT -> throw new AccessDeniedException("you cannot grant roles to yourself");
            }
        });
    }

    private static Set<RoleAt> normalize(List<RoleAt> roles, UUID defaultAgency) {
        Set<RoleAt> result = new LinkedHashSet<>();
        if (roles != null) {
            for (RoleAt r : roles) {
                if (r == null || r.role() == null) {
                    throw InvalidInputException.field("roles", "role required");
                }
                result.add(new RoleAt(r.role(), r.agencyId() == null ? defaultAgency : r.agencyId()));
            }
        }
        return result;
    }

    private void insertRole(UUID userId, RoleAt role, CurrentUser caller) {
        jdbc.sql("INSERT INTO user_role (user_id, role, agency_id, granted_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(userId, role.role().name(), role.agencyId(), caller.id().value()).update();
    }

    private void bumpVersion(UUID userId) {
        jdbc.sql("UPDATE app_user SET version = version + 1, updated_at = now() WHERE id = ?").param(userId).update();
    }

    /** Ends the user's web sessions (they sign in again with their new rights) and forgets cached token identities. */
    private void endSessions(String username, UUID userId) {
        jdbc.sql("DELETE FROM spring_session WHERE principal_name = ?").param(username).update();
        tokenCache.evictUser(userId);
    }

    private static List<String> describe(Set<RoleAt> roles) {
        return roles.stream().map(r -> r.role().name() + "@" + r.agencyId()).toList();
    }
}
