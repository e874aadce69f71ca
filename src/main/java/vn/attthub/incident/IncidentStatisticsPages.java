package vn.attthub.incident;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.util.UUID;

/** The incident statistics page (Vietnamese; issue 4 §4) for the caller's agency subtree or one within it. */
@Controller
class IncidentStatisticsPages {
    private final IncidentStatistics statistics;

    IncidentStatisticsPages(IncidentStatistics statistics) {
        this.statistics = statistics;
    }

    /** Durations in hours with one decimal, as analysts read them. */
    public static final class Hours {
        public String of(Double seconds) {
            return seconds == null ? "—" : String.format(java.util.Locale.ROOT, "%.1f giờ", seconds / 3600);
        }

        public String share(Double share) {
            return share == null ? "—" : String.format(java.util.Locale.ROOT, "%.0f%%", share * 100);
        }
    }

    @GetMapping("/incidents/statistics")
    @RequiresPermission(Permission.INCIDENT_READ)
    String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID agencyId,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        try {
            model.addAttribute("s", statistics.compute(user, agencyId, from, to));
        } catch (InvalidInputException e) {
            StringBuilder sb = new StringBuilder(e.getMessage());
            e.errors().forEach(x -> sb.append(" ").append(x.field()).append(": ").append(x.message()));
            model.addAttribute("error", sb.toString());
            model.addAttribute("s", statistics.compute(user, agencyId, null, null));
        }
        model.addAttribute("hours", new Hours());
        return "incident/statistics";
    }
}
