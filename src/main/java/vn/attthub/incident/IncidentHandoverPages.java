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
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.util.Map;
import java.util.UUID;

/**
 * The workspace section "Đơn vị chủ trì và chuyển giao" (loaded into the workspace by htmx): the current lead, the
 * lineage, the request form and the accept / decline / withdraw buttons; and the inbox of requests addressed to the
 * caller's agencies (also those of TLP:RED cases, which the receiving agency sees only once it accepts).
 */
@Controller
class IncidentHandoverPages {
    private final IncidentHandovers handovers;
    private final IncidentViews views;

    IncidentHandoverPages(IncidentHandovers handovers, IncidentViews views) {
        this.handovers = handovers;
        this.views = views;
    }

    @GetMapping("/incidents/{id}/handovers")
    @RequiresPermission(Permission.INCIDENT_READ)
    String section(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        IncidentViews.Row row = views.row(id, user);
        IncidentHandovers.Lineage lineage = handovers.lineage(user, id);
        model.addAttribute("incidentId", id);
        model.addAttribute("h", lineage);
        boolean mayRequest = lineage.pending() == null && handovers.mayRequest(user, row);
        model.addAttribute("mayRequest", mayRequest);
        model.addAttribute("targets", mayRequest ? handovers.targets(row) : java.util.List.of());
        IncidentHandovers.HandoverView p = lineage.pending();
        model.addAttribute("canDecide", p != null && handovers.receivingSide(user, p.to().id()));
        model.addAttribute("canWithdraw", p != null && handovers.requesterSide(user, p,
                handovers.requestedByUser(p.id())));
        model.addAttribute("closed", row.state() == IncidentState.CLOSED);
        model.addAttribute("fmt", IncidentPages.FMT);
        return "incident/handovers-section :: section";
    }

    @GetMapping("/incident-handovers")
    @RequiresPermission(Permission.INCIDENT_RESPOND)
    String inbox(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("items", handovers.inbox(user));
        model.addAttribute("fmt", IncidentPages.FMT);
        return "incident/handovers-inbox";
    }

    @PostMapping("/incidents/{id}/handovers")
    @RequiresPermission(Permission.INCIDENT_COORDINATE)
    String request(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                   @RequestParam Map<String, String> form, RedirectAttributes flash) {
        UUID to = null;
        String raw = form.get("toAgencyId");
        if (raw != null && !raw.isBlank()) {
            try {
                to = UUID.fromString(raw.strip());
            } catch (IllegalArgumentException e) {
                flash.addFlashAttribute("error", "Đơn vị nhận không hợp lệ.");
                return "redirect:/incidents/" + id + "#handovers";
            }
        }
        // the field is "handoverReason" on the page: the workspace's classify form already has a "reason"
        IncidentHandovers.Request body = new IncidentHandovers.Request(form.get("kind"), to, form.get("handoverReason"));
        return act(id, null, flash, () -> handovers.request(user, id, body),
                "Đã gửi yêu cầu chuyển giao tới đơn vị nhận.");
    }

    @PostMapping("/incidents/{id}/handovers/{handoverId}/accept")
    @RequiresPermission(Permission.INCIDENT_RESPOND)
    String accept(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID handoverId,
                  @RequestParam(required = false) String note, @RequestParam(required = false) String from,
                  RedirectAttributes flash) {
        return act(id, null, flash, () -> handovers.accept(user, id, handoverId, new IncidentHandovers.Decision(note)),
                "Đã tiếp nhận chủ trì xử lý sự cố.");
    }

    @PostMapping("/incidents/{id}/handovers/{handoverId}/decline")
    @RequiresPermission(Permission.INCIDENT_RESPOND)
    String decline(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID handoverId,
                   @RequestParam(required = false) String note, @RequestParam(required = false) String from,
                   RedirectAttributes flash) {
        return act(id, from, flash, () -> handovers.decline(user, id, handoverId, new IncidentHandovers.Decision(note)),
                "Đã từ chối yêu cầu chuyển giao.");
    }

    @PostMapping("/incidents/{id}/handovers/{handoverId}/withdraw")
    @RequiresPermission(Permission.INCIDENT_COORDINATE)
    String withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID handoverId,
                    @RequestParam(required = false) String note, RedirectAttributes flash) {
        return act(id, null, flash, () -> handovers.withdraw(user, id, handoverId,
                new IncidentHandovers.Decision(note)), "Đã rút lại yêu cầu chuyển giao.");
    }

    /** Runs the action; readable errors go to the page. A decline from the inbox returns to the inbox. */
    private String act(UUID id, String from, RedirectAttributes flash, Runnable action, String done) {
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
        return "inbox".equals(from) ? "redirect:/incident-handovers" : "redirect:/incidents/" + id + "#handovers";
    }
}
