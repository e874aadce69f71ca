package vn.attthub.identity;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;
import vn.attthub.shared.Role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Users and roles pages: list with filters, detail, create, grant/revoke, disable/enable, resets. */
@Controller
class UserPages {
    private final UserDirectory directory;
    private final UserAdministration administration;
    private final AgencyDirectory agencies;

    UserPages(UserDirectory directory, UserAdministration administration, AgencyDirectory agencies) {
        this.directory = directory;
        this.administration = administration;
        this.agencies = agencies;
    }

    @GetMapping("/users")
    @RequiresPermission(Permission.USER_READ)
    String list(@RequestParam(required = false) String agency, @RequestParam(required = false) Role role,
                @RequestParam(required = false) String q, @RequestParam(required = false) String after,
                @AuthenticationPrincipal CurrentUser caller, Model model) {
        UUID agencyId = null;
        boolean unknownAgency = false;
        if (agency != null && !agency.isBlank()) {
            Optional<AgencySummary> found = agencies.findByCode(agency.trim());
            agencyId = found.map(a -> a.id().value()).orElse(null);
            unknownAgency = found.isEmpty();
        }
        UserDirectory.Page page = unknownAgency ? new UserDirectory.Page(List.of(), null)
                : directory.list(caller, new UserDirectory.Filter(agencyId, role, q, after, 50));
        model.addAttribute("page", page);
        model.addAttribute("agency", agency);
        model.addAttribute("role", role);
        model.addAttribute("q", q);
        model.addAttribute("unknownAgency", unknownAgency);
        model.addAttribute("roles", Role.values());
        model.addAttribute("canManage", caller.has(Permission.USER_MANAGE));
        return "identity/users";
    }

    @GetMapping("/users/new")
    @RequiresPermission(Permission.USER_MANAGE)
    String newForm(@AuthenticationPrincipal CurrentUser caller, Model model) {
        model.addAttribute("form", new UserForm("", "", "", "", List.of()));
        model.addAttribute("errors", Map.of());
        model.addAttribute("roles", Role.values());
        return "identity/user-new";
    }

    record UserForm(String username, String fullName, String email, String agencyCode, List<Role> roles) {
    }

    @PostMapping("/users")
    @RequiresPermission(Permission.USER_MANAGE)
    String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String fullName,
                  @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String agencyCode,
                  @RequestParam(required = false) List<Role> roles, @RequestParam(defaultValue = "") String password,
                  @AuthenticationPrincipal CurrentUser caller, Model model) {
        List<Role> chosen = roles == null ? List.of() : roles;
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<AgencySummary> agency = agencies.findByCode(agencyCode.trim());
        try {
            if (agency.isEmpty()) {
                throw InvalidInputException.field("agencyId", "Không tìm thấy cơ quan có mã này (unknown agency code).");
            }
            UUID id = administration.create(caller, new UserAdministration.NewUser(username, fullName, email,
                    agency.get().id().value(), chosen.stream().map(r -> new UserAdministration.RoleAt(r, null)).toList(),
                    password));
            return "redirect:/users/" + id + "?created";
        } catch (InvalidInputException e) {
            e.errors().forEach(f -> errors.put(f.field().equals("agencyId") ? "agencyCode" : f.field(), f.message()));
        } catch (NotFoundException e) {
            errors.put("agencyCode", "Không tìm thấy cơ quan này trong phạm vi quản lý của bạn (agency not in your scope).");
        } catch (AccessDeniedException e) {
            errors.put("roles", "Bạn không thể cấp vai trò có quyền vượt quá quyền của mình (you cannot grant these roles).");
        } catch (vn.attthub.shared.ConflictException e) {
            errors.put("username", e.getMessage());
        }
        model.addAttribute("form", new UserForm(username, fullName, email, agencyCode, chosen));
        model.addAttribute("errors", errors);
        model.addAttribute("roles", Role.values());
        return "identity/user-new";
    }

    @GetMapping("/users/{id}")
    @RequiresPermission(Permission.USER_READ)
    String detail(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser caller, Model model) {
        UserDirectory.UserView user = directory.find(caller, Permission.USER_READ, id)
                .orElseThrow(() -> new NotFoundException("user", id));
        boolean manageable = directory.find(caller, Permission.USER_MANAGE, id).isPresent();
        model.addAttribute("u", user);
        model.addAttribute("manageable", manageable);
        model.addAttribute("self", user.id().equals(caller.id().value()));
        model.addAttribute("roles", Role.values());
        return "identity/user-detail";
    }

    @PostMapping("/users/{id}/roles/grant")
    @RequiresPermission(Permission.USER_MANAGE)
    String grant(@PathVariable UUID id, @RequestParam Role role, @RequestParam(defaultValue = "") String agencyCode,
                 @AuthenticationPrincipal CurrentUser caller, RedirectAttributes redirect) {
        return change(id, redirect, () -> {
            UUID at = null;
            if (!agencyCode.isBlank()) {
                at = agencies.findByCode(agencyCode.trim()).map(a -> a.id().value())
                        .orElseThrow(() -> new NotFoundException("agency", agencyCode));
            }
            administration.grant(caller, id, new UserAdministration.RoleAt(role, at));
        }, "users.message.granted");
    }

    @PostMapping("/users/{id}/roles/revoke")
    @RequiresPermission(Permission.USER_MANAGE)
    String revoke(@PathVariable UUID id, @RequestParam Role role, @RequestParam UUID agencyId,
                  @AuthenticationPrincipal CurrentUser caller, RedirectAttributes redirect) {
        return change(id, redirect, () -> administration.revoke(caller, id, new UserAdministration.RoleAt(role, agencyId)),
                "users.message.revoked");
    }

    @PostMapping("/users/{id}/disable")
    @RequiresPermission(Permission.USER_MANAGE)
    String disable(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser caller, RedirectAttributes redirect) {
        return change(id, redirect, () -> administration.setEnabled(caller, id, false), "users.message.disabled");
    }

    @PostMapping("/users/{id}/enable")
    @RequiresPermission(Permission.USER_MANAGE)
    String enable(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser caller, RedirectAttributes redirect) {
        return change(id, redirect, () -> administration.setEnabled(caller, id, true), "users.message.enabled");
    }

    @PostMapping("/users/{id}/password")
    @RequiresPermission(Permission.USER_MANAGE)
    String resetPassword(@PathVariable UUID id, @RequestParam(defaultValue = "") String password,
                         @AuthenticationPrincipal CurrentUser caller, RedirectAttributes redirect) {
        return change(id, redirect, () -> administration.resetPassword(caller, id, password), "users.message.passwordReset");
    }

    @PostMapping("/users/{id}/mfa/reset")
    @RequiresPermission(Permission.USER_MANAGE)
    String resetMfa(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser caller, RedirectAttributes redirect) {
        return change(id, redirect, () -> administration.resetMfa(caller, id), "users.message.mfaReset");
    }

    private String change(UUID id, RedirectAttributes redirect, Runnable action, String successKey) {
        try {
            action.run();
            redirect.addFlashAttribute("message", successKey);
        } catch (InvalidInputException e) {
            List<String> messages = new ArrayList<>();
            e.errors().forEach(f -> messages.add(f.message()));
            redirect.addFlashAttribute("error", messages.isEmpty() ? e.getMessage() : String.join("; ", messages));
        } catch (AccessDeniedException e) {
            redirect.addFlashAttribute("errorKey", "users.error.escalation");
        } catch (NotFoundException e) {
            directory.find(PermissionInterceptor.currentUser(), Permission.USER_MANAGE, id)
                    .orElseThrow(() -> e);
            redirect.addFlashAttribute("errorKey", "users.error.agencyOutOfScope");
        }
        return "redirect:/users/" + id;
    }
}
