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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.attthub.infosystem.InformationSystems;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Incident pages (Vietnamese): the two-minute notice form (draft kept in the browser's localStorage as the operator
 * types), the list with filters, the case workspace (timeline, recipients and acknowledgements, clocks, reports,
 * acknowledge / transition / classify / report forms) and the coordinator's board of open cases.
 */
@Controller
class IncidentPages {
    private final Incidents incidents;
    private final IncidentViews views;
    private final IncidentReports reports;
    private final IncidentCategories categories;
    private final InformationSystems systems;
    private final IncidentShares shares;
    private final IncidentOrders orders;
    private final AgencyDirectory directory;
    private final IncidentEvidence evidence;

    IncidentPages(Incidents incidents, IncidentViews views, IncidentReports reports, IncidentCategories categories,
                  InformationSystems systems, IncidentShares shares, IncidentOrders orders,
                  AgencyDirectory directory, IncidentEvidence evidence) {
        this.directory = directory;
        this.evidence = evidence;
        this.shares = shares;
        this.orders = orders;
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

        /** The value of a {@code datetime-local} input: Vietnam time to the minute ("" for none). */
        public String input(Instant i) {
            return i == null ? "" : LocalDateTime.ofInstant(i, Incidents.ZONE).withSecond(0).withNano(0).toString();
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
        model.addAttribute("canRespond", user.has(Permission.INCIDENT_RESPOND)); // hand-over inbox
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
        // more open cases than cards: say so, rather than let the columns' numbers pass for totals
        model.addAttribute("shownCount", open.items().size());
        model.addAttribute("partial", open.totalCapped() || open.total() > open.items().size());
        model.addAttribute("overdue", views.items(user, new IncidentViews.Filter(null, null, null, null, true, true,
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
                // free text never loses data: the type is guessed when filing, OTHER when nothing fits
                if (!v.isEmpty()) observables.add(new Incidents.Observable(null, v, null));
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
            UUID id = incidents.file(user, n, Incidents.ObservableMode.GUESS);
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

    @GetMapping("/incidents/{id}")
    @RequiresPermission(Permission.INCIDENT_READ)
    String workspace(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        common(model);
        model.addAttribute("d", views.detail(id, user));
        model.addAttribute("severities", Severity.values());
        model.addAttribute("plans", EmergencyPlan.values());
        model.addAttribute("reportTypes", ReportType.values());
        model.addAttribute("reportFields", IncidentReports.FIELDS);
        // observables and sharing (issue 4 §3): who may add, who may share, the shares the caller may see
        IncidentViews.Row row = views.row(id, user);
        model.addAttribute("canAddObservables", IncidentObservables.mayAdd(user, row, views));
        model.addAttribute("canShare", user.has(Permission.INCIDENT_RESPOND) && shares.mayShare(user, id));
        model.addAttribute("shares", shares.list(user, id));
        model.addAttribute("shareCaps", List.of(Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER, Tlp.AMBER_STRICT));
        model.addAttribute("tlps", Tlp.values());
        // coordination orders (Form 06, TT20 Art 8.2): the coordinator issues, addressees acknowledge and complete
        List<IncidentOrders.OrderView> caseOrders = orders.list(user, id);
        model.addAttribute("orders", caseOrders);
        Map<UUID, List<String>> orderActions = new LinkedHashMap<>();
        for (IncidentOrders.OrderView o : caseOrders) {
            List<UUID> mine = orders.mine(user, o);
            List<String> actions = new ArrayList<>();
            if (o.addressees().stream().anyMatch(a -> mine.contains(a.agencyId()) && a.acknowledgedAt() == null)) {
                actions.add("acknowledge");
            }
            if (o.addressees().stream().anyMatch(a -> mine.contains(a.agencyId()) && a.completedAt() == null)) {
                actions.add("complete");
            }
            orderActions.put(o.id(), actions);
        }
        model.addAttribute("orderActions", orderActions);
        model.addAttribute("evidence", evidence.list(user, id));
        model.addAttribute("canAddEvidence", evidence.mayHandle(user, row));
        model.addAttribute("canIssueOrders", user.has(Permission.INCIDENT_COORDINATE) && views.mayLead(user, row));
        return "incident/workspace";
    }

    @PostMapping("/incidents/{id}/orders")
    @RequiresPermission(Permission.INCIDENT_COORDINATE)
    String issueOrder(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                      @RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        return act(id, flash, () -> orders.issue(user, id, IncidentOrderForm.issue(form,
                code -> directory.findByCode(code).map(a -> a.id().value()))),
                "Đã ban hành văn bản điều phối (Mẫu 06).");
    }

    @PostMapping("/incidents/{id}/evidence")
    @RequiresPermission(Permission.INCIDENT_READ)
    String uploadEvidence(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                          @RequestParam(value = "file", required = false) MultipartFile file,
                          @RequestParam Map<String, String> form, RedirectAttributes flash) {
        IncidentEvidence.Upload body = new IncidentEvidence.Upload(form.get("description"),
                form.get("collectionMethod"), form.get("collectionLocation"),
                IncidentOrderForm.withVietnamOffset(form.get("collectedAt")), form.get("tlp"));
        return act(id, flash, () -> {
            try (InputStream in = file == null || file.isEmpty() ? null : file.getInputStream()) {
                evidence.upload(user, id, in, file == null ? null : file.getOriginalFilename(),
                        file == null ? null : file.getContentType(), body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "Đã lưu chứng cứ (SHA-256 đã tính, chuỗi lưu giữ bắt đầu).");
    }

    @PostMapping("/incidents/{id}/orders/{orderId}/acknowledge")
    @RequiresPermission(Permission.INCIDENT_READ)
    String acknowledgeOrder(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                            @PathVariable UUID orderId, RedirectAttributes flash) {
        return act(id, flash, () -> orders.acknowledge(user, id, orderId, null), "Đã xác nhận nhận văn bản điều phối.");
    }

    @PostMapping("/incidents/{id}/orders/{orderId}/complete")
    @RequiresPermission(Permission.INCIDENT_READ)
    String completeOrder(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID orderId,
                         @RequestParam(required = false) String note, RedirectAttributes flash) {
        return act(id, flash, () -> orders.complete(user, id, orderId, new IncidentOrders.Completion(note)),
                "Đã báo cáo hoàn thành văn bản điều phối.");
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
