package vn.attthub.identity;

import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.util.Utils;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.AnyAuthenticatedUser;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.PublicEndpoint;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The second sign-in step ({@code /login/mfa}), TOTP enrolment ({@code /account/mfa/setup}, forced for privileged
 * users without MFA), and, with re-authentication, disabling MFA or regenerating recovery codes.
 */
@Controller
class MfaPages {
    static final String ENROLMENT_SECRET = "attt.mfa.enrolment";
    private final TwoFactor twoFactor;
    private final SignIn signIn;
    private final Reauthentication reauthentication;
    private final CurrentUsers users;
    private final AuditLog audit;

    MfaPages(TwoFactor twoFactor, SignIn signIn, Reauthentication reauthentication, CurrentUsers users,
             AuditLog audit) {
        this.twoFactor = twoFactor;
        this.signIn = signIn;
        this.reauthentication = reauthentication;
        this.users = users;
        this.audit = audit;
    }

    /** Reached half-way through sign-in, so it cannot ask for a full one; it serves only a {@link PendingMfa}. */
    @PublicEndpoint
    @GetMapping(MfaGate.VERIFY_PAGE)
    String verifyForm() {
        PendingMfa pending = pending();
        if (pending == null) {
            return "redirect:/";
        }
        return pending.step() == PendingMfa.Step.ENROL ? "redirect:" + MfaGate.ENROL_PAGE : "identity/mfa-verify";
    }

    @PublicEndpoint
    @PostMapping(MfaGate.VERIFY_PAGE)
    String verify(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        PendingMfa pending = pending();
        if (pending == null || pending.step() != PendingMfa.Step.VERIFY) {
            return "redirect:/login";
        }
        if (signIn.locked(pending.userId())) {
            return signOut(request, response);
        }
        TwoFactor.Verification result = twoFactor.verify(pending.userId(), code);
        if (result == TwoFactor.Verification.REFUSED) {
            AgencyId agency = users.agencyOf(pending.userId());
            Map<String, Object> details = new java.util.LinkedHashMap<>(
                    signIn.recordFailure(pending.userId(), pending.username(), agency));
            details.put("reason", "wrong or reused code");
            details.put("method", pending.method());
            audit.recordFor(pending.userId(), pending.username(), new AuditEntry("login.mfa-failed", "user",
                    pending.userId().toString(), agency, AuditEntry.Outcome.FAILURE, details));
            if (signIn.locked(pending.userId())) {
                return signOut(request, response);
            }
            model.addAttribute("error", true);
            return "identity/mfa-verify";
        }
        String factor = result == TwoFactor.Verification.TOTP ? "+totp" : "+recovery-code";
        signIn.establish(signIn.complete(pending.userId(), pending.method() + factor), request, response);
        return "redirect:/";
    }

    /** Both a forced step of sign-in (privileged user without MFA) and a choice from the account page. */
    @PublicEndpoint
    @GetMapping(MfaGate.ENROL_PAGE)
    String enrolForm(HttpSession session, Model model) {
        Enrollee who = enrollee();
        if (who == null) {
            return "redirect:/login";
        }
        if (twoFactor.status(who.userId()).enabled()) {
            return "redirect:/account";
        }
        String sealed = twoFactor.sealNewSecret(who.userId());
        session.setAttribute(ENROLMENT_SECRET, sealed);
        return showEnrolment(who, sealed, model, false);
    }

    @PublicEndpoint
    @PostMapping(MfaGate.ENROL_PAGE)
    String enrol(@RequestParam(defaultValue = "") String code, HttpSession session, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        Enrollee who = enrollee();
        String sealed = (String) session.getAttribute(ENROLMENT_SECRET);
        if (who == null) {
            return "redirect:/login";
        }
        if (sealed == null || twoFactor.status(who.userId()).enabled()) {
            return "redirect:" + MfaGate.ENROL_PAGE;
        }
        List<String> codes = twoFactor.confirmEnrolment(who.userId(), who.username(), users.agencyOf(who.userId()),
                sealed, code);
        if (codes.isEmpty()) {
            return showEnrolment(who, sealed, model, true);
        }
        session.removeAttribute(ENROLMENT_SECRET);
        if (who.pending() != null) {
            signIn.establish(signIn.complete(who.userId(), who.pending().method() + "+totp"), request, response);
        }
        model.addAttribute("codes", codes);
        model.addAttribute("firstTime", true);
        return "identity/mfa-recovery-codes";
    }

    @AnyAuthenticatedUser
    @PostMapping("/account/mfa/recovery-codes")
    String regenerate(@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String code,
                      @AuthenticationPrincipal CurrentUser user, Model model, RedirectAttributes redirect) {
        if (!reauthentication.confirm(user, password, code, "mfa.recovery-codes-regenerated")) {
            redirect.addFlashAttribute("mfaError", "account.reauth.failed");
            return "redirect:/account#mfa";
        }
        model.addAttribute("codes", twoFactor.regenerateRecoveryCodes(user.id().value(), user.agency()));
        model.addAttribute("firstTime", false);
        return "identity/mfa-recovery-codes";
    }

    @AnyAuthenticatedUser
    @PostMapping("/account/mfa/disable")
    String disable(@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String code,
                   @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        if (user.privileged()) {
            redirect.addFlashAttribute("mfaError", "account.mfa.mandatory");
            return "redirect:/account#mfa";
        }
        if (!reauthentication.confirm(user, password, code, "mfa.disabled")) {
            redirect.addFlashAttribute("mfaError", "account.reauth.failed");
            return "redirect:/account#mfa";
        }
        twoFactor.disable(user.id().value(), user.agency(), "by the user");
        redirect.addFlashAttribute("message", "account.mfa.disabled");
        return "redirect:/account#mfa";
    }

    private String showEnrolment(Enrollee who, String sealed, Model model, boolean error) {
        String secret = twoFactor.open(sealed, who.userId());
        QrData data = new QrData.Builder().label(who.username()).secret(secret).issuer("ATTT Hub")
                .algorithm(HashingAlgorithm.SHA1).digits(Totp.DIGITS).period(Totp.PERIOD_SECONDS).build();
        ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
        try {
            model.addAttribute("qr", Utils.getDataUriForImage(generator.generate(data), generator.getImageMimeType()));
        } catch (QrGenerationException e) {
            model.addAttribute("qr", null);
        }
        model.addAttribute("secret", secret.replaceAll("(.{4})(?!$)", "$1 "));
        model.addAttribute("forced", who.pending() != null);
        model.addAttribute("error", error);
        return "identity/mfa-setup";
    }

    private String signOut(HttpServletRequest request, HttpServletResponse response) {
        new SecurityContextLogoutHandler().logout(request, response, SecurityContextHolder.getContext().getAuthentication());
        return "redirect:/login?error";
    }

    record Enrollee(UUID userId, String username, PendingMfa pending) {
    }

    private static Enrollee enrollee() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return null;
        }
        if (auth.getPrincipal() instanceof PendingMfa p) {
            return p.step() == PendingMfa.Step.ENROL ? new Enrollee(p.userId(), p.username(), p) : null;
        }
        if (auth.getPrincipal() instanceof CurrentUser u) {
            return new Enrollee(u.id().value(), u.username(), null);
        }
        return null;
    }

    private static PendingMfa pending() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof PendingMfa p ? p : null;
    }
}
