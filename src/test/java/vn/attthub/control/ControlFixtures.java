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
}
