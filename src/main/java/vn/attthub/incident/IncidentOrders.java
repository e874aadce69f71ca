package vn.attthub.incident;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.notification.Message;
import vn.attthub.notification.Notifications;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.InvalidInputException.FieldError;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Coordination orders (Circular 20/2017 Art 8.2, Form 06 "văn bản điều phối"): the national coordinator orders one
 * or more named agencies to act on an incident (content, required actions, due time); each addressee acknowledges
 * and reports completion with a note. Every step goes on the case timeline and into the audit log; an addressee sees
 * the incident because of the order ({@link IncidentViews#visible}).
 */
@Component
class IncidentOrders {
    enum State { ISSUED, ACKNOWLEDGED, DONE }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Incidents incidents;
    private final IncidentViews views;
    private final AgencyDirectory agencies;
    private final Notifications notifications;

    IncidentOrders(JdbcClient jdbc, AuditLog audit, Incidents incidents, IncidentViews views,
                   AgencyDirectory agencies, Notifications notifications) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.incidents = incidents;
        this.views = views;
        this.agencies = agencies;
        this.notifications = notifications;
    }

    record Issue(List<UUID> addresseeIds, String content, String requiredActions, String dueAt) {
    }

    record Completion(String note) {
    }

    record AckRequest(UUID agencyId) {
    }

    record Addressee(UUID agencyId, String agencyName, State state, Instant acknowledgedAt, String acknowledgedBy,
                     Instant completedAt, String completedBy, String completionNote, boolean overdue) {
    }

    record OrderView(UUID id, UUID incidentId, String content, String requiredActions, Instant dueAt,
                     Instant issuedAt, String issuedBy, State state, boolean overdue, List<Addressee> addressees) {
    }

    @Transactional
    OrderView issue(CurrentUser user, UUID incidentId, Issue body) {
        IncidentViews.Row row = views.row(incidentId, user);
        if (!views.mayLead(user, row)) {
            throw new AccessDeniedException("Chỉ cơ quan điều phối quốc gia hoặc đơn vị chủ trì của sự cố mới được ban "
                    + "hành văn bản điều phối (only the incident's national coordinator or lead agency may issue "
                    + "orders, TT20 Điều 8.2, 11).");
        }
        List<FieldError> errors = new ArrayList<>();
        Set<UUID> addressees = new LinkedHashSet<>();
        if (body == null || body.addresseeIds() == null || body.addresseeIds().isEmpty()) {
            errors.add(new FieldError("addresseeIds", "Chọn ít nhất một cơ quan nhận (at least one addressee)."));
        } else {
            for (int i = 0; i < body.addresseeIds().size(); i++) {
                UUID a = body.addresseeIds().get(i);
                if (a == null || agencies.find(AgencyId.of(a)).isEmpty()) {
                    errors.add(new FieldError("addresseeIds[" + i + "]", "Không tìm thấy cơ quan (unknown agency)."));
                } else {
                    addressees.add(a);
                }
            }
        }
        String content = body == null ? null : Incidents.trim(body.content());
        String actions = body == null ? null : Incidents.trim(body.requiredActions());
        if (content == null) errors.add(new FieldError("content", "Nội dung điều phối là bắt buộc (content is required)."));
        if (actions == null) {
            errors.add(new FieldError("requiredActions", "Yêu cầu thực hiện là bắt buộc (requiredActions is required)."));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant due = null;
        String dueText = body == null ? null : Incidents.trim(body.dueAt());
        if (dueText == null) {
            errors.add(new FieldError("dueAt", "Thời hạn là bắt buộc (dueAt is required)."));
        } else {
            try {
                due = OffsetDateTime.parse(dueText).toInstant().truncatedTo(ChronoUnit.MICROS);
                if (!due.isAfter(now)) errors.add(new FieldError("dueAt", "Thời hạn phải ở tương lai (dueAt must be in the future)."));
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("dueAt", "Dùng ISO-8601 có múi giờ, ví dụ 2026-03-01T17:00:00+07:00 "
                        + "(ISO-8601 with offset expected)."));
            }
        }
        if (!errors.isEmpty()) throw new InvalidInputException("Văn bản điều phối chưa hợp lệ (invalid order).", errors);
        UUID id = UUID.randomUUID();
        Incidents.Actor actor = Incidents.Actor.of(user);
        jdbc.sql("""
                        INSERT INTO incident_order (id, incident_id, content, required_actions, due_at, issued_at,
                            issued_by, issuer_agency_id)
                        VALUES (:id, :incident, :content, :actions, :due, :now, :by, :agency)""")
                .param("id", id).param("incident", incidentId).param("content", content).param("actions", actions)
                .param("due", Timestamp.from(due)).param("now", Timestamp.from(now)).param("by", actor.name())
                .param("agency", user.agency() == null ? null : user.agency().value(), java.sql.Types.OTHER).update();
        List<String> names = new ArrayList<>();
        for (UUID a : addressees) {
            jdbc.sql("""
                            INSERT INTO incident_order_addressee (order_id, incident_id, agency_id, state)
                            VALUES (:order, :incident, :agency, 'ISSUED')""")
                    .param("order", id).param("incident", incidentId).param("agency", a).update();
            names.add(name(a));
            Map<String, Object> model = new HashMap<>();
            model.put("agencyName", name(a));
            model.put("reference", row.reference());
            model.put("dueAt", IncidentPages.FMT.at(due));
            notifications.send(new Message("incident-order", AgencyId.of(a), model, "/incidents/" + incidentId,
                    "incident-order:" + id + ":" + a));
        }
        incidents.event(incidentId, now, actor, "ORDER_ISSUED", null, null, "Văn bản điều phối gửi "
                + String.join(", ", names) + "; hạn " + IncidentPages.FMT.at(due) + ": " + content);
        Map<String, Object> details = new HashMap<>();
        details.put("orderId", id.toString());
        details.put("addressees", addressees.stream().map(UUID::toString).toList());
        details.put("dueAt", due.toString());
        audit.record(AuditEntry.success("incident.order.issued", "incident", incidentId, row.reporterAgency(), details));
        return find(incidentId, id);
    }

    List<OrderView> list(CurrentUser user, UUID incidentId) {
        views.row(incidentId, user);
        return jdbc.sql("SELECT id FROM incident_order WHERE incident_id = :id ORDER BY issued_at, id")
                .param("id", incidentId).query(UUID.class).list().stream().map(o -> find(incidentId, o)).toList();
    }

    OrderView get(CurrentUser user, UUID incidentId, UUID orderId) {
        views.row(incidentId, user);
        return find(incidentId, orderId);
    }

    /** The agencies among the order's addressees that the caller acts for (own agency or a grant). */
    List<UUID> mine(CurrentUser user, OrderView order) {
        Set<UUID> named = Incidents.namedAgencies(user, Permission.INCIDENT_READ);
        return order.addressees().stream().map(Addressee::agencyId).filter(named::contains).toList();
    }

    @Transactional
    OrderView acknowledge(CurrentUser user, UUID incidentId, UUID orderId, UUID agencyId) {
        return step(user, incidentId, orderId, agencyId, State.ACKNOWLEDGED, null);
    }

    @Transactional
    OrderView complete(CurrentUser user, UUID incidentId, UUID orderId, Completion body) {
        String note = body == null ? null : Incidents.trim(body.note());
        if (note == null) {
            throw new InvalidInputException("Báo cáo kết quả chưa hợp lệ (invalid completion).", List.of(
                    new FieldError("note", "Nêu kết quả thực hiện (note is required).")));
        }
        return step(user, incidentId, orderId, null, State.DONE, note);
    }

    private OrderView step(CurrentUser user, UUID incidentId, UUID orderId, UUID agencyId, State to, String note) {
        OrderView order = get(user, incidentId, orderId);
        List<UUID> mine = mine(user, order);
        if (agencyId != null) mine = mine.stream().filter(agencyId::equals).toList();
        if (mine.isEmpty()) {
            throw new AccessDeniedException("Cơ quan của bạn không phải là nơi nhận văn bản điều phối này "
                    + "(your agency is not an addressee of this order).");
        }
        Instant now = Instant.now();
        Incidents.Actor actor = Incidents.Actor.of(user);
        int changed = 0;
        for (UUID a : mine) {
            int n = to == State.ACKNOWLEDGED
                    ? jdbc.sql("""
                            UPDATE incident_order_addressee SET state = 'ACKNOWLEDGED', acknowledged_at = :now,
                                acknowledged_by = :by WHERE order_id = :order AND agency_id = :agency AND state = 'ISSUED'""")
                    .param("now", Timestamp.from(now)).param("by", actor.name()).param("order", orderId)
                    .param("agency", a).update()
                    : jdbc.sql("""
                            UPDATE incident_order_addressee SET state = 'DONE', completed_at = :now, completed_by = :by,
                                completion_note = :note,
                                acknowledged_at = COALESCE(acknowledged_at, :now),
                                acknowledged_by = COALESCE(acknowledged_by, :by)
                            WHERE order_id = :order AND agency_id = :agency AND state <> 'DONE'""")
                    .param("now", Timestamp.from(now)).param("by", actor.name()).param("note", note)
                    .param("order", orderId).param("agency", a).update();
            if (n == 0) continue;
            changed++;
            String text = to == State.ACKNOWLEDGED
                    ? name(a) + " xác nhận đã nhận văn bản điều phối."
                    : name(a) + " báo cáo hoàn thành văn bản điều phối: " + note;
            incidents.event(incidentId, now, actor, to == State.ACKNOWLEDGED ? "ORDER_ACKNOWLEDGED" : "ORDER_DONE",
                    null, null, text);
            Map<String, Object> details = new HashMap<>();
            details.put("orderId", orderId.toString());
            details.put("state", AuditEntry.change(null, to.name()));
            audit.record(AuditEntry.success(to == State.ACKNOWLEDGED ? "incident.order.acknowledged"
                    : "incident.order.done", "incident", incidentId, AgencyId.of(a), details));
        }
        if (changed == 0) {
            throw new ConflictException("Văn bản điều phối đã ở trạng thái này (the order is already "
                    + to.name().toLowerCase() + " for your agency).");
        }
        return find(incidentId, orderId);
    }

    private OrderView find(UUID incidentId, UUID orderId) {
        Instant now = Instant.now();
        List<Addressee> addressees = jdbc.sql("""
                        SELECT oa.agency_id, a.name_vi, oa.state, oa.acknowledged_at, oa.acknowledged_by,
                               oa.completed_at, oa.completed_by, oa.completion_note, o.due_at
                        FROM incident_order_addressee oa JOIN agency a ON a.id = oa.agency_id
                        JOIN incident_order o ON o.id = oa.order_id
                        WHERE oa.order_id = :order ORDER BY a.name_vi""")
                .param("order", orderId).query((rs, n) -> {
                    State s = State.valueOf(rs.getString("state"));
                    Instant due = rs.getTimestamp("due_at").toInstant();
                    return new Addressee(rs.getObject("agency_id", UUID.class), rs.getString("name_vi"), s,
                            ts(rs.getTimestamp("acknowledged_at")), rs.getString("acknowledged_by"),
                            ts(rs.getTimestamp("completed_at")), rs.getString("completed_by"),
                            rs.getString("completion_note"), s != State.DONE && due.isBefore(now));
                }).list();
        return jdbc.sql("""
                        SELECT id, content, required_actions, due_at, issued_at, issued_by FROM incident_order
                        WHERE id = :order AND incident_id = :incident""")
                .param("order", orderId).param("incident", incidentId).query((rs, n) -> {
                    State state = addressees.stream().map(Addressee::state).min(Enum::compareTo).orElse(State.ISSUED);
                    Instant due = rs.getTimestamp("due_at").toInstant();
                    return new OrderView(orderId, incidentId, rs.getString("content"),
                            rs.getString("required_actions"), due, rs.getTimestamp("issued_at").toInstant(),
                            rs.getString("issued_by"), state, state != State.DONE && due.isBefore(now), addressees);
                }).optional().orElseThrow(() -> new NotFoundException("order", orderId));
    }

    private static Instant ts(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private String name(UUID agency) {
        return agencies.find(AgencyId.of(agency)).map(AgencySummary::nameVi).orElse(agency.toString());
    }
}
