package vn.attthub.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.AnyAuthenticatedUser;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.Permission;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The signed-in person's own account: profile, password change, MFA, and their API tokens. */
@Controller
@AnyAuthenticatedUser
class AccountPages {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private final UserDirectory directory;
    private final TwoFactor twoFactor;
    private final ApiTokens tokens;
    private final Reauthentication reauthentication;
    private final PasswordEncoder passwords;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    AccountPages(UserDirectory directory, TwoFactor twoFactor, ApiTokens tokens, Reauthentication reauthentication,
                 PasswordEncoder passwords, JdbcClient jdbc, AuditLog audit) {
        this.directory = directory;
        this.twoFactor = twoFactor;
        this.tokens = tokens;
        this.reauthentication = reauthentication;
        this.passwords = passwords;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("me", directory.own(user));
        model.addAttribute("mfa", twoFactor.status(user.id().value()));
        model.addAttribute("mfaMandatory", user.privileged());
        model.addAttribute("canUseTokens", user.has(Permission.API_TOKEN_MANAGE));
        model.addAttribute("tokens", user.has(Permission.API_TOKEN_MANAGE) ? tokens.list(user, null) : List.of());
        return "identity/account";
    }

    @PostMapping("/account/password")
    @Transactional
    String changePassword(@RequestParam(defaultValue = "") String currentPassword,
                          @RequestParam(defaultValue = "") String newPassword,
                          @RequestParam(defaultValue = "") String confirmPassword,
                          @AuthenticationPrincipal CurrentUser user, HttpServletRequest request,
                          RedirectAttributes redirect) {
        if (!reauthentication.passwordMatches(user, currentPassword)) {
            reauthentication.confirm(user, currentPassword, null, "user.password-changed");
            redirect.addFlashAttribute("passwordError", "account.password.wrongCurrent");
            return "redirect:/account#password";
        }
        if (!newPassword.equals(confirmPassword)) {
            redirect.addFlashAttribute("passwordError", "account.password.mismatch");
            return "redirect:/account#password";
        }
        var problem = PasswordPolicy.check(newPassword, user.username());
        if (problem.isPresent()) {
            redirect.addFlashAttribute("passwordProblem", problem.get());
            return "redirect:/account#password";
        }
        if (passwords.matches(newPassword, jdbc.sql("SELECT password_hash FROM app_user WHERE id = ?")
                .param(user.id().value()).query(String.class).single())) {
            redirect.addFlashAttribute("passwordError", "account.password.same");
            return "redirect:/account#password";
        }
        jdbc.sql("UPDATE app_user SET password_hash = ?, password_changed_at = now(), updated_at = now(), "
                        + "version = version + 1 WHERE id = ?")
                .params(passwords.encode(newPassword), user.id().value()).update();
        // Other sessions of this person end: whoever knew the old password is signed out.
        String current = request.getSession(false) == null ? "" : request.getSession(false).getId();
        int ended = jdbc.sql("DELETE FROM spring_session WHERE principal_name = ? AND session_id <> ?")
                .params(user.username(), current).update();
        audit.record(AuditEntry.success("user.password-changed", "user", user.id(), user.agency(),
                Map.of("by", "self", "otherSessionsEnded", ended)));
        redirect.addFlashAttribute("message", "account.password.changed");
        return "redirect:/account";
    }

    @PostMapping("/account/tokens")
    String createToken(@RequestParam(defaultValue = "") String name,
                       @RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate expiresOn,
                       @AuthenticationPrincipal CurrentUser user, Model model, RedirectAttributes redirect) {
        try {
            ApiTokens.Issued issued = tokens.issue(user, null, name,
                    expiresOn == null ? null : expiresOn.plusDays(1).atStartOfDay(ZONE).minusSeconds(1).toInstant());
            model.addAttribute("newToken", issued.secret());
            model.addAttribute("newTokenName", issued.token().name());
            return account(user, model);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("tokenError", e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message());
            return "redirect:/account#tokens";
        }
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revokeToken(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        tokens.revoke(user, id);
        redirect.addFlashAttribute("message", "account.tokens.revoked");
        return "redirect:/account#tokens";
    }
}
