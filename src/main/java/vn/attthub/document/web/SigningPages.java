package vn.attthub.document.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.attthub.document.SignatureReport;
import vn.attthub.document.SignatureVerifier;
import vn.attthub.document.SigningCredential;
import vn.attthub.document.SigningCredentials;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.shared.AnyAuthenticatedUser;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Pages: verify a signed PDF (anyone signed in); manage the signing keys of the agencies in one's scope. */
@Controller
class SigningPages {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(ZONE);
    static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(ZONE);
    private final SignatureVerifier verifier;
    private final SigningCredentials credentials;
    private final AgencyDirectory agencies;

    SigningPages(SignatureVerifier verifier, SigningCredentials credentials, AgencyDirectory agencies) {
        this.verifier = verifier;
        this.credentials = credentials;
        this.agencies = agencies;
    }

    record CheckView(SignatureReport.SignatureCheck check, String signingTime, String validFrom, String validTo) {
    }

    record CredentialView(SigningCredential credential, String agencyCode, String agencyName, String validFrom,
                          String validTo, String status) {
    }

    @GetMapping("/signatures/verify")
    @AnyAuthenticatedUser
    String verifyForm(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("canManageKeys", user.has(Permission.SIGNING_KEY_MANAGE));
        return "document/verify";
    }

    @PostMapping("/signatures/verify")
    @AnyAuthenticatedUser
    String verify(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) MultipartFile file,
                  Model model) {
        model.addAttribute("canManageKeys", user.has(Permission.SIGNING_KEY_MANAGE));
        try {
            SignatureReport report = verifier.verify(Uploads.read(file, Uploads.MAX_PDF));
            model.addAttribute("report", report);
            model.addAttribute("filename", file.getOriginalFilename());
            model.addAttribute("checks", report.signatures().stream().map(c -> new CheckView(c,
                    c.signingTime() == null ? null : MOMENT.format(c.signingTime()),
                    c.certificateNotBefore() == null ? null : DAY.format(c.certificateNotBefore()),
                    c.certificateNotAfter() == null ? null : DAY.format(c.certificateNotAfter()))).toList());
            model.addAttribute("checkedAt", MOMENT.format(report.checkedAt()));
        } catch (InvalidInputException e) {
            model.addAttribute("fileError", e.getMessage());
        }
        return "document/verify";
    }

    @GetMapping("/signing/credentials")
    @RequiresPermission(Permission.SIGNING_KEY_MANAGE)
    String credentials(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String agency,
                       Model model) {
        model.addAttribute("agencyCode", agency == null ? "" : agency);
        return page(user, model);
    }

    private String page(CurrentUser user, Model model) {
        Instant now = Instant.now();
        model.addAttribute("credentials", credentials.withinScope(user, 500).stream().map(l -> new CredentialView(
                l.credential(), l.agencyCode(), l.agencyName(), DAY.format(l.credential().notBefore()),
                DAY.format(l.credential().notAfter()), status(l.credential(), now))).toList());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "document/credentials";
    }

    static String status(SigningCredential c, Instant now) {
        if (!c.active()) {
            return "inactive";
        }
        if (now.isAfter(c.notAfter())) {
            return "expired";
        }
        return now.isBefore(c.notBefore()) ? "notYetValid" : "active";
    }

    @PostMapping("/signing/credentials")
    @RequiresPermission(Permission.SIGNING_KEY_MANAGE)
    String importCredential(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String agencyCode,
                            @RequestParam(required = false) MultipartFile file,
                            @RequestParam(required = false) String password, Model model,
                            RedirectAttributes redirect) {
        Map<String, String> errors = new HashMap<>();
        String code = agencyCode == null ? "" : agencyCode.strip();
        Optional<AgencySummary> agency = code.isEmpty() ? Optional.empty() : agencies.findByCode(code);
        if (agency.isEmpty()) {
            errors.put("agencyCode", "Không tìm thấy cơ quan có mã này trong phạm vi của bạn (no such agency in your scope).");
        } else {
            try {
                SigningCredential saved = credentials.importPkcs12(agency.get().id(),
                        Uploads.read(file, Uploads.MAX_PKCS12), password == null ? new char[0] : password.toCharArray(),
                        user);
                redirect.addFlashAttribute("notice", "imported");
                redirect.addFlashAttribute("noticeSubject", saved.subject());
                return "redirect:/signing/credentials";
            } catch (NotFoundException e) {
                errors.put("agencyCode", "Không tìm thấy cơ quan có mã này trong phạm vi của bạn (no such agency in your scope).");
            } catch (InvalidInputException e) {
                e.errors().forEach(f -> errors.put(f.field(), f.message()));
                if (e.errors().isEmpty()) {
                    errors.put("file", e.getMessage());
                }
            } catch (ConflictException e) {
                errors.put("file", e.getMessage());
            }
        }
        model.addAttribute("errors", errors);
        model.addAttribute("agencyCode", code);
        return page(user, model);
    }

    @PostMapping("/signing/credentials/{agencyId}/{credentialId}/deactivate")
    @RequiresPermission(Permission.SIGNING_KEY_MANAGE)
    String deactivate(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID agencyId,
                      @PathVariable UUID credentialId, RedirectAttributes redirect) {
        SigningCredential c = credentials.deactivate(vn.attthub.shared.AgencyId.of(agencyId), credentialId, user);
        redirect.addFlashAttribute("notice", "deactivated");
        redirect.addFlashAttribute("noticeSubject", c.subject());
        return "redirect:/signing/credentials";
    }

}
