package vn.attthub.identity;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;
import vn.attthub.shared.Role;
import vn.attthub.shared.web.Etags;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Users and their roles, within the caller's agency scope. */
@RestController
@RequestMapping("/api/v1/users")
class UserController {
    private final UserAdministration administration;
    private final UserDirectory directory;

    UserController(UserAdministration administration, UserDirectory directory) {
        this.administration = administration;
        this.directory = directory;
    }

    record CreateUserRequest(String username, String fullName, String email, UUID agencyId, List<RoleRequest> roles,
                             String password) {
    }

    record RolesRequest(List<RoleRequest> roles) {
    }

    record PasswordRequest(String password) {
    }

    record RoleResponse(Role role, UUID agencyId, String agencyCode) {
    }

    record UserResponse(UUID id, String username, String fullName, String email, UUID agencyId, String agencyCode,
                        boolean enabled, boolean mfaEnabled, boolean locked, boolean sso, boolean demo, int version,
                        List<RoleResponse> roles) {
        static UserResponse of(UserDirectory.UserView u) {
            return new UserResponse(u.id(), u.username(), u.fullName(), u.email(), u.agencyId(), u.agencyCode(),
                    u.enabled(), u.mfaEnabled(), u.locked(), u.sso(), u.demo(), u.version(),
                    u.roles().stream().map(r -> new RoleResponse(r.role(), r.agencyId(), r.agencyCode())).toList());
        }
    }

    record UserList(List<UserResponse> items, String next) {
    }

    @PostMapping
    @RequiresPermission(Permission.USER_MANAGE)
    ResponseEntity<UserResponse> create(@RequestBody CreateUserRequest body, @AuthenticationPrincipal CurrentUser caller) {
        UUID id = administration.create(caller, new UserAdministration.NewUser(body.username(), body.fullName(),
                body.email(), body.agencyId(), body.roles() == null ? List.of()
                : body.roles().stream().map(r -> r == null ? null : r.toRoleAt()).toList(), body.password()));
        UserDirectory.UserView user = administration.managed(caller, id);
        return ResponseEntity.created(URI.create("/api/v1/users/" + id)).eTag(Etags.of(user.version()))
                .body(UserResponse.of(user));
    }

    @GetMapping
    @RequiresPermission(Permission.USER_READ)
    UserList list(@RequestParam(required = false) UUID agencyId, @RequestParam(required = false) Role role,
                  @RequestParam(required = false) String q, @RequestParam(required = false) String after,
                  @RequestParam(defaultValue = "50") int limit, @AuthenticationPrincipal CurrentUser caller) {
        UserDirectory.Page page = directory.list(caller, new UserDirectory.Filter(agencyId, role, q, after, limit));
        return new UserList(page.items().stream().map(UserResponse::of).toList(), page.next());
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.USER_READ)
    ResponseEntity<UserResponse> get(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser caller) {
        UserDirectory.UserView user = directory.find(caller, Permission.USER_READ, id)
                .orElseThrow(() -> new NotFoundException("user", id));
        return ResponseEntity.ok().eTag(Etags.of(user.version())).body(UserResponse.of(user));
    }

    /** Replaces the user's roles (grant what is new, revoke what is missing); needs {@code If-Match}. */
    @PutMapping("/{id}/roles")
    @RequiresPermission(Permission.USER_MANAGE)
    ResponseEntity<UserResponse> roles(@PathVariable UUID id, @RequestBody RolesRequest body,
                                       @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                       @AuthenticationPrincipal CurrentUser caller) {
        UserDirectory.UserView current = administration.managed(caller, id);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new InvalidInputException(HttpStatus.PRECONDITION_REQUIRED.value(),
                    "Cần tiêu đề If-Match với ETag của người dùng (If-Match required).",
                    List.of(new InvalidInputException.FieldError("If-Match", "required")));
        }
        administration.replaceRoles(caller, id, version(ifMatch), body.roles() == null ? List.of()
                : body.roles().stream().map(r -> r == null ? null : r.toRoleAt()).toList());
        UserDirectory.UserView user = directory.find(caller, Permission.USER_READ, id).orElse(current);
        return ResponseEntity.ok().eTag(Etags.of(user.version())).body(UserResponse.of(user));
    }

    @PostMapping("/{id}/disable")
    @RequiresPermission(Permission.USER_MANAGE)
    UserResponse disable(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser caller) {
        administration.setEnabled(caller, id, false);
        return UserResponse.of(administration.managed(caller, id));
    }

    @PostMapping("/{id}/enable")
    @RequiresPermission(Permission.USER_MANAGE)
    UserResponse enable(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser caller) {
        administration.setEnabled(caller, id, true);
        return UserResponse.of(administration.managed(caller, id));
    }

    /** An administrator's password reset (lifts a lockout too). */
    @PostMapping("/{id}/password")
    @RequiresPermission(Permission.USER_MANAGE)
    ResponseEntity<Void> resetPassword(@PathVariable UUID id, @RequestBody PasswordRequest body,
                                       @AuthenticationPrincipal CurrentUser caller) {
        administration.resetPassword(caller, id, body.password());
        return ResponseEntity.noContent().build();
    }

    /** Switches MFA off for a user who lost their authenticator (privileged users must enrol again). */
    @PostMapping("/{id}/mfa/reset")
    @RequiresPermission(Permission.USER_MANAGE)
    UserResponse resetMfa(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser caller) {
        administration.resetMfa(caller, id);
        return UserResponse.of(administration.managed(caller, id));
    }

    static int version(String ifMatch) {
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ConflictException.staleVersion();
        }
    }
}
