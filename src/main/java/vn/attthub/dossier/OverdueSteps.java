package vn.attthub.dossier;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.notification.Message;
import vn.attthub.notification.Notifications;
import vn.attthub.shared.AgencyId;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Flags steps past their legal deadline (D5) once each: the step is marked, the responsible agency and its superior
 * (parent agency) get a notice row that their overdue view lists and a notification (in-app and e-mail, template
 * {@code dossier-step-overdue}, sent in the same transaction), and the audit trail records it. Safe on several
 * instances: rows are claimed with {@code FOR UPDATE SKIP LOCKED}.
 */
@Component
class OverdueSteps {
    static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Notifications notifications;
    private final MessageSource messages;

    OverdueSteps(JdbcClient jdbc, AuditLog audit, Notifications notifications, MessageSource messages) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.notifications = notifications;
        this.messages = messages;
    }

    @Scheduled(initialDelayString = "${attt.dossier.overdue-check:PT1M}",
            fixedDelayString = "${attt.dossier.overdue-check:PT1M}")
    void scheduled() {
        flag(Instant.now());
    }

    record Claimed(UUID stepId, UUID dossierId, String kind, UUID agencyId, UUID parentId, Instant dueAt,
                   String systemCode, UUID ownerId, String basis, String agencyName, String parentName) {
    }

    /** Flags every step overdue at {@code now} that was not flagged yet; returns how many. */
    @Transactional
    int flag(Instant now) {
        List<Claimed> steps = jdbc.sql("""
                        SELECT s.id, s.dossier_id, s.kind, s.agency_id, a.parent_id, s.due_at, d.system_code,
                               d.owner_id, s.legal_basis, a.name_vi, pa.name_vi
                        FROM dossier_step s JOIN dossier d ON d.id = s.dossier_id
                        LEFT JOIN agency a ON a.id = s.agency_id
                        LEFT JOIN agency pa ON pa.id = a.parent_id
                        WHERE s.satisfied_at IS NULL AND s.due_at IS NOT NULL AND s.due_at < :now
                          AND s.overdue_flagged_at IS NULL
                        ORDER BY s.due_at LIMIT 500
                        FOR UPDATE OF s SKIP LOCKED""")
                .param("now", Timestamp.from(now))
                .query((rs, i) -> new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getObject(4, UUID.class), rs.getObject(5, UUID.class),
                        rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getObject(8, UUID.class),
                        rs.getString(9), rs.getString(10), rs.getString(11)))
                .list();
        for (Claimed s : steps) {
            jdbc.sql("UPDATE dossier_step SET overdue_flagged_at = :now WHERE id = :id")
                    .param("now", Timestamp.from(now)).param("id", s.stepId()).update();
            notice(s.stepId(), s.agencyId(), "RESPONSIBLE", now);
            notify(s, s.agencyId(), s.agencyName(), false);
            if (s.parentId() != null) {
                notice(s.stepId(), s.parentId(), "SUPERIOR", now);
                notify(s, s.parentId(), s.parentName(), true);
            }
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

    private void notify(Claimed s, UUID agency, String agencyName, boolean superior) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("agencyName", agencyName);
        model.put("responsibleName", s.agencyName());
        model.put("superior", superior);
        model.put("system", s.systemCode());
        model.put("step", messages.getMessage("dossier.step." + s.kind(), null, s.kind(), Locale.forLanguageTag("vi")));
        model.put("dueAt", DUE.format(s.dueAt()));
        model.put("basis", s.basis());
        notifications.send(new Message("dossier-step-overdue", AgencyId.of(agency), model,
                "/dossiers/" + s.dossierId(), "dossier-step-overdue:" + s.stepId() + ":" + agency));
    }

    private void notice(UUID step, UUID agency, String recipient, Instant now) {
        jdbc.sql("""
                        INSERT INTO dossier_overdue_notice (step_id, agency_id, recipient, notified_at)
                        VALUES (:step, :agency, :recipient, :now) ON CONFLICT DO NOTHING""")
                .param("step", step).param("agency", agency).param("recipient", recipient)
                .param("now", Timestamp.from(now)).update();
    }
}
