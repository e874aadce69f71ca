package vn.attthub.incident;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.AgencyId;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A recipient must acknowledge a notice immediately (Decision 05/2017 Art 12.1.c; target {@code
 * attt.incident.immediate-target}, 2 h by default). When it has not, the notice is escalated once to the recipient's
 * superior (its parent agency): recorded on the recipient entry and the case timeline, and audited. Safe on several
 * instances: overdue entries are claimed with {@code FOR UPDATE SKIP LOCKED}.
 */
@Component
class AcknowledgementEscalation {
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Incidents incidents;
    private final IncidentNotices notices;

    AcknowledgementEscalation(JdbcClient jdbc, AuditLog audit, Incidents incidents, IncidentNotices notices) {
        this.notices = notices;
        this.jdbc = jdbc;
        this.audit = audit;
        this.incidents = incidents;
    }

    @Scheduled(initialDelayString = "${attt.incident.escalation-check:PT1M}",
            fixedDelayString = "${attt.incident.escalation-check:PT1M}")
    void scheduled() {
        escalate(Instant.now());
    }

    record Claimed(UUID incidentId, UUID agencyId, String role, UUID parentId, String agencyName, String parentName,
                   Instant dueAt, String reference) {
    }

    /** Escalates every recipient whose acknowledgement is overdue at {@code now} and not escalated yet. */
    @Transactional
    int escalate(Instant now) {
        List<Claimed> claimed = jdbc.sql("""
                        SELECT r.incident_id, r.agency_id, r.role, a.parent_id, a.name_vi, p.name_vi, d.due_at,
                               i.reference
                        FROM incident_recipient r JOIN incident i ON i.id = r.incident_id
                        JOIN incident_deadline d ON d.incident_id = r.incident_id AND d.kind = 'ACKNOWLEDGEMENT'
                             AND d.agency_id = r.agency_id
                        JOIN agency a ON a.id = r.agency_id LEFT JOIN agency p ON p.id = a.parent_id
                        WHERE r.acknowledged_at IS NULL AND r.escalated_at IS NULL AND d.satisfied_at IS NULL
                          AND d.due_at < :now
                        ORDER BY d.due_at LIMIT 500
                        FOR UPDATE OF r SKIP LOCKED""")
                .param("now", Timestamp.from(now))
                .query((rs, i) -> new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6),
                        rs.getTimestamp(7).toInstant(), rs.getString(8)))
                .list();
        for (Claimed c : claimed) {
            jdbc.sql("""
                            UPDATE incident_recipient SET escalated_at = :now, escalated_to = :parent
                            WHERE incident_id = :incident AND agency_id = :agency AND role = :role""")
                    .param("now", Timestamp.from(now)).param("parent", c.parentId(), java.sql.Types.OTHER)
                    .param("incident", c.incidentId()).param("agency", c.agencyId()).param("role", c.role()).update();
            incidents.event(c.incidentId(), now, new Incidents.Actor(null, "Hệ thống", null), "ESCALATED", null, null,
                    c.agencyName() + " chưa xác nhận đã nhận thông báo đúng hạn (QĐ05 Điều 12.1.c); đã chuyển lên "
                            + (c.parentName() == null ? "cấp trên (không có)" : c.parentName()) + ".");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("recipient", c.agencyId().toString());
            details.put("superior", c.parentId() == null ? null : c.parentId().toString());
            details.put("dueAt", c.dueAt().toString());
            details.put("rule", "Quyết định 05/2017/QĐ-TTg Điều 12.1.c");
            audit.recordFor(null, "system", AuditEntry.success("incident.acknowledgement-escalated", "incident",
                    c.incidentId(), AgencyId.of(c.agencyId()), details));
            if (c.parentId() != null) {
                notices.escalated(AgencyId.of(c.parentId()), c.incidentId(), c.reference(), AgencyId.of(c.agencyId()),
                        c.dueAt());
            }
        }
        return claimed.size();
    }
}
