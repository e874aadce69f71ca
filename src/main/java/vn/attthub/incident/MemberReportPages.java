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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pages (Vietnamese) for network members' Form 05 reports (TT20 Art 6.1.c) and the network's lessons-learned feed,
 * plus the lessons section of the case workspace (loaded into the workspace by htmx).
 */
@Controller
class MemberReportPages {
    private final MemberReports reports;
    private final IncidentLessons lessons;
    private final IncidentViews views;

    MemberReportPages(MemberReports reports, IncidentLessons lessons, IncidentViews views) {
        this.reports = reports;
        this.lessons = lessons;
        this.views = views;
    }

    private static String errorText(InvalidInputException e) {
        StringBuilder sb = new StringBuilder(e.getMessage());
        e.errors().forEach(x -> sb.append(" ").append(x.field()).append(": ").append(x.message()));
        return sb.toString();
    }

    @GetMapping("/incidents/member-reports")
    @RequiresPermission(Permission.INCIDENT_READ)
    String overview(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer year,
                    @RequestParam(required = false) String period, Model model) {
        try {
            model.addAttribute("o", reports.overview(user, year, period));
        } catch (InvalidInputException e) {
            model.addAttribute("error", errorText(e));
            model.addAttribute("o", reports.overview(user, null, null));
        }
        model.addAttribute("fmt", IncidentPages.FMT);
        model.addAttribute("statusVi", STATUS_VI);
        int thisYear = java.time.LocalDate.now(Incidents.ZONE).getYear();
        List<Integer> years = new ArrayList<>();
        for (int y = thisYear + 1; y >= Math.max(2018, thisYear - 5); y--) years.add(y);
        model.addAttribute("years", years);
        return "incident/member-reports";
    }

    static final Map<String, String> STATUS_VI = Map.of("PENDING", "Chưa đến hạn", "ON_TIME", "Đúng hạn",
            "LATE", "Trễ hạn", "OVERDUE", "Quá hạn, chưa gửi");

    @GetMapping("/incidents/member-reports/draft")
    @RequiresPermission(Permission.INCIDENT_READ)
    String draft(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID agencyId,
                 @RequestParam(required = false) Integer year, @RequestParam(required = false) String period,
                 Model model) {
        MemberReports.Draft d = reports.draft(user, agencyId, year, period);
        model.addAttribute("d", d);
        model.addAttribute("canFile", reports.canFile(user, vn.attthub.shared.AgencyId.of(d.agencyId())));
        model.addAttribute("fmt", IncidentPages.FMT);
        model.addAttribute("statusVi", STATUS_VI);
        if (!model.containsAttribute("form")) model.addAttribute("form", d.content());
        return "incident/member-report-draft";
    }

    @PostMapping("/incidents/member-reports")
    @RequiresPermission(Permission.INCIDENT_REPORT)
    String file(@AuthenticationPrincipal CurrentUser user, @RequestParam Map<String, String> form,
                RedirectAttributes flash) {
        UUID agencyId = parseUuid(form.get("agencyId"));
        Integer year = parseYear(form.get("year"));
        MemberReports.Filing filing = new MemberReports.Filing(agencyId, year, form.get("period"),
                form.get("generalSituation"), form.get("responseActivities"), form.get("networkActivities"),
                form.get("resources"), form.get("difficulties"), form.get("proposals"));
        try {
            MemberReports.ReportView v = reports.file(user, filing);
            flash.addFlashAttribute("message", "Đã ký số và gửi báo cáo tới Cơ quan điều phối quốc gia.");
            return "redirect:/incidents/member-reports/" + v.id();
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", errorText(e));
        } catch (ConflictException | AccessDeniedException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        flash.addFlashAttribute("form", form);
        return "redirect:/incidents/member-reports/draft?agencyId=" + agencyId + "&year=" + year + "&period="
                + form.get("period");
    }

    private static Integer parseYear(String s) {
        try {
            return s == null || s.isBlank() ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static UUID parseUuid(String s) {
        try {
            return s == null || s.isBlank() ? null : UUID.fromString(s.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @GetMapping("/incidents/member-reports/{id}")
    @RequiresPermission(Permission.INCIDENT_READ)
    String report(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("r", reports.get(user, id));
        model.addAttribute("fields", MemberReports.TEXT_FIELDS);
        model.addAttribute("fmt", IncidentPages.FMT);
        model.addAttribute("statusVi", STATUS_VI);
        return "incident/member-report";
    }

    // ---- lessons ----

    @GetMapping("/incidents/lessons")
    @RequiresPermission(Permission.INCIDENT_READ)
    String feed(@AuthenticationPrincipal CurrentUser user, Model model) {
        boolean reader = lessons.networkReader(user);
        model.addAttribute("reader", reader);
        model.addAttribute("items", reader ? lessons.feed(user, 100) : List.of());
        model.addAttribute("fmt", IncidentPages.FMT);
        return "incident/lessons";
    }

    /** The workspace's lessons section (htmx fragment). */
    @GetMapping("/incidents/{id}/lessons")
    @RequiresPermission(Permission.INCIDENT_READ)
    String section(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        IncidentViews.Row row = views.row(id, user);
        model.addAttribute("incidentId", id);
        model.addAttribute("items", lessons.list(user, id));
        model.addAttribute("canWrite", IncidentLessons.WRITABLE.contains(row.state())
                && (views.isResponder(user, row) || views.isCoordinator(user, id)));
        model.addAttribute("red", row.tlp() == Tlp.RED);
        model.addAttribute("fmt", IncidentPages.FMT);
        return "incident/lessons-section :: section";
    }

    @PostMapping("/incidents/{id}/lessons")
    @RequiresPermission(Permission.INCIDENT_READ)
    String write(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                 @RequestParam Map<String, String> form, RedirectAttributes flash) {
        return act(id, flash, () -> lessons.write(user, id, new IncidentLessons.Draft(form.get("title"),
                form.get("body"))), "Đã lưu bài học kinh nghiệm. Kiểm tra bản xem trước trước khi công bố.");
    }

    @PostMapping("/incidents/{id}/lessons/{lessonId}/publish")
    @RequiresPermission(Permission.INCIDENT_READ)
    String publish(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID lessonId,
                   @RequestParam Map<String, String> form, RedirectAttributes flash) {
        return act(id, flash, () -> lessons.publish(user, id, lessonId,
                        new IncidentLessons.Publication("on".equals(form.get("confirm")) || "true".equals(form.get("confirm")))),
                "Đã công bố bài học (bản đã ẩn thông tin định danh) cho mạng lưới.");
    }

    private String act(UUID id, RedirectAttributes flash, Runnable action, String done) {
        try {
            action.run();
            flash.addFlashAttribute("message", done);
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", errorText(e));
        } catch (ConflictException | AccessDeniedException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/incidents/" + id + "#lessons-h";
    }
}
