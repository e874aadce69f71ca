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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
    AuditChainer chainer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @LocalServerPort
    int port;

    /** Records an entry in a transaction of its own; returns the sequence number the chain gave it at commit. */
    long append(String action) {
        UUID target = UUID.randomUUID();
        audit.recordFor(null, "test", AuditEntry.success(action, "test", target, null,
                Map.of("tên", "Sở Thông tin và Truyền thông", "n", 1)));
        return seqOf(target);
    }

    long seqOf(UUID target) {
        return jdbc.sql("SELECT seq FROM audit_event WHERE target_type = 'test' AND target_id = ?")
                .param(target.toString()).query(Long.class).single();
    }

    long chained(UUID... targets) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE target_type = 'test' AND target_id = ANY(?)")
                .param(Stream.of(targets).map(UUID::toString).toArray(String[]::new)).query(Long.class).single();
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

    /**
     * V6: an entry joins the chain once its transaction has committed, consecutive with the other entries of that
     * transaction and in the order they were recorded; a rolled-back transaction leaves no entry; nothing stays
     * pending.
     */
    @Test
    void entriesJoinTheChainAfterCommitInTheOrderRecordedAndNotAtAllOnRollback() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID undone = UUID.randomUUID();
        tx.executeWithoutResult(status -> {
            audit.recordFor(null, "test", AuditEntry.success("test.at-commit", "test", first, null, Map.of()));
            audit.recordFor(null, "test", AuditEntry.success("test.at-commit", "test", second, null, Map.of()));
            assertThat(chained(first, second)).isZero();
        });
        assertThat(chained(first, second)).isEqualTo(2);
        assertThat(seqOf(second)).isEqualTo(seqOf(first) + 1);

        tx.executeWithoutResult(status -> {
            audit.recordFor(null, "test", AuditEntry.success("test.rolled-back", "test", undone, null, Map.of()));
            status.setRollbackOnly();
        });
        assertThat(chained(undone)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_pending").query(Long.class).single()).isZero();
        assertThat(chain.verify().valid()).isTrue();
    }

    /**
     * An entry committed but not chained (the application stopped between the two commits) is chained by the sweep;
     * a pending entry cannot be edited meanwhile.
     */
    @Test
    void theSweepChainsEntriesLeftPendingWhichCannotBeEdited() {
        UUID left = UUID.randomUUID();
        String insert = """
                INSERT INTO audit_pending (occurred_at, actor_name, action, target_type, target_id, outcome)
                VALUES (now(), 'test', 'test.left-pending', 'test', ?, 'SUCCESS')""";
        jdbc.sql(insert).param(left.toString()).update();
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> jdbc.sql(
                        "UPDATE audit_pending SET actor_name = 'mallory' WHERE target_id = ?")
                .param(left.toString()).update()))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("cannot be changed");
        assertThat(chained(left)).isZero();
        chainer.sweep();
        assertThat(chained(left)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT actor_name FROM audit_event WHERE target_type = 'test' AND target_id = ?")
                .param(left.toString()).query(String.class).single()).isEqualTo("test");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_pending").query(Long.class).single()).isZero();
        assertThat(chain.verify().valid()).isTrue();
    }

    /**
     * The reason for V6: a transaction that has recorded an entry but not yet committed does not hold the chain's
     * lock, so other writers append and commit meanwhile (before V6 they waited for it).
     */
    @Test
    void anOpenTransactionWithAnEntryDoesNotBlockOtherWriters() throws Exception {
        UUID slow = UUID.randomUUID();
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> open = pool.submit(() -> tx.executeWithoutResult(status -> {
                audit.recordFor(null, "test", AuditEntry.success("test.slow", "test", slow, null, Map.of()));
                recorded.countDown();
                try {
                    finish.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();
            long other = CompletableFuture.supplyAsync(() -> append("test.meanwhile")).get(10, TimeUnit.SECONDS);
            assertThat(chained(slow)).isZero();
            finish.countDown();
            open.get(10, TimeUnit.SECONDS);
            assertThat(seqOf(slow)).isGreaterThan(other);
        } finally {
            finish.countDown();
            pool.shutdownNow();
        }
        assertThat(chain.verify().valid()).isTrue();
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
