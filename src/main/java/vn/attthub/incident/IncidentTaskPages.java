package vn.attthub.incident;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
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
import vn.attthub.shared.InvalidInputException.FieldError;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The workspace's "Nhiệm vụ" section (issue 4 §4): loaded into the case workspace by htmx, and shown as a page of its
 * own when a form comes back with errors, so that the message is readable next to the form and nothing typed is lost.
 * The forms feed the same {@link IncidentTasks} operations as the API, so the rules and messages are the same.
 */
@Controller
class IncidentTaskPages {
    /** Field names of the API and the labels the form shows for them. */
    static final Map<String, String> LABELS = Map.ofEntries(Map.entry("title", "Tên nhiệm vụ"),
            Map.entry("description", "Mô tả"), Map.entry("ownerAgencyId", "Cơ quan được giao"),
            Map.entry("ownerAgencyCode", "Mã cơ quan được giao"), Map.entry("ownerUserId", "Người được giao"),
            Map.entry("ownerUsername", "Người được giao"), Map.entry("orderId", "Văn bản điều phối"),
            Map.entry("dueAt", "Thời hạn"), Map.entry("note", "Kết quả thực hiện"), Map.entry("reason", "Lý do huỷ"),
            Map.entry("version", "Phiên bản"));

    private final IncidentTasks tasks;
    private final IncidentViews views;
    private final IncidentOrders orders;
    private final AgencyDirectory directory;
    private final JdbcClient jdbc;

    IncidentTaskPages(IncidentTasks tasks, IncidentViews views, IncidentOrders orders, AgencyDirectory directory,
                      JdbcClient jdbc) {
        this.tasks = tasks;
        this.views = views;
        this.orders = orders;
        this.directory = directory;
        this.jdbc = jdbc;
    }

    record Option(UUID id, String label) {
    }

    /** The section (htmx) or, for a plain request, the page around it. */
    @GetMapping("/incidents/{id}/tasks")
    @RequiresPermission(Permission.INCIDENT_READ)
    String section(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, HttpServletRequest request,
                   Model model) {
        populate(user, id, model, Map.of(), null);
        return request.getHeader("HX-Request") != null ? "incident/tasks :: section" : "incident/tasks";
    }

    @PostMapping("/incidents/{id}/tasks")
    @RequiresPermission(Permission.INCIDENT_READ)
    String create(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                  @RequestParam Map<String, String> form, Model model, RedirectAttributes flash) {
        return act(user, id, form, null, model, flash, () -> tasks.create(user, id, read(form)),
                "Đã giao nhiệm vụ.");
    }

    /** Reassign and/or re-date (the API's PUT), with the version the form was rendered from. */
    @PostMapping("/incidents/{id}/tasks/{taskId}/update")
    @RequiresPermission(Permission.INCIDENT_READ)
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID taskId,
                  @RequestParam Map<String, String> form, Model model, RedirectAttributes flash) {
        return act(user, id, form, taskId, model, flash, () -> tasks.update(user, id, taskId, readUpdate(form)),
                "Đã cập nhật người được giao và thời hạn của nhiệm vụ.");
    }

    @PostMapping("/incidents/{id}/tasks/{taskId}/start")
    @RequiresPermission(Permission.INCIDENT_READ)
    String start(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID taskId,
                 Model model, RedirectAttributes flash) {
        return act(user, id, Map.of(), null, model, flash, () -> tasks.start(user, id, taskId),
                "Đã bắt đầu thực hiện nhiệm vụ.");
    }

    @PostMapping("/incidents/{id}/tasks/{taskId}/complete")
    @RequiresPermission(Permission.INCIDENT_READ)
    String complete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID taskId,
                    @RequestParam(required = false) String note, Model model, RedirectAttributes flash) {
        return act(user, id, Map.of(), null, model, flash,
                () -> tasks.complete(user, id, taskId, new IncidentTasks.Completion(note)),
                "Đã báo cáo hoàn thành nhiệm vụ.");
    }

    @PostMapping("/incidents/{id}/tasks/{taskId}/cancel")
    @RequiresPermission(Permission.INCIDENT_READ)
    String cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID taskId,
                  @RequestParam(required = false) String reason, Model model, RedirectAttributes flash) {
        return act(user, id, Map.of(), null, model, flash,
                () -> tasks.cancel(user, id, taskId, new IncidentTasks.Cancellation(reason)), "Đã huỷ nhiệm vụ.");
    }

    /** The form's fields into the API's body: owner agency by code (wins) or picked, owner user by username. */
    private IncidentTasks.Create read(Map<String, String> form) {
        List<FieldError> errors = new ArrayList<>();
        UUID owner = owner(form, errors);
        UUID ownerUser = ownerUser(form, errors);
        UUID order = uuid(form.get("orderId"), "orderId", errors);
        if (!errors.isEmpty()) throw new InvalidInputException("Nhiệm vụ chưa hợp lệ (invalid task).", errors);
        return new IncidentTasks.Create(form.get("title"), form.get("description"), owner, ownerUser, order,
                IncidentOrderForm.withVietnamOffset(form.get("dueAt")));
    }

    /** The same for a reassignment / new due time; an empty username or due time clears it, as in the API. */
    private IncidentTasks.Update readUpdate(Map<String, String> form) {
        List<FieldError> errors = new ArrayList<>();
        UUID owner = owner(form, errors);
        UUID ownerUser = ownerUser(form, errors);
        Integer version = null;
        try {
            version = Integer.valueOf(form.getOrDefault("version", "").strip());
        } catch (NumberFormatException e) {
            errors.add(new FieldError("version", "Tải lại trang rồi thử lại (missing version)."));
        }
        if (!errors.isEmpty()) throw new InvalidInputException("Nhiệm vụ chưa hợp lệ (invalid task).", errors);
        return new IncidentTasks.Update(owner, ownerUser, IncidentOrderForm.withVietnamOffset(form.get("dueAt")),
                version);
    }

    private UUID owner(Map<String, String> form, List<FieldError> errors) {
        String code = IncidentPages.blank(form.get("ownerAgencyCode"));
        if (code == null) return uuid(form.get("ownerAgencyId"), "ownerAgencyId", errors);
        UUID owner = directory.findByCode(code).map(a -> a.id().value()).orElse(null);
        if (owner == null) {
            errors.add(new FieldError("ownerAgencyCode", "Không tìm thấy cơ quan có mã " + code
                    + " (unknown agency code)."));
        }
        return owner;
    }

    private UUID ownerUser(Map<String, String> form, List<FieldError> errors) {
        String username = IncidentPages.blank(form.get("ownerUsername"));
        if (username == null) return null;
        UUID ownerUser = jdbc.sql("SELECT id FROM app_user WHERE lower(username) = lower(:u)").param("u", username)
                .query(UUID.class).optional().orElse(null);
        if (ownerUser == null) {
            errors.add(new FieldError("ownerUsername", "Không có người dùng " + username + " (unknown user)."));
        }
        return ownerUser;
    }

    private static UUID uuid(String value, String field, List<FieldError> errors) {
        String v = IncidentPages.blank(value);
        if (v == null) return null;
        try {
            return UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "Giá trị không hợp lệ (invalid id)."));
            return null;
        }
    }

    /**
     * Runs a form's action; on a refusal shows the section again with the message and what was typed, in the form it
     * came from ({@code editing}: the task whose reassignment form sent it, else the new-task form).
     */
    private String act(CurrentUser user, UUID id, Map<String, String> form, UUID editing, Model model,
                       RedirectAttributes flash, Runnable action, String done) {
        String error;
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        try {
            action.run();
            flash.addFlashAttribute("message", done);
            return "redirect:/incidents/" + id + "#tasks-slot";
        } catch (InvalidInputException e) {
            error = e.getMessage();
            for (FieldError x : e.errors()) {
                fieldErrors.merge(x.field(), x.message(), (a, b) -> a + " " + b);
            }
        } catch (ConflictException | AccessDeniedException e) {
            error = e.getMessage();
        }
        populate(user, id, model, form, editing);
        model.addAttribute("taskError", error);
        List<String> lines = new ArrayList<>();
        fieldErrors.forEach((f, m) -> lines.add(LABELS.getOrDefault(f, f) + ": " + m));
        model.addAttribute("taskFieldErrors", fieldErrors);
        model.addAttribute("taskErrorLines", lines);
        return "incident/tasks";
    }

    /** The section's model; {@code form} refills the new-task form, or the reassignment form of task {@code editing}. */
    private void populate(CurrentUser user, UUID id, Model model, Map<String, String> form, UUID editing) {
        model.addAttribute("editTaskId", editing);
        model.addAttribute("editForm", editing == null ? Map.of() : form);
        IncidentViews.Row row = views.row(id, user);
        model.addAttribute("incidentId", id);
        model.addAttribute("reference", row.reference());
        model.addAttribute("title", row.title());
        model.addAttribute("fmt", IncidentPages.FMT);
        model.addAttribute("tasks", tasks.list(user, id, null, null));
        model.addAttribute("canCreateTasks", tasks.mayCreate(user, row));
        model.addAttribute("closed", row.state() == IncidentState.CLOSED);
        model.addAttribute("taskForm", editing == null ? form : Map.of());
        List<Option> owners = new ArrayList<>();
        if (user.agency() != null) {
            directory.find(user.agency()).ifPresent(a -> owners.add(new Option(a.id().value(),
                    a.nameVi() + " (cơ quan của tôi)")));
        }
        jdbc.sql("""
                        SELECT r.agency_id, a.name_vi, r.role FROM incident_recipient r JOIN agency a ON a.id = r.agency_id
                        WHERE r.incident_id = :id ORDER BY a.name_vi""")
                .param("id", id).query((rs, n) -> new Option(rs.getObject(1, UUID.class), rs.getString(2) + " ("
                        + RecipientRole.valueOf(rs.getString(3)).labelVi() + ")")).list().stream()
                .filter(o -> owners.stream().noneMatch(x -> x.id().equals(o.id()))).forEach(owners::add);
        model.addAttribute("ownerOptions", owners);
        List<Option> orderOptions = new ArrayList<>();
        List<IncidentOrders.OrderView> caseOrders = orders.list(user, id);
        for (int i = 0; i < caseOrders.size(); i++) {
            IncidentOrders.OrderView o = caseOrders.get(i);
            String content = o.content().length() > 60 ? o.content().substring(0, 60) + "…" : o.content();
            orderOptions.add(new Option(o.id(), "Văn bản số " + (i + 1) + " — " + content));
        }
        model.addAttribute("orderOptions", orderOptions);
        Map<UUID, Integer> orderNumbers = new LinkedHashMap<>();
        for (int i = 0; i < caseOrders.size(); i++) orderNumbers.put(caseOrders.get(i).id(), i + 1);
        model.addAttribute("orderNumbers", orderNumbers);
    }
}
