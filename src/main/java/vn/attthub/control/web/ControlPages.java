package vn.attthub.control.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.attthub.control.Assessments;
import vn.attthub.control.Baselines;
import vn.attthub.control.ControlCatalog;
import vn.attthub.control.Coverage;
import vn.attthub.control.EvidenceRegistry;
import vn.attthub.control.RequirementStatus;
import vn.attthub.control.SystemAccess;
import vn.attthub.infosystem.SystemSummary;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The control pages: the catalog, a system's baseline checklist (status, owner, due date and evidence per
 * requirement; a refused form comes back with its input and the reason), and the coverage dashboard of an agency
 * subtree ("Tuân thủ").
 */
@Controller
class ControlPages {
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private final ControlCatalog catalog;
    private final Baselines baselines;
    private final EvidenceRegistry evidence;
    private final Assessments assessments;
    private final Coverage coverage;
    private final SystemAccess access;
    private final ComplianceScope scope;

    ControlPages(ControlCatalog catalog, Baselines baselines, EvidenceRegistry evidence, Assessments assessments,
                 Coverage coverage, SystemAccess access, ComplianceScope scope) {
        this.catalog = catalog;
        this.baselines = baselines;
        this.evidence = evidence;
        this.assessments = assessments;
        this.coverage = coverage;
        this.access = access;
        this.scope = scope;
    }

    /** The fields of one requirement's forms as typed. */
    static class ItemForm {
        private String status, justification, ownerName, dueOn, note, title, url, effectiveOn, expiresOn, evidenceId;
        private int version;

        public String getStatus() { return status; }
        public void setStatus(String v) { status = v; }
        public String getJustification() { return justification; }
        public void setJustification(String v) { justification = v; }
        public String getOwnerName() { return ownerName; }
        public void setOwnerName(String v) { ownerName = v; }
        public String getDueOn() { return dueOn; }
        public void setDueOn(String v) { dueOn = v; }
        public String getNote() { return note; }
        public void setNote(String v) { note = v; }
        public String getTitle() { return title; }
        public void setTitle(String v) { title = v; }
        public String getUrl() { return url; }
        public void setUrl(String v) { url = v; }
        public String getEffectiveOn() { return effectiveOn; }
        public void setEffectiveOn(String v) { effectiveOn = v; }
        public String getExpiresOn() { return expiresOn; }
        public void setExpiresOn(String v) { expiresOn = v; }
        public String getEvidenceId() { return evidenceId; }
        public void setEvidenceId(String v) { evidenceId = v; }
        public int getVersion() { return version; }
        public void setVersion(int v) { version = v; }

        static ItemForm of(Baselines.Item i) {
            ItemForm f = new ItemForm();
            f.status = i.status().name();
            f.justification = i.justification();
            f.ownerName = i.ownerName();
            f.dueOn = i.dueOn() == null ? null : i.dueOn().toString();
            f.note = i.note();
            f.version = i.version();
            return f;
        }
    }

    static String day(LocalDate d) {
        return d == null ? "" : DAY.format(d);
    }

    @GetMapping("/controls/catalog")
    @RequiresPermission(Permission.CONTROL_READ)
    String catalog(Model model) {
        Map<String, List<ControlCatalog.Requirement>> byGroup = new LinkedHashMap<>();
        catalog.groups().forEach(g -> byGroup.put(g.code(), new ArrayList<>()));
        catalog.requirements().forEach(r -> byGroup.get(r.group()).add(r));
        model.addAttribute("catalog", catalog);
        model.addAttribute("byGroup", byGroup);
        return "control/catalog";
    }

    @GetMapping("/systems/{id}/baseline")
    @RequiresPermission(Permission.CONTROL_READ)
    String baseline(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        return render(user, id, model, null, null, Map.of());
    }

    private String render(CurrentUser user, UUID id, Model model, String openItem, ItemForm typed,
                          Map<String, String> errors) {
        SystemSummary system = access.require(id, user, Permission.CONTROL_READ);
        LocalDate today = ControlController.today();
        var baseline = baselines.find(id, today).orElse(null);
        Map<String, ItemForm> forms = new HashMap<>();
        if (baseline != null) baseline.items().forEach(i -> forms.put(i.requirement().id(), ItemForm.of(i)));
        if (openItem != null && typed != null) forms.put(openItem, typed);
        boolean canManage = user.has(Permission.CONTROL_MANAGE) && access.allowedFor(system, user, Permission.CONTROL_MANAGE);
        model.addAttribute("system", system);
        model.addAttribute("baseline", baseline);
        model.addAttribute("forms", forms);
        model.addAttribute("openItem", openItem);
        model.addAttribute("errors", errors);
        model.addAttribute("canManage", canManage);
        model.addAttribute("statuses", RequirementStatus.values());
        model.addAttribute("catalog", catalog);
        model.addAttribute("tasks", assessments.openFor(id, system.ownerId(), today));
        model.addAttribute("reusable", canManage ? evidence.recentWithin(user.scopeOf(Permission.CONTROL_MANAGE), 50, today)
                : List.of());
        model.addAttribute("today", today);
        return "control/baseline";
    }

    @PostMapping("/systems/{id}/baseline/{requirementId}")
    @RequiresPermission(Permission.CONTROL_MANAGE)
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable String requirementId,
                  ItemForm form, Model model, RedirectAttributes redirect) {
        access.require(id, user, Permission.CONTROL_MANAGE);
        Map<String, String> errors = new LinkedHashMap<>();
        List<InvalidInputException.FieldError> fieldErrors = new ArrayList<>();
        LocalDate due = ControlController.date("dueOn", form.getDueOn(), fieldErrors);
        RequirementStatus status = null;
        try {
            status = form.getStatus() == null ? null : RequirementStatus.valueOf(form.getStatus());
        } catch (IllegalArgumentException e) {
            fieldErrors.add(new InvalidInputException.FieldError("status", "Trạng thái không hợp lệ (invalid status)."));
        }
        fieldErrors.forEach(f -> errors.put(f.field(), f.message()));
        if (errors.isEmpty()) {
            try {
                baselines.update(id, requirementId, form.getVersion(), new Baselines.Change(status,
                        form.getJustification(), null, form.getOwnerName(), due, form.getNote()), user,
                        ControlController.today());
                redirect.addFlashAttribute("saved", requirementId);
                return "redirect:/systems/" + id + "/baseline#req-" + requirementId;
            } catch (InvalidInputException e) {
                e.errors().forEach(f -> errors.merge(f.field(), f.message(), (a, b) -> a + " " + b));
                if (errors.isEmpty()) errors.put("global", e.getMessage());
            } catch (ConflictException e) {
                errors.put("global", "Yêu cầu này vừa được người khác cập nhật; hãy xem lại rồi lưu lại "
                        + "(changed by someone else meanwhile; review and save again).");
                form.setVersion(baselines.item(id, requirementId, ControlController.today()).version());
            }
        }
        return render(user, id, model, requirementId, form, errors);
    }

    @PostMapping("/systems/{id}/baseline/{requirementId}/evidence")
    @RequiresPermission(Permission.CONTROL_MANAGE)
    String addEvidence(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                       @PathVariable String requirementId, ItemForm form,
                       @RequestParam(name = "file", required = false) MultipartFile file, Model model,
                       RedirectAttributes redirect) {
        access.require(id, user, Permission.CONTROL_MANAGE);
        Map<String, String> errors = new LinkedHashMap<>();
        List<InvalidInputException.FieldError> fieldErrors = new ArrayList<>();
        LocalDate from = ControlController.date("effectiveOn", form.getEffectiveOn(), fieldErrors);
        LocalDate to = ControlController.date("expiresOn", form.getExpiresOn(), fieldErrors);
        boolean hasFile = file != null && !file.isEmpty();
        boolean hasUrl = form.getUrl() != null && !form.getUrl().isBlank();
        if (!hasFile && !hasUrl) {
            fieldErrors.add(new InvalidInputException.FieldError("file",
                    "Chọn một tệp hoặc nhập đường dẫn (choose a file or enter a link)."));
        }
        fieldErrors.forEach(f -> errors.put(f.field(), f.message()));
        if (errors.isEmpty()) {
            var draft = new EvidenceRegistry.Draft(form.getTitle(), form.getUrl(), from, to, id, requirementId);
            try {
                if (hasFile) {
                    try (InputStream in = file.getInputStream()) {
                        evidence.createFile(in, file.getOriginalFilename(), file.getContentType(), draft, user,
                                ControlController.today());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                } else {
                    evidence.createLink(draft, user, ControlController.today());
                }
                redirect.addFlashAttribute("saved", requirementId);
                return "redirect:/systems/" + id + "/baseline#req-" + requirementId;
            } catch (InvalidInputException e) {
                e.errors().forEach(f -> errors.merge(f.field(), f.message(), (a, b) -> a + " " + b));
                if (errors.isEmpty()) errors.put("global", e.getMessage());
            }
        }
        ItemForm typed = ItemForm.of(baselines.item(id, requirementId, ControlController.today()));
        typed.setTitle(form.getTitle());
        typed.setUrl(form.getUrl());
        typed.setEffectiveOn(form.getEffectiveOn());
        typed.setExpiresOn(form.getExpiresOn());
        return render(user, id, model, requirementId, typed, errors);
    }

    @PostMapping("/systems/{id}/baseline/{requirementId}/evidence-link")
    @RequiresPermission(Permission.CONTROL_MANAGE)
    String linkEvidence(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                        @PathVariable String requirementId, ItemForm form, Model model, RedirectAttributes redirect) {
        access.require(id, user, Permission.CONTROL_MANAGE);
        Map<String, String> errors = new LinkedHashMap<>();
        List<InvalidInputException.FieldError> fieldErrors = new ArrayList<>();
        UUID evidenceId = ControlController.uuid("evidenceId", form.getEvidenceId(), fieldErrors);
        if (evidenceId == null && fieldErrors.isEmpty()) {
            fieldErrors.add(new InvalidInputException.FieldError("evidenceId", "Chọn một minh chứng (choose evidence)."));
        }
        fieldErrors.forEach(f -> errors.put(f.field(), f.message()));
        if (errors.isEmpty()) {
            try {
                evidence.link(evidenceId, id, requirementId, user, ControlController.today());
                redirect.addFlashAttribute("saved", requirementId);
                return "redirect:/systems/" + id + "/baseline#req-" + requirementId;
            } catch (InvalidInputException e) {
                e.errors().forEach(f -> errors.merge(f.field(), f.message(), (a, b) -> a + " " + b));
            } catch (ConflictException e) {
                errors.put("evidenceId", e.getMessage());
            } catch (vn.attthub.shared.NotFoundException e) {
                errors.put("evidenceId", "Không tìm thấy minh chứng (evidence not found).");
            }
        }
        ItemForm typed = ItemForm.of(baselines.item(id, requirementId, ControlController.today()));
        typed.setEvidenceId(form.getEvidenceId());
        return render(user, id, model, requirementId, typed, errors);
    }

    @GetMapping("/evidence/{id}/file")
    @RequiresPermission(Permission.CONTROL_READ)
    org.springframework.http.ResponseEntity<org.springframework.core.io.Resource> file(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return evidence.download(evidence.readable(id, user, Permission.CONTROL_READ, ControlController.today()));
    }

    @GetMapping("/compliance")
    @RequiresPermission(Permission.CONTROL_READ)
    String compliance(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID agencyId,
                      Model model) {
        AgencyId root = scope.rootFor(agencyId, user);
        LocalDate today = ControlController.today();
        model.addAttribute("report", coverage.of(root, today));
        model.addAttribute("overdueSteps", scope.overdueDossierSteps(root));
        model.addAttribute("parentId", scope.parentWithin(root, user));
        model.addAttribute("tasks", assessments.openWithin(scope.pathOf(root), today, null, 20));
        return "control/compliance";
    }
}
