package vn.attthub.audit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;

import java.net.http.HttpResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail is append-only and tamper-evident (issue 2 §4): concurrent writers keep one chain, the database
 * refuses changes, and a row changed or removed by someone who bypasses that (a superuser disabling the triggers)
 * is found by the verification at exactly that entry. Each tampering test restores the row afterwards, because the
 * database is shared by the whole test run.
 */
@IntegrationTest
class AuditChainIntegrationTests {
    @Autowired
    AuditLog audit;
    @Autowired
    AuditChain chain;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @LocalServerPort
    int port;

    long append(String action) {
        return audit.recordFor(null, "test", AuditEntry.success(action, "test", UUID.randomUUID(), null,
                Map.of("tên", "Sở Thông tin và Truyền thông", "n", 1)));
    }

    @Test
    void concurrentWritersKeepOneUnbrokenChain() throws Exception {
        String action = "test.concurrent." + UUID.randomUUID().toString().substring(0, 8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<List<Long>>> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            writers.add(() -> {
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    seqs.add(append(action));
                }
                return seqs;
            });
        }
        List<Long> all = new ArrayList<>();
        try {
            for (Future<List<Long>> f : pool.invokeAll(writers)) {
                all.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(all).hasSize(200).doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = ?").param(action).query(Long.class).single())
                .isEqualTo(200);
        ChainVerification v = chain.verify();
        assertThat(v.valid()).as(v.reason()).isTrue();
        assertThat(v.checked()).isEqualTo(jdbc.sql("SELECT max(seq) FROM audit_event").query(Long.class).single());
    }

    @Test
    void theDatabaseRefusesUpdateDeleteAndTruncate() {
        long seq = append("test.immutable");
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET actor_name = 'mallory' WHERE seq = ?").param(seq).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event WHERE seq = ?").param(seq).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_event").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.sql("SELECT actor_name FROM audit_event WHERE seq = ?").param(seq).query(String.class).single())
                .isEqualTo("test");
    }

    /** Runs SQL with the append-only triggers off, as a superuser could, in one transaction. */
    void asSuperuserBypassingTriggers(Runnable work) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("ALTER TABLE audit_event DISABLE TRIGGER USER").update();
            work.run();
            jdbc.sql("ALTER TABLE audit_event ENABLE TRIGGER USER").update();
        });
    }

    @Test
    void anEditedEntryIsReportedAtExactlyItsSequenceNumber() {
        long seq = append("test.forged");
        append("test.after-forged");
        String original = jdbc.sql("SELECT details::text FROM audit_event WHERE seq = ?").param(seq)
                .query(String.class).single();
        assertThat(chain.verify().valid()).isTrue();
        try {
            asSuperuserBypassingTriggers(() -> jdbc.sql(
                            "UPDATE audit_event SET details = '{\"tên\":\"đã bị sửa\"}'::jsonb WHERE seq = ?")
                    .param(seq).update());
            ChainVerification v = chain.verify();
            assertThat(v.valid()).isFalse();
            assertThat(v.firstBrokenSeq()).isEqualTo(seq);
            assertThat(v.reason()).startsWith("HASH_MISMATCH");

            TestCallers callers = new TestCallers(jdbc, port);
            HttpResponse<String> api = callers.get("/api/v1/audit/verification", IntegrationTest.BOOTSTRAP_TOKEN);
            assertThat(api.statusCode()).isEqualTo(200);
            assertThat(api.body()).contains("\"valid\":false").contains("\"firstBrokenSeq\":" + seq + ",");
            HttpResponse<String> panel = callers.get("/audit/verification", IntegrationTest.BOOTSTRAP_TOKEN);
            assertThat(panel.body()).contains("Bị phá vỡ").contains("#" + seq + " ");
        } finally {
            asSuperuserBypassingTriggers(() -> jdbc.sql("UPDATE audit_event SET details = ?::jsonb WHERE seq = ?")
                    .params(original, seq).update());
        }
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    void aDeletedEntryIsReportedAsAGap() {
        long seq = append("test.deleted");
        append("test.after-deleted");
        Map<String, Object> row = jdbc.sql("SELECT * FROM audit_event WHERE seq = ?").param(seq).query().singleRow();
        try {
            asSuperuserBypassingTriggers(() -> jdbc.sql("DELETE FROM audit_event WHERE seq = ?").param(seq).update());
            ChainVerification v = chain.verify();
            assertThat(v.valid()).isFalse();
            assertThat(v.firstBrokenSeq()).isEqualTo(seq);
            assertThat(v.reason()).startsWith("SEQUENCE_GAP");
        } finally {
            jdbc.sql("""
                            INSERT INTO audit_event (seq, occurred_at, actor_user_id, actor_name, agency_id, action,
                                target_type, target_id, outcome, source_ip, details, prev_hash, hash)
                            SELECT :seq, :occurred_at, :actor_user_id, :actor_name, :agency_id, :action, :target_type,
                                   :target_id, :outcome, :source_ip, :details, :prev_hash, :hash
                            WHERE NOT EXISTS (SELECT 1 FROM audit_event WHERE seq = :seq)""")
                    .params(row).update();
        }
        assertThat(chain.verify().valid()).isTrue();
    }
}
