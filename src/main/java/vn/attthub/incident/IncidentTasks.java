package vn.attthub.incident;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.notification.Message;
import vn.attthub.notification.Notifications;
import vn.attthub.organisation.AgencyTree;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.InvalidInputException.FieldError;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Incident tasks (issue 4 §3 "tasks with owners"): the working to-do list of the people handling a case ("collect
 * firewall logs", "reimage web server 2"), as opposed to coordination orders ({@link IncidentOrders}, the formal
 * instruction of Form 06). Each task has an owner agency, optionally a user of that agency's subtree, an optional due
 * time and a status {@code OPEN → IN_PROGRESS → DONE}, or {@code CANCELLED}; DONE and CANCELLED are final.
 * <ul>
 *   <li>Who sees a task: whoever may see the case ({@link IncidentViews#row}; tasks carry no TLP marking of their own,
 *       so the case's TLP rule is the only one that applies).</li>
 *   <li>Who creates: the case's coordinator (any owner agency), or an agency that may already act on the case (the
 *       reporter, owner, operator or a recipient in the caller's report/respond scope), for owners in its own
 *       subtree.</li>
 *   <li>Who starts and completes: the owner agency's subtree, or the coordinator. Who cancels: the creator's side or
 *       the coordinator. Who reassigns or re-dates: the coordinator, or the owner side within the owner's subtree.</li>
 * </ul>
 * Every step goes on the case timeline and into the audit log; the owner agency is notified once per task.
 */
@Component
class IncidentTasks {
    enum Status {
        OPEN("Chưa bắt đầu"), IN_PROGRESS("Đang thực hiện"), DONE("Đã hoàn thành"), CANCELLED("Đã huỷ");

        final String labelVi;

        Status(String labelVi) {
            this.labelVi = labelVi;
        }

        boolean fin() {
            return this == DONE || this == CANCELLED;
        }
    }

    static final int TITLE_MAX = 300;
    static final int TEXT_MAX = 4000;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Incidents incidents;
    private final IncidentViews views;
    private final AgencyTree tree;
    private final Notifications notifications;

    IncidentTasks(JdbcClient jdbc, AuditLog audit, Incidents incidents, IncidentViews views, AgencyTree tree,
                  Notifications notifications) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.incidents = incidents;
        this.views = views;
        this.tree = tree;
        this.notifications = notifications;
    }

    record Create(String title, String description, UUID ownerAgencyId, UUID ownerUserId, UUID orderId,
                  String dueAt) {
    }

    /** Reassign / re-date: the new owner agency (required), owner user and due time (null clears), the version read. */
    record Update(UUID ownerAgencyId, UUID ownerUserId, String dueAt, Integer version) {
    }

    record Completion(String note) {
    }

    record Cancellation(String reason) {
    }

    record Named(UUID id, String code, String name) {
    }

    record TaskView(UUID id, UUID incidentId, String title, String description, Named ownerAgency, Named ownerUser,
                    UUID orderId, Instant dueAt, Status status, String statusVi, boolean overdue, Instant createdAt,
                    String createdBy, UUID createdByAgencyId, Instant startedAt, String startedBy,
                    Instant completedAt, String completedBy, String resultNote, Instant cancelledAt,
                    String cancelledBy, String cancelReason, int version, List<String> actions) {
    }

    // ---- who may do what ----

    /** The subtrees where the caller acts on incidents (report, respond or coordinate). */
    private static Set<AgencyId> actingScope(CurrentUser user) {
        Set<AgencyId> out = new HashSet<>(user.scopeOf(Permission.INCIDENT_REPORT));
        out.addAll(user.scopeOf(Permission.INCIDENT_RESPOND));
        out.addAll(user.scopeOf(Permission.INCIDENT_COORDINATE));
        return out;
    }

    /** The caller acts for {@code agency}: it lies in their acting scope, or they act and belong to its subtree. */
    private boolean side(CurrentUser user, UUID agency) {
        if (agency == null) return false;
        Set<AgencyId> scope = actingScope(user);
        if (scope.isEmpty()) return false;
        return tree.within(AgencyId.of(agency), scope)
                || (user.agency() != null && tree.within(user.agency(), Set.of(AgencyId.of(agency))));
    }

    /** May the caller create tasks on this case (for their own subtree, or for anyone when coordinating)? */
    boolean mayCreate(CurrentUser user, IncidentViews.Row row) {
        return row.state() != IncidentState.CLOSED && (views.mayLead(user, row)
                || views.canReport(user, row) || views.isResponder(user, row));
    }

    private List<String> actions(CurrentUser user, boolean coordinator, Status status, UUID owner, UUID creator) {
        if (status.fin()) return List.of();
        List<String> out = new ArrayList<>();
        boolean ownerSide = coordinator || side(user, owner);
        if (ownerSide && status == Status.OPEN) out.add("start");
        if (ownerSide) out.add("complete");
        if (coordinator || side(user, creator)) out.add("cancel");
        if (ownerSide) out.add("update");
        return out;
    }

    // ---- operations ----

    @Transactional
    TaskView create(CurrentUser user, UUID incidentId, Create body) {
        IncidentViews.Row row = views.row(incidentId, user);
        boolean coordinator = views.mayLead(user, row);
        if (!coordinator && !views.canReport(user, row) && !views.isResponder(user, row)) {
            throw new AccessDeniedException("Chỉ cơ quan điều phối, cơ quan báo cáo hoặc cơ quan ứng cứu của sự cố mới "
                    + "được giao nhiệm vụ (only the case's coordinator, reporter or responders may create tasks).");
        }
        if (row.state() == IncidentState.CLOSED) {
            throw new ConflictException("Sự cố đã đóng, không giao thêm nhiệm vụ (the incident is closed).");
        }
        List<FieldError> errors = new ArrayList<>();
        String title = body == null ? null : Incidents.trim(body.title());
        if (title == null) {
            errors.add(new FieldError("title", "Tên nhiệm vụ là bắt buộc (title is required)."));
        } else if (title.length() > TITLE_MAX) {
            errors.add(new FieldError("title", "Tên nhiệm vụ tối đa " + TITLE_MAX + " ký tự (title too long)."));
        }
        String description = body == null ? null : Incidents.trim(body.description());
        if (description != null && description.length() > TEXT_MAX) {
            errors.add(new FieldError("description", "Mô tả tối đa " + TEXT_MAX + " ký tự (description too long)."));
        }
        UUID owner = body == null ? null : body.ownerAgencyId();
        UUID ownerUser = body == null ? null : body.ownerUserId();
        checkOwner(owner, ownerUser, errors);
        UUID order = body == null ? null : body.orderId();
        if (order != null && !jdbc.sql("SELECT EXISTS (SELECT 1 FROM incident_order WHERE id = :o AND incident_id = :i)")
                .param("o", order).param("i", incidentId).query(Boolean.class).single()) {
            errors.add(new FieldError("orderId", "Không có văn bản điều phối này trong sự cố (unknown order)."));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant due = due(body == null ? null : body.dueAt(), now, errors);
        redOnlyToNamed(row, owner, errors);
        if (!errors.isEmpty()) throw new InvalidInputException("Nhiệm vụ chưa hợp lệ (invalid task).", errors);
        if (!coordinator && !tree.within(AgencyId.of(owner), actingScope(user))) {
            throw new AccessDeniedException("Chỉ cơ quan điều phối mới được giao nhiệm vụ cho cơ quan khác; bạn chỉ giao "
                    + "được cho cơ quan trong phạm vi của mình (only the coordinator may assign a task to another "
                    + "agency).");
        }
        UUID id = UUID.randomUUID();
        Incidents.Actor actor = Incidents.Actor.of(user);
        jdbc.sql("""
                        INSERT INTO incident_task (id, incident_id, title, description, owner_agency_id, owner_user_id,
                            order_id, due_at, status, created_at, created_by, created_by_user, created_by_agency_id)
                        VALUES (:id, :incident, :title, :description, :owner, :ownerUser, :order, :due, 'OPEN', :now,
                            :by, :byUser, :byAgency)""")
                .param("id", id).param("incident", incidentId).param("title", title)
                .param("description", description, java.sql.Types.VARCHAR).param("owner", owner)
                .param("ownerUser", ownerUser, java.sql.Types.OTHER).param("order", order, java.sql.Types.OTHER)
                .param("due", due == null ? null : Timestamp.from(due), java.sql.Types.TIMESTAMP)
                .param("now", Timestamp.from(now)).param("by", actor.name()).param("byUser", actor.userId())
                .param("byAgency", user.agency() == null ? null : user.agency().value(), java.sql.Types.OTHER)
                .update();
        TaskView task = find(user, coordinator, incidentId, id);
        incidents.event(incidentId, now, actor, "TASK_CREATED", null, null, "Nhiệm vụ \"" + title + "\" giao "
                + assignee(task) + (due == null ? "" : "; hạn " + IncidentPages.FMT.at(due)) + ".");
        Map<String, Object> details = new HashMap<>();
        details.put("taskId", id.toString());
        details.put("title", title);
        details.put("ownerAgencyId", owner.toString());
        if (ownerUser != null) details.put("ownerUserId", ownerUser.toString());
        if (order != null) details.put("orderId", order.toString());
        if (due != null) details.put("dueAt", due.toString());
        audit.record(AuditEntry.success("incident.task.created", "incident", incidentId, AgencyId.of(owner), details));
        notifyOwner(row, task);
        return task;
    }

    List<TaskView> list(CurrentUser user, UUID incidentId, String status, Boolean mine) {
        views.row(incidentId, user);
        List<FieldError> errors = new ArrayList<>();
        Status s = Incidents.parse(Status.class, status, "status", errors, false);
        if (!errors.isEmpty()) throw new InvalidInputException("Bộ lọc không hợp lệ (invalid filter).", errors);
        boolean coordinator = coordinating(user, incidentId);
        StringBuilder sql = new StringBuilder(SELECT + " WHERE t.incident_id = :incident");
        Map<String, Object> params = new HashMap<>();
        params.put("incident", incidentId);
        if (s != null) {
            sql.append(" AND t.status = :status");
            params.put("status", s.name());
        }
        if (Boolean.TRUE.equals(mine)) {
            // assigned to the caller by name, or to the caller's agency without a named person
            sql.append(" AND (t.owner_user_id = :me OR (t.owner_user_id IS NULL AND t.owner_agency_id = :myAgency))");
            params.put("me", user.id().value());
            params.put("myAgency", user.agency() == null ? new UUID(0, 0) : user.agency().value());
        }
        sql.append(" ORDER BY CASE t.status WHEN 'IN_PROGRESS' THEN 0 WHEN 'OPEN' THEN 1 WHEN 'DONE' THEN 2 ELSE 3 END, "
                + "t.due_at NULLS LAST, t.created_at, t.id");
        var statement = jdbc.sql(sql.toString());
        for (var e : params.entrySet()) statement = statement.param(e.getKey(), e.getValue());
        Instant now = Instant.now();
        return statement.query((rs, n) -> map(rs, now)).list().stream()
                .map(t -> withActions(user, coordinator, t)).toList();
    }

    TaskView get(CurrentUser user, UUID incidentId, UUID taskId) {
        views.row(incidentId, user);
        return find(user, coordinating(user, incidentId), incidentId, taskId);
    }

    @Transactional
    TaskView start(CurrentUser user, UUID incidentId, UUID taskId) {
        TaskView task = get(user, incidentId, taskId);
        requireOwnerSide(user, incidentId, task, "bắt đầu");
        if (task.status() != Status.OPEN) throw conflict(task);
        Instant now = Instant.now();
        Incidents.Actor actor = Incidents.Actor.of(user);
        int n = jdbc.sql("""
                        UPDATE incident_task SET status = 'IN_PROGRESS', started_at = :now, started_by = :by,
                            version = version + 1 WHERE id = :id AND status = 'OPEN'""")
                .param("now", Timestamp.from(now)).param("by", actor.name()).param("id", taskId).update();
        if (n == 0) throw conflict(task);
        incidents.event(incidentId, now, actor, "TASK_STARTED", null, null,
                "Bắt đầu thực hiện nhiệm vụ \"" + task.title() + "\".");
        record(incidentId, task, "incident.task.started", Status.IN_PROGRESS, Map.of());
        return get(user, incidentId, taskId);
    }

    @Transactional
    TaskView complete(CurrentUser user, UUID incidentId, UUID taskId, Completion body) {
        TaskView task = get(user, incidentId, taskId);
        requireOwnerSide(user, incidentId, task, "hoàn thành");
        if (task.status().fin()) throw conflict(task);
        String note = body == null ? null : Incidents.trim(body.note());
        if (note == null || note.length() > TEXT_MAX) {
            throw new InvalidInputException("Báo cáo kết quả chưa hợp lệ (invalid completion).", List.of(
                    new FieldError("note", note == null ? "Nêu kết quả thực hiện (note is required)."
                            : "Kết quả tối đa " + TEXT_MAX + " ký tự (note too long).")));
        }
        Instant now = Instant.now();
        Incidents.Actor actor = Incidents.Actor.of(user);
        int n = jdbc.sql("""
                        UPDATE incident_task SET status = 'DONE', completed_at = :now, completed_by = :by,
                            result_note = :note, version = version + 1
                        WHERE id = :id AND status IN ('OPEN', 'IN_PROGRESS')""")
                .param("now", Timestamp.from(now)).param("by", actor.name()).param("note", note).param("id", taskId)
                .update();
        if (n == 0) throw conflict(task);
        incidents.event(incidentId, now, actor, "TASK_DONE", null, null,
                "Hoàn thành nhiệm vụ \"" + task.title() + "\": " + note);
        record(incidentId, task, "incident.task.done", Status.DONE, Map.of("note", note));
        return get(user, incidentId, taskId);
    }

    @Transactional
    TaskView cancel(CurrentUser user, UUID incidentId, UUID taskId, Cancellation body) {
        TaskView task = get(user, incidentId, taskId);
        if (!coordinating(user, incidentId) && !side(user, task.createdByAgencyId())) {
            throw new AccessDeniedException("Chỉ bên giao nhiệm vụ hoặc cơ quan điều phối mới được huỷ nhiệm vụ "
                    + "(only the creator's side or the coordinator may cancel a task).");
        }
        if (task.status().fin()) throw conflict(task);
        String reason = body == null ? null : Incidents.trim(body.reason());
        if (reason == null || reason.length() > TEXT_MAX) {
            throw new InvalidInputException("Huỷ nhiệm vụ chưa hợp lệ (invalid cancellation).", List.of(
                    new FieldError("reason", reason == null ? "Nêu lý do huỷ (reason is required)."
                            : "Lý do tối đa " + TEXT_MAX + " ký tự (reason too long).")));
        }
        Instant now = Instant.now();
        Incidents.Actor actor = Incidents.Actor.of(user);
        int n = jdbc.sql("""
                        UPDATE incident_task SET status = 'CANCELLED', cancelled_at = :now, cancelled_by = :by,
                            cancel_reason = :reason, version = version + 1
                        WHERE id = :id AND status IN ('OPEN', 'IN_PROGRESS')""")
                .param("now", Timestamp.from(now)).param("by", actor.name()).param("reason", reason)
                .param("id", taskId).update();
        if (n == 0) throw conflict(task);
        incidents.event(incidentId, now, actor, "TASK_CANCELLED", null, null,
                "Huỷ nhiệm vụ \"" + task.title() + "\": " + reason);
        record(incidentId, task, "incident.task.cancelled", Status.CANCELLED, Map.of("reason", reason));
        return get(user, incidentId, taskId);
    }

    @Transactional
    TaskView update(CurrentUser user, UUID incidentId, UUID taskId, Update body) {
        IncidentViews.Row row = views.row(incidentId, user);
        TaskView task = get(user, incidentId, taskId);
        boolean coordinator = coordinating(user, incidentId);
        requireOwnerSide(user, incidentId, task, "giao lại hoặc đổi hạn");
        if (task.status().fin()) throw conflict(task);
        List<FieldError> errors = new ArrayList<>();
        UUID owner = body == null ? null : body.ownerAgencyId();
        UUID ownerUser = body == null ? null : body.ownerUserId();
        checkOwner(owner, ownerUser, errors);
        if (body == null || body.version() == null) {
            errors.add(new FieldError("version", "Gửi kèm phiên bản đã đọc (version is required)."));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String dueText = body == null ? null : Incidents.trim(body.dueAt());
        Instant due = due(dueText, now, errors);
        redOnlyToNamed(row, owner, errors);
        if (!errors.isEmpty()) throw new InvalidInputException("Nhiệm vụ chưa hợp lệ (invalid task).", errors);
        if (!coordinator && !tree.within(AgencyId.of(owner), Set.of(AgencyId.of(task.ownerAgency().id())))) {
            throw new AccessDeniedException("Chỉ cơ quan điều phối mới được giao nhiệm vụ cho cơ quan ngoài phạm vi "
                    + "của cơ quan được giao (only the coordinator may reassign a task outside the owner's subtree).");
        }
        int n = jdbc.sql("""
                        UPDATE incident_task SET owner_agency_id = :owner, owner_user_id = :ownerUser, due_at = :due,
                            version = version + 1
                        WHERE id = :id AND version = :version AND status IN ('OPEN', 'IN_PROGRESS')""")
                .param("owner", owner).param("ownerUser", ownerUser, java.sql.Types.OTHER)
                .param("due", due == null ? null : Timestamp.from(due), java.sql.Types.TIMESTAMP)
                .param("id", taskId).param("version", body.version()).update();
        if (n == 0) {
            throw new ConflictException("Nhiệm vụ đã được người khác thay đổi; tải lại rồi thử lại (the task was "
                    + "changed since version " + body.version() + ").");
        }
        TaskView after = find(user, coordinator, incidentId, taskId);
        boolean reassigned = !owner.equals(task.ownerAgency().id())
                || !Objects.equals(ownerUser, task.ownerUser() == null ? null : task.ownerUser().id());
        Incidents.Actor actor = Incidents.Actor.of(user);
        incidents.event(incidentId, now, actor, reassigned ? "TASK_REASSIGNED" : "TASK_REDATED", null, null,
                "Nhiệm vụ \"" + task.title() + "\"" + (reassigned ? " giao lại cho " + assignee(after) : "")
                        + (reassigned ? ";" : ":") + " hạn " + IncidentPages.FMT.at(due) + ".");
        Map<String, Object> details = new HashMap<>();
        details.put("ownerAgencyId", AuditEntry.change(task.ownerAgency().id().toString(), owner.toString()));
        details.put("dueAt", AuditEntry.change(task.dueAt() == null ? null : task.dueAt().toString(),
                due == null ? null : due.toString()));
        record(incidentId, task, reassigned ? "incident.task.reassigned" : "incident.task.redated", null, details);
        if (!owner.equals(task.ownerAgency().id())) notifyOwner(row, after);
        return after;
    }

    // ---- helpers ----

    /**
     * The owner of a task sees the case (a party, {@link IncidentViews#scoped}); a TLP:RED case never leaves its named
     * parties, so its tasks go only to them (the reporter, the filing agency, a recipient, an addressee).
     */
    private void redOnlyToNamed(IncidentViews.Row row, UUID owner, List<FieldError> errors) {
        if (owner == null || row.tlp() != Tlp.RED
                || errors.stream().anyMatch(e -> e.field().equals("ownerAgencyId"))) return;
        if (!views.isNamedParty(row.id(), AgencyId.of(owner))) {
            errors.add(new FieldError("ownerAgencyId", "Sự cố TLP:RED chỉ giao nhiệm vụ cho các bên có tên trong sự cố "
                    + "(a TLP:RED case's tasks go only to its named parties)."));
        }
    }

    /** The case's coordinating side: its national coordinator or the lead agency's coordinator (one rule). */
    private boolean coordinating(CurrentUser user, UUID incidentId) {
        return views.mayLead(user, views.row(incidentId, user));
    }

    private void requireOwnerSide(CurrentUser user, UUID incidentId, TaskView task, String verb) {
        if (!coordinating(user, incidentId) && !side(user, task.ownerAgency().id())) {
            throw new AccessDeniedException("Chỉ cơ quan được giao (hoặc cơ quan điều phối) mới được " + verb
                    + " nhiệm vụ này (only the owner agency's subtree or the coordinator may do this).");
        }
    }

    private static ConflictException conflict(TaskView task) {
        return new ConflictException("Nhiệm vụ đang ở trạng thái \"" + task.status().labelVi + "\", không thực hiện "
                + "được thao tác này (the task is " + task.status().name() + ").");
    }

    private void checkOwner(UUID owner, UUID ownerUser, List<FieldError> errors) {
        if (owner == null) {
            errors.add(new FieldError("ownerAgencyId", "Chọn cơ quan được giao (ownerAgencyId is required)."));
            return;
        }
        if (!jdbc.sql("SELECT EXISTS (SELECT 1 FROM agency WHERE id = :id)").param("id", owner)
                .query(Boolean.class).single()) {
            errors.add(new FieldError("ownerAgencyId", "Không tìm thấy cơ quan (unknown agency)."));
            return;
        }
        if (ownerUser != null && !jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM app_user u JOIN agency ua ON ua.id = u.agency_id
                                       JOIN agency oa ON ua.path LIKE oa.path || '%'
                                       WHERE u.id = :user AND oa.id = :owner AND u.enabled)""")
                .param("user", ownerUser).param("owner", owner).query(Boolean.class).single()) {
            errors.add(new FieldError("ownerUserId", "Người được giao phải là người dùng của cơ quan được giao hoặc "
                    + "đơn vị trực thuộc (the owner user must belong to the owner agency's subtree)."));
        }
    }

    private static Instant due(String text, Instant now, List<FieldError> errors) {
        String t = Incidents.trim(text);
        if (t == null) return null;
        try {
            Instant due = OffsetDateTime.parse(t).toInstant().truncatedTo(ChronoUnit.MICROS);
            if (!due.isAfter(now)) {
                errors.add(new FieldError("dueAt", "Thời hạn phải ở tương lai (dueAt must be in the future)."));
            }
            return due;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("dueAt", "Dùng ISO-8601 có múi giờ, ví dụ 2026-03-01T17:00:00+07:00 "
                    + "(ISO-8601 with offset expected)."));
            return null;
        }
    }

    private void record(UUID incidentId, TaskView task, String action, Status to, Map<String, Object> extra) {
        Map<String, Object> details = new HashMap<>(extra);
        details.put("taskId", task.id().toString());
        if (to != null) details.put("status", AuditEntry.change(task.status().name(), to.name()));
        audit.record(AuditEntry.success(action, "incident", incidentId, AgencyId.of(task.ownerAgency().id()), details));
    }

    private void notifyOwner(IncidentViews.Row row, TaskView task) {
        Map<String, Object> model = new HashMap<>();
        model.put("agencyName", task.ownerAgency().name());
        model.put("reference", row.reference());
        model.put("title", task.title());
        model.put("ownerUser", task.ownerUser() == null ? "cán bộ do cơ quan phân công" : task.ownerUser().name());
        model.put("dueAt", task.dueAt() == null ? "không đặt hạn" : IncidentPages.FMT.at(task.dueAt()));
        // one notice per task and agency: a retry or a re-save never mails the same assignment twice
        notifications.send(new Message("incident-task", AgencyId.of(task.ownerAgency().id()), model,
                "/incidents/" + row.id() + "#tasks-slot", "incident-task:" + task.id() + ":" + task.ownerAgency().id()));
    }

    private static String assignee(TaskView t) {
        return t.ownerAgency().name() + (t.ownerUser() == null ? "" : " (" + t.ownerUser().name() + ")");
    }

    private static final String SELECT = """
            SELECT t.*, oa.code AS owner_code, oa.name_vi AS owner_name, u.full_name AS owner_user_name,
                   u.username AS owner_username
            FROM incident_task t JOIN agency oa ON oa.id = t.owner_agency_id
            LEFT JOIN app_user u ON u.id = t.owner_user_id""";

    private TaskView find(CurrentUser user, boolean coordinator, UUID incidentId, UUID taskId) {
        Instant now = Instant.now();
        return jdbc.sql(SELECT + " WHERE t.id = :id AND t.incident_id = :incident")
                .param("id", taskId).param("incident", incidentId).query((rs, n) -> map(rs, now)).optional()
                .map(t -> withActions(user, coordinator, t))
                .orElseThrow(() -> new NotFoundException("task", taskId));
    }

    private TaskView withActions(CurrentUser user, boolean coordinator, TaskView t) {
        return new TaskView(t.id(), t.incidentId(), t.title(), t.description(), t.ownerAgency(), t.ownerUser(),
                t.orderId(), t.dueAt(), t.status(), t.statusVi(), t.overdue(), t.createdAt(), t.createdBy(),
                t.createdByAgencyId(), t.startedAt(), t.startedBy(), t.completedAt(), t.completedBy(),
                t.resultNote(), t.cancelledAt(), t.cancelledBy(), t.cancelReason(), t.version(),
                actions(user, coordinator, t.status(), t.ownerAgency().id(), t.createdByAgencyId()));
    }

    private static TaskView map(ResultSet rs, Instant now) throws SQLException {
        Status status = Status.valueOf(rs.getString("status"));
        Instant due = IncidentViews.ts(rs, rs.findColumn("due_at"));
        UUID ownerUser = rs.getObject("owner_user_id", UUID.class);
        return new TaskView(rs.getObject("id", UUID.class), rs.getObject("incident_id", UUID.class),
                rs.getString("title"), rs.getString("description"),
                new Named(rs.getObject("owner_agency_id", UUID.class), rs.getString("owner_code"),
                        rs.getString("owner_name")),
                ownerUser == null ? null : new Named(ownerUser, rs.getString("owner_username"),
                        rs.getString("owner_user_name")),
                rs.getObject("order_id", UUID.class), due, status, status.labelVi,
                !status.fin() && due != null && due.isBefore(now),
                IncidentViews.ts(rs, rs.findColumn("created_at")), rs.getString("created_by"),
                rs.getObject("created_by_agency_id", UUID.class), IncidentViews.ts(rs, rs.findColumn("started_at")),
                rs.getString("started_by"), IncidentViews.ts(rs, rs.findColumn("completed_at")),
                rs.getString("completed_by"), rs.getString("result_note"),
                IncidentViews.ts(rs, rs.findColumn("cancelled_at")), rs.getString("cancelled_by"),
                rs.getString("cancel_reason"), rs.getInt("version"), List.of());
    }
}
