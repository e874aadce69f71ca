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

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** The alert queue page (Vietnamese): alerts from SOCs with promote / merge / dismiss actions. */
@Controller
class AlertPages {
    private final AlertIntake alerts;
    private final IncidentCategories categories;

    AlertPages(AlertIntake alerts, IncidentCategories categories) {
        this.alerts = alerts;
        this.categories = categories;
    }

    @GetMapping("/alerts")
    @RequiresPermission(Permission.INCIDENT_READ)
    String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String status,
                @RequestParam(required = false) String source, @RequestParam(required = false) Integer page,
                Model model) {
        String st = status == null ? "NEW" : status;
        model.addAttribute("page", alerts.list(user, IncidentPages.blank(st), IncidentPages.blank(source),
                page == null || page < 0 ? 0 : page, 50));
        model.addAttribute("status", st);
        model.addAttribute("source", source);
        model.addAttribute("fmt", IncidentPages.FMT);
        model.addAttribute("categories", categories.all());
        model.addAttribute("tlps", Tlp.values());
        model.addAttribute("canAct", user.has(Permission.INCIDENT_REPORT) || user.has(Permission.INCIDENT_RESPOND));
        return "incident/alerts";
    }

    @PostMapping("/alerts/{id}/promote")
    @RequiresPermission(Permission.INCIDENT_REPORT)
    String promote(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                   @RequestParam(required = false) String category, @RequestParam(required = false) String tlp,
                   @RequestParam(required = false) Boolean beyondCapacity, RedirectAttributes flash) {
        return act(flash, () -> {
            UUID incident = alerts.promote(user, id, new AlertIntake.Promotion(IncidentPages.blank(category),
                    IncidentPages.blank(tlp), beyondCapacity != null && beyondCapacity, List.of(), null, null, null));
            return "redirect:/incidents/" + incident;
        }, "Đã tạo sự cố từ cảnh báo.");
    }

    @PostMapping("/alerts/{id}/merge")
    @RequiresPermission(Permission.INCIDENT_REPORT)
    String merge(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                 @RequestParam(required = false) String incident, RedirectAttributes flash) {
        return act(flash, () -> {
            UUID target = parse(incident);
            alerts.merge(user, id, new AlertIntake.Merge(target, null));
            return "redirect:/incidents/" + target;
        }, "Đã gộp cảnh báo vào sự cố.");
    }

    @PostMapping("/alerts/{id}/dismiss")
    @RequiresPermission(Permission.INCIDENT_REPORT)
    String dismiss(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                   @RequestParam(required = false) String reason, RedirectAttributes flash) {
        return act(flash, () -> {
            alerts.dismiss(user, id, new AlertIntake.Dismissal(reason));
            return "redirect:/alerts";
        }, "Đã bỏ qua cảnh báo.");
    }

    private static UUID parse(String incident) {
        try {
            return incident == null || incident.isBlank() ? null : UUID.fromString(incident.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Gộp cảnh báo chưa hợp lệ.", List.of(new InvalidInputException.FieldError(
                    "incidentId", "Mã sự cố không hợp lệ (invalid incident id).")));
        }
    }

    private static String act(RedirectAttributes flash, Supplier<String> action, String done) {
        try {
            String target = action.get();
            flash.addFlashAttribute("message", done);
            return target;
        } catch (InvalidInputException e) {
            StringBuilder sb = new StringBuilder(e.getMessage());
            e.errors().forEach(x -> sb.append(" ").append(x.field()).append(": ").append(x.message()));
            flash.addFlashAttribute("error", sb.toString());
        } catch (ConflictException | AccessDeniedException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/alerts";
    }
}
