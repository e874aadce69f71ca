package vn.attthub.dossier;

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
 * Flags steps past their legal deadline (D5) once each: the step is marked, the responsible agency and its superior
 * (parent agency) get a notice row that their overdue view lists, and the audit trail records it. Safe on several
 * instances: rows are claimed with {@code FOR UPDATE SKIP LOCKED}.
 */
@Component
class OverdueSteps {
    private final JdbcClient jdbc;
    private final AuditLog audit;

    OverdueSteps(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Scheduled(initialDelayString = "${attt.dossier.overdue-check:PT1M}",
            fixedDelayString = "${attt.dossier.overdue-check:PT1M}")
    void scheduled() {
        flag(Instant.now());
    }

    record Claimed(UUID stepId, UUID dossierId, String kind, UUID agencyId, UUID parentId, Instant dueAt,
                   String systemCode, UUID ownerId, String basis) {
    }

    /** Flags every step overdue at {@code now} that was not flagged yet; returns how many. */
    @Transactional
    int flag(Instant now) {
        List<Claimed> steps = jdbc.sql("""
                        SELECT s.id, s.dossier_id, s.kind, s.agency_id, a.parent_id, s.due_at, d.system_code,
                               d.owner_id, s.legal_basis
                        FROM dossier_step s JOIN dossier d ON d.id = s.dossier_id
                        LEFT JOIN agency a ON a.id = s.agency_id
                        WHERE s.satisfied_at IS NULL AND s.due_at IS NOT NULL AND s.due_at < :now
                          AND s.overdue_flagged_at IS NULL
                        ORDER BY s.due_at LIMIT 500
                        FOR UPDATE OF s SKIP LOCKED""")
                .param("now", Timestamp.from(now))
                .query((rs, i) -> new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getObject(4, UUID.class), rs.getObject(5, UUID.class),
                        rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getObject(8, UUID.class),
                        rs.getString(9)))
                .list();
        for (Claimed s : steps) {
            jdbc.sql("UPDATE dossier_step SET overdue_flagged_at = :now WHERE id = :id")
                    .param("now", Timestamp.from(now)).param("id", s.stepId()).update();
            notice(s.stepId(), s.agencyId(), "RESPONSIBLE", now);
            if (s.parentId() != null) notice(s.stepId(), s.parentId(), "SUPERIOR", now);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("system", s.systemCode());
            details.put("step", s.kind());
            details.put("dueAt", s.dueAt().toString());
            details.put("responsible", s.agencyId().toString());
            details.put("superior", s.parentId() == null ? null : s.parentId().toString());
            details.put("rule", s.basis());
            audit.recordFor(null, "system", AuditEntry.success("dossier.step-overdue", "dossier", s.dossierId(),
                    AgencyId.of(s.agencyId()), details));
        }
        return steps.size();
    }

    private void notice(UUID step, UUID agency, String recipient, Instant now) {
        jdbc.sql("""
                        INSERT INTO dossier_overdue_notice (step_id, agency_id, recipient, notified_at)
                        VALUES (:step, :agency, :recipient, :now) ON CONFLICT DO NOTHING""")
                .param("step", step).param("agency", agency).param("recipient", recipient)
                .param("now", Timestamp.from(now)).update();
    }
}
