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
import vn.attthub.organisation.AgencyRoleKind;
import vn.attthub.organisation.AgencyRoles;
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
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sharing a case with another agency, or with the whole national incident-response network (the agencies holding
 * IR_NETWORK_MEMBER on the day, from the agency registry; Decision 05/2017 Art 7.1), under a TLP cap (issue 4 §3;
 * FIRST TLP 2.0, see {@link TlpRules}). The coordinator of the case or one of its recipients shares; the shared
 * agency sees the case and only the items marked at or below the cap; a TLP:RED case is never shared and RED is
 * never a cap (409); AMBER+STRICT reaches the named agency only. The sharer's agency or the coordinator revokes.
 * Every step goes on the timeline and into the audit log; each reached agency is notified.
 */
@Component
class IncidentShares {
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Incidents incidents;
    private final IncidentViews views;
    private final AgencyDirectory agencies;
    private final AgencyRoles roles;
    private final Notifications notifications;

    IncidentShares(JdbcClient jdbc, AuditLog audit, Incidents incidents, IncidentViews views, AgencyDirectory agencies,
                   AgencyRoles roles, Notifications notifications) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.incidents = incidents;
        this.views = views;
        this.agencies = agencies;
        this.roles = roles;
        this.notifications = notifications;
    }

    record Request(String target, UUID agencyId, String cap, String reason) {
    }

    record Reached(UUID agencyId, String agencyName) {
    }

    record ShareView(UUID id, UUID incidentId, String target, UUID agencyId, String agencyName, String cap,
                     String capLabel, boolean reachesSubtree, String reason, String sharedBy, String sharerAgencyName,
                     Instant sharedAt, Instant revokedAt, String revokedBy, boolean active, List<Reached> reached) {
    }

    /** The coordinator of the case, or a user acting for one of its recipients. */
    boolean mayShare(CurrentUser user, UUID incidentId) {
        if (views.isCoordinator(user, incidentId)) return true;
        Set<UUID> named = Incidents.namedAgencies(user, Permission.INCIDENT_RESPOND);
        return views.recipientAgencies(incidentId).stream().anyMatch(named::contains);
    }

    @Transactional
    ShareView share(CurrentUser user, UUID incidentId, Request body) {
        IncidentViews.Row row = views.row(incidentId, user);
        if (!mayShare(user, incidentId)) {
            throw new AccessDeniedException("Chỉ cơ quan điều phối hoặc các nơi nhận thông báo sự cố mới được chia sẻ "
                    + "sự cố (only the coordinator or the case's recipients may share it).");
        }
        List<FieldError> errors = new ArrayList<>();
        String target = body == null || Incidents.trim(body.target()) == null ? "AGENCY"
                : body.target().strip().toUpperCase(Locale.ROOT);
        if (!target.equals("AGENCY") && !target.equals("NETWORK")) {
            errors.add(new FieldError("target", "Chọn AGENCY (một cơ quan) hoặc NETWORK (toàn mạng lưới ứng cứu sự cố "
                    + "quốc gia) (invalid target)."));
        }
        UUID agencyId = body == null ? null : body.agencyId();
        if (target.equals("AGENCY")) {
            if (agencyId == null) {
                errors.add(new FieldError("agencyId", "Chọn cơ quan được chia sẻ (agencyId is required)."));
            } else if (agencies.find(AgencyId.of(agencyId)).isEmpty()) {
                errors.add(new FieldError("agencyId", "Không tìm thấy cơ quan (unknown agency)."));
            }
        } else if (target.equals("NETWORK") && agencyId != null) {
            errors.add(new FieldError("agencyId", "Chia sẻ toàn mạng lưới không kèm agencyId (omit agencyId for NETWORK)."));
        }
        Tlp cap = Incidents.parse(Tlp.class, body == null ? null : body.cap(), "cap", errors, true);
        String reason = body == null ? null : Incidents.trim(body.reason());
        if (reason != null && reason.length() > 2000) {
            errors.add(new FieldError("reason", "Tối đa 2000 ký tự (at most 2000)."));
        }
        if (!errors.isEmpty()) throw new InvalidInputException("Chia sẻ sự cố chưa hợp lệ (invalid share).", errors);
        return create(row, Incidents.Actor.of(user), user.agency(), target, agencyId, cap, reason,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * Records a share whose sharer was checked (the API above, or the demo loader): resolves the agencies it reaches,
     * refuses TLP:RED, writes the timeline, the audit entry and one notification per reached agency.
     */
    @Transactional
    ShareView create(IncidentViews.Row row, Incidents.Actor actor, AgencyId sharer, String target, UUID agencyId,
                     Tlp cap, String reason, Instant now) {
        UUID incidentId = row.id();
        String refusal = TlpRules.refusal(row.tlp(), cap);
        if (refusal != null) throw new ConflictException(refusal);
        List<UUID> reach;
        if (target.equals("NETWORK")) {
            reach = roles.holdersOf(AgencyRoleKind.IR_NETWORK_MEMBER, LocalDate.ofInstant(now, Incidents.ZONE)).stream()
                    .map(a -> a.id().value()).distinct().toList();
            if (reach.isEmpty()) {
                throw new ConflictException("Chưa có cơ quan nào giữ vai trò thành viên mạng lưới ứng cứu sự cố quốc gia "
                        + "vào ngày này trong danh mục cơ quan (QĐ05 Điều 7.1) (no network members on this date).");
            }
        } else {
            reach = List.of(agencyId);
        }
        boolean duplicate = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM incident_share WHERE incident_id = :id AND revoked_at IS NULL
                            AND target = :target AND agency_id IS NOT DISTINCT FROM CAST(:agency AS uuid))""")
                .param("id", incidentId).param("target", target).param("agency", agencyId, java.sql.Types.OTHER)
                .query(Boolean.class).single();
        if (duplicate) {
            throw new ConflictException("Sự cố đã được chia sẻ với nơi này; thu hồi lần chia sẻ cũ trước khi đổi mức TLP "
                    + "(already shared with this target; revoke it first).");
        }
        UUID id = UUID.randomUUID();
        boolean subtree = TlpRules.reachesSubtree(row.tlp(), cap);
        jdbc.sql("""
                        INSERT INTO incident_share (id, incident_id, target, agency_id, cap, subtree, reason, shared_by,
                            shared_by_user, sharer_agency_id, shared_at)
                        VALUES (:id, :incident, :target, :agency, :cap, :subtree, :reason, :by, :user, :sharer, :now)""")
                .param("id", id).param("incident", incidentId).param("target", target)
                .param("agency", agencyId, java.sql.Types.OTHER).param("cap", cap.name()).param("subtree", subtree)
                .param("reason", reason, java.sql.Types.VARCHAR).param("by", actor.name())
                .param("user", actor.userId(), java.sql.Types.OTHER)
                .param("sharer", sharer == null ? null : sharer.value(), java.sql.Types.OTHER)
                .param("now", Timestamp.from(now)).update();
        for (UUID a : reach) {
            jdbc.sql("INSERT INTO incident_share_recipient (share_id, incident_id, agency_id) VALUES (:s, :i, :a)")
                    .param("s", id).param("i", incidentId).param("a", a).update();
            Map<String, Object> model = new HashMap<>();
            model.put("agencyName", name(a));
            model.put("reference", row.reference());
            model.put("cap", TlpRules.label(cap));
            model.put("subtree", subtree);
            notifications.send(new Message("incident-shared", AgencyId.of(a), model, "/incidents/" + incidentId,
                    "incident-shared:" + id + ":" + a));
        }
        String to = target.equals("NETWORK") ? "toàn mạng lưới ứng cứu sự cố quốc gia (" + reach.size() + " thành viên)"
                : name(agencyId);
        incidents.event(incidentId, now, actor, "SHARED", null, null, "Chia sẻ với " + to + ", mức tối đa "
                + TlpRules.label(cap) + (subtree ? "" : " (chỉ cơ quan được nêu tên)")
                + (reason == null ? "." : ": " + reason));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("shareId", id.toString());
        details.put("target", target);
        details.put("cap", cap.name());
        details.put("agencies", reach.stream().map(UUID::toString).toList());
        AuditEntry entry = AuditEntry.success("incident.shared", "incident", incidentId, row.reporterAgency(), details);
        if (actor.userId() == null) audit.recordFor(null, "system", entry); else audit.record(entry);
        return find(incidentId, id);
    }

    /** Shares of the case: all for its parties; for a caller who sees it only through shares, those reaching them. */
    List<ShareView> list(CurrentUser user, UUID incidentId) {
        IncidentViews.Access access = views.access(incidentId, user);
        List<UUID> ids;
        if (access.scoped() || access.named()) {
            ids = jdbc.sql("SELECT id FROM incident_share WHERE incident_id = :id ORDER BY shared_at, id")
                    .param("id", incidentId).query(UUID.class).list();
        } else {
            ids = jdbc.sql("SELECT DISTINCT sh.id, sh.shared_at " + IncidentViews.shares("i")
                            .replace("WHERE sr.incident_id = i.id", "WHERE sr.incident_id = :id")
                            + " ORDER BY sh.shared_at, sh.id")
                    .param("id", incidentId)
                    .param("named", Incidents.namedAgencies(user, Permission.INCIDENT_READ).toArray(UUID[]::new))
                    .query((rs, n) -> rs.getObject(1, UUID.class)).list();
        }
        return ids.stream().map(s -> find(incidentId, s)).toList();
    }

    @Transactional
    ShareView revoke(CurrentUser user, UUID incidentId, UUID shareId) {
        IncidentViews.Row row = views.row(incidentId, user);
        ShareView share = list(user, incidentId).stream().filter(s -> s.id().equals(shareId)).findFirst()
                .orElseThrow(() -> new NotFoundException("share", shareId));
        UUID sharer = jdbc.sql("SELECT sharer_agency_id FROM incident_share WHERE id = :id FOR UPDATE")
                .param("id", shareId).query(UUID.class).optional().orElse(null);
        boolean sharerSide = sharer != null && Incidents.namedAgencies(user, Permission.INCIDENT_RESPOND).contains(sharer);
        if (!(views.isCoordinator(user, incidentId) || sharerSide)) {
            throw new AccessDeniedException("Chỉ cơ quan đã chia sẻ hoặc cơ quan điều phối mới được thu hồi "
                    + "(only the sharing agency or the coordinator may revoke).");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Incidents.Actor actor = Incidents.Actor.of(user);
        int n = jdbc.sql("""
                        UPDATE incident_share SET revoked_at = :now, revoked_by = :by
                        WHERE id = :id AND incident_id = :incident AND revoked_at IS NULL""")
                .param("now", Timestamp.from(now)).param("by", actor.name()).param("id", shareId)
                .param("incident", incidentId).update();
        if (n == 0) throw new ConflictException("Lần chia sẻ này đã được thu hồi (the share is already revoked).");
        incidents.event(incidentId, now, actor, "SHARE_REVOKED", null, null, "Thu hồi chia sẻ với "
                + share.agencyName() + " (" + share.capLabel() + ").");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("shareId", shareId.toString());
        audit.record(AuditEntry.success("incident.share.revoked", "incident", incidentId, row.reporterAgency(), details));
        return find(incidentId, shareId);
    }

    private ShareView find(UUID incidentId, UUID shareId) {
        List<Reached> reached = jdbc.sql("""
                        SELECT sr.agency_id, a.name_vi FROM incident_share_recipient sr JOIN agency a ON a.id = sr.agency_id
                        WHERE sr.share_id = :id ORDER BY a.name_vi""")
                .param("id", shareId).query((rs, n) -> new Reached(rs.getObject(1, UUID.class), rs.getString(2))).list();
        return jdbc.sql("""
                        SELECT sh.*, a.name_vi AS agency_name, sa.name_vi AS sharer_name FROM incident_share sh
                        LEFT JOIN agency a ON a.id = sh.agency_id LEFT JOIN agency sa ON sa.id = sh.sharer_agency_id
                        WHERE sh.id = :id AND sh.incident_id = :incident""")
                .param("id", shareId).param("incident", incidentId).query((rs, n) -> {
                    Tlp cap = Tlp.valueOf(rs.getString("cap"));
                    String target = rs.getString("target");
                    Timestamp revoked = rs.getTimestamp("revoked_at");
                    return new ShareView(shareId, incidentId, target, rs.getObject("agency_id", UUID.class),
                            target.equals("NETWORK") ? "Mạng lưới ứng cứu sự cố quốc gia" : rs.getString("agency_name"),
                            cap.name(), TlpRules.label(cap), rs.getBoolean("subtree"), rs.getString("reason"),
                            rs.getString("shared_by"), rs.getString("sharer_name"),
                            rs.getTimestamp("shared_at").toInstant(), revoked == null ? null : revoked.toInstant(),
                            rs.getString("revoked_by"), revoked == null, reached);
                }).optional().orElseThrow(() -> new NotFoundException("share", shareId));
    }

    private String name(UUID agency) {
        return agencies.find(AgencyId.of(agency)).map(AgencySummary::nameVi).orElse(agency.toString());
    }
}
