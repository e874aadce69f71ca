package vn.attthub.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;

/**
 * Verifies the audit hash chain end to end. Rows are streamed in {@code seq} order through a server-side cursor
 * (PostgreSQL uses one when a fetch size is set inside a transaction), so memory use does not grow with the trail.
 * Each hash is recomputed by the same SQL function that computed it on append ({@code audit_event_hash}), so both
 * sides canonicalise the row identically. The single statement sees one snapshot, so entries appended while the
 * verification runs do not disturb it.
 */
@Component
public class AuditChain {
    static final int FETCH_SIZE = 2_000;
    private static final String SQL = """
            SELECT seq, prev_hash, hash,
                   audit_event_hash(seq, occurred_at, actor_user_id, actor_name, agency_id, action, target_type,
                                    target_id, outcome, source_ip, details, prev_hash) AS recomputed
            FROM audit_event ORDER BY seq""";

    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    AuditChain(DataSource dataSource, PlatformTransactionManager transactions) {
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public ChainVerification verify() {
        ChainCheck check = new ChainCheck();
        readOnly.executeWithoutResult(status -> streaming.query(SQL, rs -> {
            check.accept(rs.getLong("seq"), rs.getString("prev_hash"), rs.getString("hash"),
                    rs.getString("recomputed"));
        }));
        return check.result(Instant.now());
    }
}
