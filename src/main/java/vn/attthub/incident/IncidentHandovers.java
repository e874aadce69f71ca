package vn.attthub.incident;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.organisation.AgencyRole;
import vn.attthub.organisation.AgencyRoleKind;
import vn.attthub.organisation.AgencyRoles;
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
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static vn.attthub.incident.HandoverRules.Kind;
import static vn.attthub.incident.HandoverRules.Status;

/**
 * Hand-over of case ownership and escalation, with full lineage (issue 4 §3; Decision 05/2017 Art 6, 7.3, 11-14;
 * Circular 20/2017 Art 11). A case has one lead ({@code incident.lead_agency_id}). The lead's side (INCIDENT_COORDINATE
 * over the lead agency) or the case's national coordinator asks another agency to take the case over (HANDOVER) or
 * escalates it to the coordinator above (ESCALATION), see {@link HandoverRules}; the receiving agency's side
 * (INCIDENT_COORDINATE or INCIDENT_RESPOND over it) accepts, which moves the lead in the same transaction, or declines
 * with a note; the requester's side withdraws. One open request per case; a closed case takes none. Every step goes on
 * the timeline, into the audit log, and to the other side as a notification.
 */
@Component
class IncidentHandovers {
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Incidents incidents;
    private final IncidentViews views;
    private final AgencyRoles roles;
    private final AgencyTree tree;
    private final IncidentNotices notices;

    IncidentHandovers(JdbcClient jdbc, AuditLog audit, Incidents incidents, IncidentViews views, AgencyRoles roles,
                      AgencyTree tree, IncidentNotices notices) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.incidents = incidents;
        this.views = views;
        this.roles = roles;
        this.tree = tree;
        this.notices = notices;
    }

    record Request(String kind, UUID toAgencyId, String reason) {
    }

    record Decision(String note) {
    }

    record HandoverView(UUID id, UUID incidentId, int seq, String kind, String kindVi, IncidentViews.Named from,
                        IncidentViews.Named to, String reason, String requestedBy, Instant requestedAt, String status,
                        String statusVi, String decidedBy, Instant decidedAt, String decisionNote) {
    }

    /**
     * The lineage of a case: {@code lineage} the accepted requests and the pending one, oldest first; {@code requests}
     * every request (declined and withdrawn too); {@code currentLead} the agency running the case now.
     */
    record Lineage(UUID incidentId, IncidentViews.Named currentLead, List<HandoverView> lineage,
                   List<HandoverView> requests, HandoverView pending) {
    }

    /** A pending request addressed to the caller's side; no title for a TLP:RED case (not a named party yet). */
    record InboxItem(UUID id, UUID incidentId, String reference, String title, String tlp, String kind, String kindVi,
                     IncidentViews.Named from, IncidentViews.Named to, String reason, String requestedBy,
                     Instant requestedAt) {
    }

    /** An agency the current lead may hand the case to or escalate it to, today. */
    record Target(UUID agencyId, String code, String name, String rolesVi, boolean handover, boolean escalation) {
    }

    private static final String SELECT = """
            SELECT h.id, h.incident_id, h.seq, h.kind, h.from_agency_id, fa.code AS from_code, fa.name_vi AS from_name,
                   h.to_agency_id, ta.code AS to_code, ta.name_vi AS to_name, h.reason, h.requested_by,
                   h.requested_at, h.status, h.decided_by, h.decided_at, h.decision_note, h.requested_by_user
            FROM incident_handover h JOIN agency fa ON fa.id = h.from_agency_id JOIN agency ta ON ta.id = h.to_agency_id
            """;

    private static HandoverView map(ResultSet rs, int n) throws SQLException {
        Kind kind = Kind.valueOf(rs.getString("kind"));
        Status status = Status.valueOf(rs.getString("status"));
        return new HandoverView(rs.getObject("id", UUID.class), rs.getObject("incident_id", UUID.class),
                rs.getInt("seq"), kind.name(), kind.labelVi(),
                new IncidentViews.Named(rs.getObject("from_agency_id", UUID.class), rs.getString("from_code"),
                        rs.getString("from_name")),
                new IncidentViews.Named(rs.getObject("to_agency_id", UUID.class), rs.getString("to_code"),
                        rs.getString("to_name")),
                rs.getString("reason"), rs.getString("requested_by"), ts(rs, "requested_at"), status.name(),
                status.labelVi(), rs.getString("decided_by"), ts(rs, "decided_at"), rs.getString("decision_note"));
    }

    private static Instant ts(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** The lineage of a case the caller can see (404 otherwise). */
    Lineage lineage(CurrentUser user, UUID incidentId) {
        IncidentViews.Row row = views.row(incidentId, user);
        List<HandoverView> all = jdbc.sql(SELECT + " WHERE h.incident_id = :id ORDER BY h.seq")
                .param("id", incidentId).query(IncidentHandovers::map).list();
        List<HandoverView> lineage = all.stream()
                .filter(h -> h.status().equals("ACCEPTED") || h.status().equals("PENDING")).toList();
        HandoverView pending = all.stream().filter(h -> h.status().equals("PENDING")).findFirst().orElse(null);
        IncidentViews.Named lead = row.lead() == null ? null : jdbc.sql(
                        "SELECT id, code, name_vi FROM agency WHERE id = :id").param("id", row.lead().value())
                .query((rs, i) -> new IncidentViews.Named(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getString(3))).single();
        return new Lineage(incidentId, lead, lineage, all, pending);
    }

    /** Whether the caller may ask for a hand-over or escalation of this case now (the workspace shows the form). */
    boolean mayRequest(CurrentUser user, IncidentViews.Row row) {
        return row.state() != IncidentState.CLOSED && row.lead() != null && views.mayLead(user, row);
    }

    /**
     * Agencies the lead may hand over or escalate to today, escalation targets first, then by name (the workspace's
     * select). One query for the roles of every candidate.
     */
    List<Target> targets(IncidentViews.Row row) {
        if (row.lead() == null) return List.of();
        LocalDate today = LocalDate.now(Incidents.ZONE);
        Set<AgencyRoleKind> fromRoles = rolesOn(row.lead().value(), today);
        Map<UUID, Set<AgencyRoleKind>> held = new LinkedHashMap<>();
        Map<UUID, String[]> names = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT a.id, a.code, a.name_vi, r.role FROM agency_role r JOIN agency a ON a.id = r.agency_id
                        WHERE r.role IN ('NATIONAL_COORDINATOR', 'STANDING_BODY', 'IR_UNIT', 'IR_NETWORK_MEMBER')
                          AND r.valid_from <= :date AND (r.valid_to IS NULL OR r.valid_to >= :date)
                          AND a.id <> :lead ORDER BY a.name_vi""")
                .param("date", today).param("lead", row.lead().value())
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    names.putIfAbsent(id, new String[]{rs.getString(2), rs.getString(3)});
                    held.computeIfAbsent(id, k -> EnumSet.noneOf(AgencyRoleKind.class))
                            .add(AgencyRoleKind.valueOf(rs.getString(4)));
                    return id;
                }).list();
        List<Target> out = new ArrayList<>();
        for (var e : held.entrySet()) {
            Set<AgencyRoleKind> toRoles = e.getValue();
            boolean handover = HandoverRules.refusal(Kind.HANDOVER, false, fromRoles, toRoles) == null;
            boolean escalation = HandoverRules.refusal(Kind.ESCALATION, false, fromRoles, toRoles) == null;
            if (!handover && !escalation) continue;
            String[] n = names.get(e.getKey());
            out.add(new Target(e.getKey(), n[0], n[1], String.join(", ",
                    toRoles.stream().map(IncidentHandovers::roleVi).toList()), handover, escalation));
        }
        out.sort((x, y) -> Boolean.compare(y.escalation(), x.escalation()) != 0
                ? Boolean.compare(y.escalation(), x.escalation()) : x.name().compareTo(y.name()));
        return out;
    }

    static String roleVi(AgencyRoleKind role) {
        return switch (role) {
            case IR_UNIT -> "Đơn vị chuyên trách ứng cứu sự cố";
            case IR_NETWORK_MEMBER -> "Thành viên mạng lưới";
            case NATIONAL_COORDINATOR -> "Cơ quan điều phối quốc gia";
            case STANDING_BODY -> "Cơ quan thường trực";
            default -> role.name();
        };
    }

    private Set<AgencyRoleKind> rolesOn(UUID agency, LocalDate date) {
        Set<AgencyRoleKind> out = EnumSet.noneOf(AgencyRoleKind.class);
        for (AgencyRole r : roles.of(agency)) if (r.activeOn(date)) out.add(r.role());
        return out;
    }

    @Transactional
    HandoverView request(CurrentUser user, UUID incidentId, Request body) {
        IncidentViews.Row row = views.row(incidentId, user);
        if (!views.mayLead(user, row)) {
            throw new AccessDeniedException("Chỉ đơn vị chủ trì (quyền điều phối trên đơn vị chủ trì) hoặc cơ quan điều "
                    + "phối quốc gia của sự cố mới được chuyển giao hoặc chuyển lên cấp trên (INCIDENT_COORDINATE over "
                    + "the lead agency, or the national coordinator).");
        }
        // One writer per case at a time: the sequence, the pending check and the lead move under the case's row lock.
        Map<String, Object> current = jdbc.sql("SELECT state, lead_agency_id FROM incident WHERE id = :id FOR UPDATE")
                .param("id", incidentId).query().singleRow();
        if (IncidentState.CLOSED.name().equals(current.get("state"))) {
            throw new ConflictException("Sự cố đã đóng, không thể chuyển giao (the case is closed).");
        }
        UUID lead = (UUID) current.get("lead_agency_id");
        if (lead == null) {
            throw new ConflictException("Sự cố chưa có đơn vị chủ trì (the case has no lead agency).");
        }
        List<FieldError> errors = new ArrayList<>();
        Kind kind = Incidents.parse(Kind.class, body == null ? null : body.kind(), "kind", errors, true);
        String reason = body == null ? null : Incidents.trim(body.reason());
        if (reason == null) errors.add(new FieldError("reason", "Lý do là bắt buộc (reason is required)."));
        else if (reason.length() > 4000) errors.add(new FieldError("reason", "Lý do tối đa 4000 ký tự (at most 4000)."));
        UUID to = body == null ? null : body.toAgencyId();
        LocalDate today = LocalDate.now(Incidents.ZONE);
        if (to == null) {
            errors.add(new FieldError("toAgencyId", "Chọn đơn vị nhận (toAgencyId is required)."));
        } else if (jdbc.sql("SELECT count(*) FROM agency WHERE id = :id").param("id", to).query(Long.class)
                .single() == 0) {
            errors.add(new FieldError("toAgencyId", "Không tìm thấy cơ quan (agency not found)."));
        } else if (kind != null) {
            String refusal = HandoverRules.refusal(kind, to.equals(lead), rolesOn(lead, today), rolesOn(to, today));
            if (refusal != null) errors.add(new FieldError("toAgencyId", refusal));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Yêu cầu chuyển giao chưa hợp lệ (invalid hand-over request).", errors);
        }
        if (jdbc.sql("SELECT count(*) FROM incident_handover WHERE incident_id = :id AND status = 'PENDING'")
                .param("id", incidentId).query(Long.class).single() > 0) {
            throw new ConflictException("Sự cố đang có một yêu cầu chuyển giao chờ tiếp nhận; hãy chờ quyết định hoặc "
                    + "rút lại yêu cầu đó (a request is already pending).");
        }
        int seq = jdbc.sql("SELECT COALESCE(max(seq), 0) + 1 FROM incident_handover WHERE incident_id = :id")
                .param("id", incidentId).query(Integer.class).single();
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Incidents.Actor actor = Incidents.Actor.of(user);
        try {
            jdbc.sql("""
                            INSERT INTO incident_handover (id, incident_id, seq, kind, from_agency_id, to_agency_id,
                                reason, requested_by, requested_by_user, requested_at, status)
                            VALUES (:id, :incident, :seq, :kind, :from, :to, :reason, :by, :user, :at, 'PENDING')""")
                    .param("id", id).param("incident", incidentId).param("seq", seq).param("kind", kind.name())
                    .param("from", lead).param("to", to).param("reason", reason).param("by", actor.name())
                    .param("user", actor.userId(), java.sql.Types.OTHER).param("at", Timestamp.from(now)).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("Sự cố đang có một yêu cầu chuyển giao chờ tiếp nhận (a request is already "
                    + "pending).");
        }
        HandoverView view = get(id);
        incidents.event(incidentId, now, actor, kind + "_REQUESTED", null, null, kind.labelVi() + " từ "
                + view.from().name() + " sang " + view.to().name() + ". Lý do: " + reason);
        audit.record(AuditEntry.success("incident.handover.requested", "incident", incidentId, user.agency(),
                details(view)));
        notices.handoverRequested(AgencyId.of(to), incidentId, row.reference(), row.title(), row.tlp(), view);
        return view;
    }

    private static Map<String, Object> details(HandoverView h) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("handoverId", h.id().toString());
        d.put("seq", h.seq());
        d.put("kind", h.kind());
        d.put("from", h.from().id().toString());
        d.put("to", h.to().id().toString());
        d.put("status", h.status());
        return d;
    }

    UUID requestedByUser(UUID handoverId) {
        return jdbc.sql("SELECT requested_by_user FROM incident_handover WHERE id = :id").param("id", handoverId)
                .query((rs, n) -> rs.getObject(1, UUID.class)).single();
    }

    HandoverView get(UUID id) {
        return jdbc.sql(SELECT + " WHERE h.id = :id").param("id", id).query(IncidentHandovers::map).single();
    }

    /** Whether the caller acts for the receiving agency (INCIDENT_COORDINATE or INCIDENT_RESPOND over it). */
    boolean receivingSide(CurrentUser user, UUID agency) {
        Set<AgencyId> scope = new HashSet<>(user.scopeOf(Permission.INCIDENT_COORDINATE));
        scope.addAll(user.scopeOf(Permission.INCIDENT_RESPOND));
        return tree.within(AgencyId.of(agency), scope);
    }

    /** Whether the caller acts for the requester: the requesting user, the requesting lead's side, the coordinator. */
    boolean requesterSide(CurrentUser user, HandoverView h, UUID requestedByUser) {
        if (user.id() != null && user.id().value().equals(requestedByUser)) return true;
        if (tree.within(AgencyId.of(h.from().id()), user.scopeOf(Permission.INCIDENT_COORDINATE))) return true;
        return views.isCoordinator(user, h.incidentId());
    }

    /**
     * The request, for a caller who sees the case or acts for its receiving agency (a TLP:RED case's pending request
     * reaches the receiving agency before the case does); 404 otherwise.
     */
    private record Found(HandoverView view, UUID requestedByUser) {
    }

    private Found visibleRequest(CurrentUser user, UUID incidentId, UUID handoverId) {
        Found found = jdbc.sql(SELECT + " WHERE h.id = :id AND h.incident_id = :incident")
                .param("id", handoverId).param("incident", incidentId)
                .query((rs, n) -> new Found(map(rs, n), rs.getObject("requested_by_user", UUID.class)))
                .optional().orElseThrow(() -> new NotFoundException("handover", handoverId));
        if (views.find(incidentId, user).isEmpty() && !receivingSide(user, found.view().to().id())) {
            throw new NotFoundException("handover", handoverId);
        }
        return found;
    }

    @Transactional
    HandoverView accept(CurrentUser user, UUID incidentId, UUID handoverId, Decision body) {
        return decide(user, incidentId, handoverId, Status.ACCEPTED, body);
    }

    @Transactional
    HandoverView decline(CurrentUser user, UUID incidentId, UUID handoverId, Decision body) {
        return decide(user, incidentId, handoverId, Status.DECLINED, body);
    }

    @Transactional
    HandoverView withdraw(CurrentUser user, UUID incidentId, UUID handoverId, Decision body) {
        return decide(user, incidentId, handoverId, Status.WITHDRAWN, body);
    }

    private HandoverView decide(CurrentUser user, UUID incidentId, UUID handoverId, Status to, Decision body) {
        Found found = visibleRequest(user, incidentId, handoverId);
        HandoverView h = found.view();
        boolean allowed = to == Status.WITHDRAWN ? requesterSide(user, h, found.requestedByUser())
                : receivingSide(user, h.to().id());
        if (!allowed) {
            throw new AccessDeniedException(to == Status.WITHDRAWN
                    ? "Chỉ bên yêu cầu mới được rút lại yêu cầu (only the requester's side may withdraw)."
                    : "Chỉ đơn vị nhận mới được tiếp nhận hoặc từ chối (only the receiving agency's side may decide).");
        }
        String note = body == null ? null : Incidents.trim(body.note());
        if (to == Status.DECLINED && note == null) {
            throw new InvalidInputException("Từ chối cần nêu lý do (a note is required to decline).",
                    List.of(new FieldError("note", "Lý do từ chối là bắt buộc (note is required).")));
        }
        if (note != null && note.length() > 4000) {
            throw new InvalidInputException("Ghi chú quá dài.", List.of(new FieldError("note", "Tối đa 4000 ký tự.")));
        }
        jdbc.sql("SELECT id FROM incident WHERE id = :id FOR UPDATE").param("id", incidentId).query(UUID.class).single();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Incidents.Actor actor = Incidents.Actor.of(user);
        int n = jdbc.sql("""
                        UPDATE incident_handover SET status = :status, decided_by = :by, decided_at = :at,
                            decision_note = :note
                        WHERE id = :id AND status = 'PENDING'""")
                .param("status", to.name()).param("by", actor.name()).param("at", Timestamp.from(now))
                .param("note", note, java.sql.Types.VARCHAR).param("id", handoverId).update();
        if (n == 0) {
            throw new ConflictException("Yêu cầu đã được quyết định (" + Status.valueOf(h.status()).labelVi()
                    + "); chỉ yêu cầu đang chờ mới tiếp nhận, từ chối hoặc rút lại được (the request is not pending).");
        }
        if (to == Status.ACCEPTED) {
            jdbc.sql("UPDATE incident SET lead_agency_id = :lead, version = version + 1 WHERE id = :id")
                    .param("lead", h.to().id()).param("id", incidentId).update();
        }
        HandoverView view = get(handoverId);
        String what = switch (to) {
            case ACCEPTED -> h.to().name() + " tiếp nhận chủ trì xử lý sự cố (" + h.kindVi().toLowerCase() + " từ "
                    + h.from().name() + ").";
            case DECLINED -> h.to().name() + " từ chối " + h.kindVi().toLowerCase() + ". Lý do: " + note;
            default -> "Rút lại yêu cầu " + h.kindVi().toLowerCase() + " sang " + h.to().name() + "."
                    + (note == null ? "" : " " + note);
        };
        incidents.event(incidentId, now, actor, "HANDOVER_" + to.name(), null, null, what);
        audit.record(AuditEntry.success("incident.handover." + to.name().toLowerCase(), "incident", incidentId,
                user.agency(), details(view)));
        IncidentViews.Row row = views.unscoped(incidentId).orElseThrow();
        if (to == Status.WITHDRAWN) {
            notices.handoverDecided(AgencyId.of(h.to().id()), incidentId, row.reference(), row.tlp(), view);
        } else {
            notices.handoverDecided(AgencyId.of(h.from().id()), incidentId, row.reference(), row.tlp(), view);
        }
        return view;
    }

    /**
     * Records a request that was made and accepted at the given times (the demo loader only): the same rows, events
     * and audit entries as the API path, without notifications.
     */
    @Transactional
    HandoverView recordAccepted(UUID incidentId, Kind kind, AgencyId to, Incidents.Actor requester, Instant requestedAt,
                                String reason, Incidents.Actor decider, Instant decidedAt, String note) {
        UUID lead = jdbc.sql("SELECT lead_agency_id FROM incident WHERE id = :id FOR UPDATE").param("id", incidentId)
                .query(UUID.class).single();
        int seq = jdbc.sql("SELECT COALESCE(max(seq), 0) + 1 FROM incident_handover WHERE incident_id = :id")
                .param("id", incidentId).query(Integer.class).single();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO incident_handover (id, incident_id, seq, kind, from_agency_id, to_agency_id,
                            reason, requested_by, requested_by_user, requested_at, status)
                        VALUES (:id, :incident, :seq, :kind, :from, :to, :reason, :by, NULL, :at, 'PENDING')""")
                .param("id", id).param("incident", incidentId).param("seq", seq).param("kind", kind.name())
                .param("from", lead).param("to", to.value()).param("reason", reason).param("by", requester.name())
                .param("at", Timestamp.from(requestedAt)).update();
        HandoverView h = get(id);
        incidents.event(incidentId, requestedAt, requester, kind + "_REQUESTED", null, null, kind.labelVi() + " từ "
                + h.from().name() + " sang " + h.to().name() + ". Lý do: " + reason);
        jdbc.sql("""
                        UPDATE incident_handover SET status = 'ACCEPTED', decided_by = :by, decided_at = :at,
                            decision_note = :note WHERE id = :id""")
                .param("by", decider.name()).param("at", Timestamp.from(decidedAt))
                .param("note", note, java.sql.Types.VARCHAR).param("id", id).update();
        jdbc.sql("UPDATE incident SET lead_agency_id = :lead, version = version + 1 WHERE id = :id")
                .param("lead", to.value()).param("id", incidentId).update();
        incidents.event(incidentId, decidedAt, decider, "HANDOVER_ACCEPTED", null, null, h.to().name()
                + " tiếp nhận chủ trì xử lý sự cố (" + kind.labelVi().toLowerCase() + " từ " + h.from().name() + ").");
        HandoverView view = get(id);
        audit.recordFor(null, "system", AuditEntry.success("incident.handover.requested", "incident", incidentId,
                requester.agency(), details(h)));
        audit.recordFor(null, "system", AuditEntry.success("incident.handover.accepted", "incident", incidentId,
                decider.agency(), details(view)));
        return view;
    }

    /** Pending requests addressed to the caller's side, newest first. */
    List<InboxItem> inbox(CurrentUser user) {
        Set<AgencyId> scope = new HashSet<>(user.scopeOf(Permission.INCIDENT_COORDINATE));
        scope.addAll(user.scopeOf(Permission.INCIDENT_RESPOND));
        if (scope.isEmpty()) return List.of();
        return jdbc.sql("""
                        SELECT h.id, h.incident_id, i.reference, i.title, i.tlp, h.kind, h.from_agency_id,
                               fa.code AS from_code, fa.name_vi AS from_name, h.to_agency_id, ta.code AS to_code,
                               ta.name_vi AS to_name, h.reason, h.requested_by, h.requested_at
                        FROM incident_handover h JOIN incident i ON i.id = h.incident_id
                        JOIN agency fa ON fa.id = h.from_agency_id JOIN agency ta ON ta.id = h.to_agency_id
                        WHERE h.status = 'PENDING' AND\s""" + AgencyTree.pathWithinRoots("ta.path") + """
                         ORDER BY h.requested_at DESC LIMIT 200""")
                .param("scopeRoots", scope.stream().map(AgencyId::value).toArray(UUID[]::new))
                .query((rs, n) -> {
                    Kind kind = Kind.valueOf(rs.getString("kind"));
                    boolean red = Tlp.RED.name().equals(rs.getString("tlp"));
                    return new InboxItem(rs.getObject("id", UUID.class), rs.getObject("incident_id", UUID.class),
                            rs.getString("reference"), red ? null : rs.getString("title"), rs.getString("tlp"),
                            kind.name(), kind.labelVi(),
                            new IncidentViews.Named(rs.getObject("from_agency_id", UUID.class),
                                    rs.getString("from_code"), rs.getString("from_name")),
                            new IncidentViews.Named(rs.getObject("to_agency_id", UUID.class), rs.getString("to_code"),
                                    rs.getString("to_name")),
                            rs.getString("reason"), rs.getString("requested_by"), ts(rs, "requested_at"));
                }).list();
    }
}
