package vn.attthub.control;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.attthub.TestCallers;
import vn.attthub.dossier.LevelApproved;
import vn.attthub.shared.AgencyId;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Systems registered straight in SQL (this module only reads the registry) and approvals published as the dossier
 * module publishes them: a {@link LevelApproved} event inside a committed transaction.
 */
public final class ControlFixtures {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    public ControlFixtures(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
    }

    public record System(UUID id, String code, UUID ownerId, UUID operatorId) {
    }

    public System system(TestCallers.Agency owner, TestCallers.Agency operator, String lifecycle) {
        UUID id = UUID.randomUUID();
        String code = "HT-" + id.toString().substring(0, 8).toUpperCase();
        jdbc.sql("""
                        INSERT INTO information_system (id, code, name, owner_id, operator_id, system_type, lifecycle, hosting)
                        VALUES (?, ?, ?, ?, ?, 'CITIZEN_BUSINESS_SERVICE', ?, 'ON_PREMISES')""")
                .params(id, code, "Cổng dịch vụ công " + code, owner.id(), operator.id(), lifecycle).update();
        return new System(id, code, owner.id(), operator.id());
    }

    /** Publishes an approval as the dossier module does, after recording the level in the registry. */
    public void approve(System s, int level, Integer previous, Instant approvedAt) {
        UUID dossier = UUID.randomUUID();
        tx.executeWithoutResult(status -> {
            jdbc.sql("UPDATE information_system SET approved_level = ?, approved_dossier_id = ?, approved_at = ? WHERE id = ?")
                    .params(level, dossier, java.sql.Timestamp.from(approvedAt), s.id()).update();
            events.publishEvent(new LevelApproved(s.id(), AgencyId.of(s.ownerId()), level, previous, dossier, approvedAt));
        });
        awaitBaseline(s.id(), approvedAt);
    }

    /** The listener runs after commit (possibly on another thread): wait until it has applied this approval. */
    public void awaitBaseline(UUID systemId, Instant approvedAt) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            Integer n = jdbc.sql("SELECT count(*) FROM control_baseline_level WHERE system_id = ? AND approved_at = ?")
                    .params(systemId, java.sql.Timestamp.from(approvedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS)))
                    .query(Integer.class).single();
            if (n > 0) return;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("no baseline for " + systemId + " approved at " + approvedAt);
    }

    /**
     * A system of {@code agency} with a level-3 baseline holding one requirement ({@code TCVN11930-M-1}), written
     * straight in SQL (for GeneratedSecurityTests, which has no event publisher). Returns the system id.
     */
    public static UUID baselineInSql(JdbcClient jdbc, UUID agency) {
        UUID id = UUID.randomUUID();
        String code = "HT-" + id.toString().substring(0, 8).toUpperCase();
        jdbc.sql("""
                        INSERT INTO information_system (id, code, name, owner_id, operator_id, system_type, lifecycle, hosting,
                                                        approved_level, approved_at, approved_dossier_id)
                        VALUES (?, ?, ?, ?, ?, 'INTERNAL_OPERATIONS', 'OPERATING', 'ON_PREMISES', 3, now(), ?)""")
                .params(id, code, "Hệ thống kiểm thử bảo mật " + code, agency, agency, UUID.randomUUID()).update();
        jdbc.sql("""
                        INSERT INTO control_baseline (system_id, owner_agency_id, operator_agency_id, system_code, system_name,
                                                      level, regime, catalog_version, approved_at)
                        VALUES (?, ?, ?, ?, ?, 3, 'ND85', 'test', now())""")
                .params(id, agency, agency, code, "Hệ thống kiểm thử bảo mật " + code).update();
        jdbc.sql("""
                        INSERT INTO control_baseline_item (system_id, requirement_id, required, added_for_level, added_at)
                        VALUES (?, 'TCVN11930-M-1', TRUE, 3, now())""").param(id).update();
        return id;
    }

    /** A link evidence item of {@code agency} backing the system's TCVN11930-M-1. */
    public static UUID linkEvidenceInSql(JdbcClient jdbc, UUID agency, UUID systemId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO control_evidence (id, agency_id, kind, title, url, effective_on)
                        VALUES (?, ?, 'LINK', 'Quy chế bảo đảm an toàn thông tin', 'https://vanban.example.gov.vn/qc.pdf', DATE '2025-01-01')""")
                .params(id, agency).update();
        jdbc.sql("INSERT INTO control_evidence_link (evidence_id, system_id, requirement_id) VALUES (?, ?, 'TCVN11930-M-1')")
                .params(id, systemId).update();
        return id;
    }

    /** An open organisation-wide assessment task of {@code agency} (Decree 85/2016 Art 20.2.c). */
    public static UUID assessmentInSql(JdbcClient jdbc, UUID agency) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO control_assessment (id, obligation_id, scope, agency_id, period_months, due_on)
                        VALUES (?, 'ND85-20.2.c-ORG', 'ORGANISATION', ?, 24, DATE '2027-01-01')
                        ON CONFLICT DO NOTHING""").params(id, agency).update();
        return jdbc.sql("""
                        SELECT id FROM control_assessment WHERE agency_id = ? AND scope = 'ORGANISATION'
                          AND completed_on IS NULL AND cancelled_at IS NULL""").param(agency).query(UUID.class).single();
    }

    /** The demo progress {@link DemoBaselines} gives a demo baseline, applied to any baseline (for browser walks). */
    public static void demoProgress(org.springframework.context.ApplicationContext context, UUID systemId) {
        DemoBaselines demo = context.getBean(DemoBaselines.class);
        context.getBean(TransactionTemplate.class)
                .executeWithoutResult(s -> demo.vary(systemId, ComplianceCounters.today()));
    }
}
