package vn.attthub.incident;

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
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.util.List;
import java.util.UUID;

/**
 * Pages for observables and sharing (issue 4 §3): the search across cases ({@code /observables?value=}), adding
 * observables as free text from the workspace, sharing a case under a TLP cap and revoking a share.
 */
@Controller
class ObservablePages {
    private final IncidentObservables observables;
    private final IncidentShares shares;
    private final IncidentViews views;
    private final Incidents incidents;
    private final AgencyDirectory agencies;

    ObservablePages(IncidentObservables observables, IncidentShares shares, IncidentViews views, Incidents incidents,
                    AgencyDirectory agencies) {
        this.observables = observables;
        this.shares = shares;
        this.views = views;
        this.incidents = incidents;
        this.agencies = agencies;
    }

    @GetMapping("/observables")
    @RequiresPermission(Permission.INCIDENT_READ)
    String search(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String value,
                  @RequestParam(required = false) UUID except, Model model) {
        model.addAttribute("fmt", IncidentPages.FMT);
        model.addAttribute("value", value);
        model.addAttribute("except", except);
        if (Incidents.trim(value) != null) {
            try {
                model.addAttribute("result", observables.search(user, value, null, except));
            } catch (InvalidInputException e) {
                model.addAttribute("error", e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message());
            }
        }
        if (except != null) views.find(except, user).ifPresent(r -> model.addAttribute("from", r));
        return "incident/observables";
    }

    @PostMapping("/incidents/{id}/observables")
    @RequiresPermission(Permission.INCIDENT_READ)
    String add(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
               @RequestParam(required = false) String values, @RequestParam(required = false) String tlp,
               RedirectAttributes flash) {
        return act(id, flash, () -> observables.addText(user, id, values, tlp, views, incidents),
                "Đã thêm dấu hiệu (giá trị không nhận dạng được lưu với loại Khác).");
    }

    @PostMapping("/incidents/{id}/shares")
    @RequiresPermission(Permission.INCIDENT_RESPOND)
    String share(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                 @RequestParam(required = false) String target, @RequestParam(required = false) String agencyCode,
                 @RequestParam(required = false) String cap, @RequestParam(required = false) String reason,
                 RedirectAttributes flash) {
        return act(id, flash, () -> {
            boolean network = "NETWORK".equals(target);
            UUID agency = null;
            if (!network) {
                String code = Incidents.trim(agencyCode);
                agency = code == null ? null : agencies.findByCode(code).map(a -> a.id().value()).orElseThrow(() ->
                        new InvalidInputException("Chia sẻ sự cố chưa hợp lệ.", List.of(new InvalidInputException
                                .FieldError("agencyCode", "Không có cơ quan mã " + code + "."))));
            }
            shares.share(user, id, new IncidentShares.Request(network ? "NETWORK" : "AGENCY", agency, cap, reason));
        }, "Đã chia sẻ sự cố và gửi thông báo tới cơ quan được chia sẻ.");
    }

    @PostMapping("/incidents/{id}/shares/{shareId}/revoke")
    @RequiresPermission(Permission.INCIDENT_RESPOND)
    String revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID shareId,
                  RedirectAttributes flash) {
        return act(id, flash, () -> shares.revoke(user, id, shareId), "Đã thu hồi chia sẻ.");
    }

    private String act(UUID id, RedirectAttributes flash, Runnable action, String done) {
        try {
            action.run();
            flash.addFlashAttribute("message", done);
        } catch (InvalidInputException e) {
            StringBuilder sb = new StringBuilder(e.getMessage());
            e.errors().forEach(x -> sb.append(" ").append(x.field()).append(": ").append(x.message()));
            flash.addFlashAttribute("error", sb.toString());
        } catch (ConflictException | AccessDeniedException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/incidents/" + id;
    }
}
