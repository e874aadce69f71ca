package vn.attthub.incident;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.attthub.infosystem.InformationSystems;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Incident pages (Vietnamese): the two-minute notice form (draft kept in the browser's localStorage as the operator
 * types), the list with filters, the case workspace (timeline, recipients and acknowledgements, clocks, reports,
 * acknowledge / transition / classify / report forms) and the coordinator's board of open cases.
 */
@Controller
class IncidentPages {
    private static final Pattern IP = Pattern.compile("^(\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:]+)(/\\d+)?$");
    private static final Pattern HASH = Pattern.compile("^([0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$");
    private final Incidents incidents;
    private final IncidentViews views;
    private final IncidentReports reports;
    private final IncidentCategories categories;
    private final InformationSystems systems;

    IncidentPages(Incidents incidents, IncidentViews views, IncidentReports reports, IncidentCategories categories,
                  InformationSystems systems) {
        this.incidents = incidents;
        this.views = views;
        this.reports = reports;
        this.categories = categories;
        this.systems = systems;
    }

    /** Times in Vietnam's zone, as on paper forms. */
    public static final class Fmt {
        static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

        public String at(Instant i) {
            return i == null ? "—" : AT.format(LocalDateTime.ofInstant(i, Incidents.ZONE));
        }
    }

    static final Fmt FMT = new Fmt();

    private void common(Model model) {
        model.addAttribute("fmt", FMT);
        model.addAttribute("categories", categories.all());
        model.addAttribute("states", IncidentState.values());
        Map<String, String> stateVi = new LinkedHashMap<>();
        for (IncidentState st : IncidentState.values()) stateVi.put(st.name(), st.labelVi());
        model.addAttribute("stateVi", stateVi);
        Map<String, String> planVi = new LinkedHashMap<>();
        for (EmergencyPlan p : EmergencyPlan.values()) planVi.put(p.name(), p.labelVi());
        model.addAttribute("planVi", planVi);
        Map<String, List<IncidentCategories.Category>> groups = new LinkedHashMap<>();
        for (var c : categories.all()) groups.computeIfAbsent(c.classVi(), k -> new ArrayList<>()).add(c);
        model.addAttribute("categoryGroups", groups);
    }

    @GetMapping("/incidents")
    @RequiresPermission(Permission.INCIDENT_READ)
    String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String state,
                @RequestParam(required = false) String severity, @RequestParam(required = false) String category,
                @RequestParam(required = false) Boolean overdue, @RequestParam(required = false) Integer page,
                Model model) {
        common(model);
        model.addAttribute("page", views.list(user, new IncidentViews.Filter(blank(state), blank(severity),
                blank(category), null, overdue, null, "-reportedAt", page, 25)));
        model.addAttribute("state", state);
        model.addAttribute("severity", severity);
        model.addAttribute("category", category);
        model.addAttribute("overdue", overdue);
        model.addAttribute("canReport", user.has(Permission.INCIDENT_REPORT));
        model.addAttribute("canCoordinate", user.has(Permission.INCIDENT_COORDINATE));
        return "incident/list";
    }

    @GetMapping("/incidents/board")
    @RequiresPermission(Permission.INCIDENT_READ)
    String board(@AuthenticationPrincipal CurrentUser user, Model model) {
        common(model);
        var open = views.list(user, new IncidentViews.Filter(null, null, null, null, null, true, "severity", 0, 200));
        Map<String, List<IncidentViews.ListItem>> columns = new LinkedHashMap<>();
        columns.put("SERIOUS", new ArrayList<>());
        columns.put("NORMAL", new ArrayList<>());
        columns.put("UNCLASSIFIED", new ArrayList<>());
        for (var i : open.items()) {
            columns.get(i.severity() == null ? "UNCLASSIFIED" : i.severity()).add(i);
        }
        model.addAttribute("columns", columns);
        model.addAttribute("openTotal", open.totalCapped() ? "hơn " + open.total() : open.total());
        model.addAttribute("overdue", views.list(user, new IncidentViews.Filter(null, null, null, null, true, true,
                "reportedAt", 0, 50)));
        return "incident/board";
    }

    @GetMapping("/incidents/new")
    @RequiresPermission(Permission.INCIDENT_REPORT)
    String form(Model model) {
        common(model);
        model.addAttribute("form", Map.of());
        model.addAttribute("tlps", Tlp.values());
        model.addAttribute("impacts", Impact.values());
        return "incident/new";
    }

    @PostMapping("/incidents/new")
    @RequiresPermission(Permission.INCIDENT_REPORT)
    String file(@AuthenticationPrincipal CurrentUser user, @RequestParam MultiValueMap<String, String> form,
                Model model) {
        String code = blank(form.getFirst("systemCode"));
        UUID systemId = code == null ? null : systems.findByCode(code).map(s -> s.id()).orElse(null);
        List<InvalidInputException.FieldError> extra = new ArrayList<>();
        if (code != null && systemId == null) {
            extra.add(new InvalidInputException.FieldError("systemCode", "Không có hệ thống mã " + code
                    + "; để trống và nhập tên, tên miền hoặc IP."));
        }
        String detected = blank(form.getFirst("detectedAt"));
        if (detected != null && detected.length() == 16) detected = detected + ":00+07:00"; // datetime-local, giờ VN
        List<Incidents.Observable> observables = new ArrayList<>();
        String lines = form.getFirst("observables");
        if (lines != null) {
            for (String line : lines.split("\\R")) {
                String v = line.strip();
                if (!v.isEmpty()) observables.add(new Incidents.Observable(typeOf(v), v, null));
            }
        }
        List<String> impacts = form.get("impacts") == null ? List.of() : form.get("impacts");
        Incidents.Notice n = new Incidents.Notice(systemId, blank(form.getFirst("affectedAsset")), null, null, null,
                blank(form.getFirst("reporterName")), blank(form.getFirst("reporterTitle")),
                blank(form.getFirst("reporterPhone")), blank(form.getFirst("reporterEmail")), form.getFirst("title"),
                form.getFirst("description"), detected, form.getFirst("category"),
                form.getFirst("beyondCapacity") == null ? null : "true".equals(form.getFirst("beyondCapacity")),
                form.getFirst("tlp"), impacts, form.getFirst("resultsSoFar"), form.getFirst("proposals"), observables);
        try {
            if (!extra.isEmpty()) throw new InvalidInputException("Thông báo sự cố chưa hợp lệ.", extra);
            UUID id = incidents.file(user, n);
            return "redirect:/incidents/" + id + "?filed";
        } catch (InvalidInputException e) {
            common(model);
            model.addAttribute("form", form.toSingleValueMap());
            model.addAttribute("checkedImpacts", impacts);
            model.addAttribute("tlps", Tlp.values());
            model.addAttribute("impacts", Impact.values());
            model.addAttribute("errors", e.errors());
            return "incident/new";
        }
    }

    static String typeOf(String v) {
        if (IP.matcher(v).matches()) return "IP";
        if (HASH.matcher(v).matches()) return "FILE_HASH";
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) return "URL";
        if (v.contains("@")) return "EMAIL";
        return "DOMAIN";
    }

    @GetMapping("/incidents/{id}")
    @RequiresPermission(Permission.INCIDENT_READ)
    String workspace(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        common(model);
        model.addAttribute("d", views.detail(id, user));
        model.addAttribute("severities", Severity.values());
        model.addAttribute("plans", EmergencyPlan.values());
        model.addAttribute("reportTypes", ReportType.values());
        model.addAttribute("reportFields", IncidentReports.FIELDS);
        return "incident/workspace";
    }

    @PostMapping("/incidents/{id}/acknowledge")
    @RequiresPermission(Permission.INCIDENT_READ)
    String acknowledge(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, RedirectAttributes flash) {
        return act(id, flash, () -> incidents.acknowledge(user, id, null, views), "Đã xác nhận nhận thông báo.");
    }

    @PostMapping("/incidents/{id}/transition")
    @RequiresPermission(Permission.INCIDENT_READ)
    String transition(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                      @RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        return act(id, flash, () -> incidents.transition(user, id, new Incidents.Transition(form.getFirst("to"),
                form.getFirst("comment"), blank(form.getFirst("severity")), blank(form.getFirst("emergencyPlan")),
                form.getFirst("reason")), views), "Đã cập nhật trạng thái sự cố.");
    }

    @PostMapping("/incidents/{id}/report")
    @RequiresPermission(Permission.INCIDENT_REPORT)
    String report(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                  @RequestParam Map<String, String> form, RedirectAttributes flash) {
        IncidentReports.Submission s = new IncidentReports.Submission(form.get("type"), form.get("summary"),
                form.get("contactName"), form.get("contactTitle"), form.get("contactPhone"), form.get("contactEmail"),
                form.get("incidentType"), form.get("symptoms"), form.get("preliminaryHarm"), form.get("spread"),
                form.get("impact"), form.get("provider"), form.get("measures"), form.get("helpers"),
                form.get("initialResult"), form.get("proposals"), form.get("rootCause"), form.get("result"),
                form.get("lessonsLearned"), form.get("supportNeeded"));
        return act(id, flash, () -> reports.submit(user, id, s), "Đã gửi báo cáo (đã ký số).");
    }

    private String act(UUID id, RedirectAttributes flash, Runnable action, String done) {
        try {
            action.run();
            flash.addFlashAttribute("message", done);
        } catch (InvalidInputException e) {
            StringBuilder sb = new StringBuilder(e.getMessage());
            e.errors().forEach(x -> sb.append(" ").append(x.field()).append(": ").append(x.message()));
            flash.addFlashAttribute("error", sb.toString());
        } catch (ConflictException | Incidents.NotAllowed e) {
            flash.addFlashAttribute("error", e.getMessage());
        } catch (AccessDeniedException e) {
            flash.addFlashAttribute("error", e.getMessage());
        } catch (NotFoundException e) {
            throw e;
        }
        return "redirect:/incidents/" + id;
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
