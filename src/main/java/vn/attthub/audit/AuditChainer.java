package vn.attthub.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.attthub.shared.AsynchronousCommit;

import javax.sql.DataSource;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves committed entries from audit_pending into the hash chain (V6: {@code audit_chain_pending}), right after the
 * transaction that recorded them commits ({@link #chainCommitted}) and periodically for entries whose chaining was cut
 * short ({@link #sweep}).
 * <p>
 * Runs go one at a time in this instance (and, through the function's advisory lock, across instances). A caller
 * waits only until a run that began after its commit has finished, so one run, with one disk flush, chains the
 * entries of every transaction that committed while the previous run was going on. The runs use a connection of
 * their own: the callers still hold their pool connection while they wait (Spring's after-commit callbacks run
 * before it is returned), and a run that needed one of those would wait for them in turn.
 */
@Component
class AuditChainer implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);
    private static final int BATCH = 1_000;

    private final HikariDataSource own;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ReentrantLock running = new ReentrantLock();
    /** Runs begun and the index of the last one finished; written under {@link #running}. */
    private volatile long begun;
    private volatile long finished;

    AuditChainer(DataSource dataSource) {
        this.own = new HikariDataSource(configOf(dataSource));
        this.jdbc = JdbcClient.create(own);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(own));
    }

    private static HikariConfig configOf(DataSource dataSource) {
        HikariConfig config = new HikariConfig();
        try {
            dataSource.unwrap(HikariDataSource.class).copyStateTo(config);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("the audit chainer needs the application's Hikari connection pool", e);
        }
        config.setPoolName("audit-chain");
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        return config;
    }

    /**
     * Returns once the entries committed before the call are chained (or after logging why they could not be: the
     * sweep retries). Never throws: the change and its entry are already committed.
     */
    void chainCommitted() {
        long ticket = begun; // a run that begins after this point sees the caller's committed entries
        running.lock();
        try {
            if (finished > ticket) return;
            begun = begun + 1;
            chainAll();
            finished = begun;
        } catch (RuntimeException e) {
            log.warn("Audit entries stay pending until the next sweep: {}", e.toString());
        } finally {
            running.unlock();
        }
    }

    /** Chains whatever is pending: entries of transactions whose chaining was cut short (e.g. by a crash). */
    @Scheduled(initialDelayString = "${attt.audit.sweep-interval:PT10S}",
               fixedDelayString = "${attt.audit.sweep-interval:PT10S}")
    void sweep() {
        chainCommitted();
    }

    /**
     * A run commits without waiting for the disk ({@link AsynchronousCommit}): a run lost in a crash is lost whole, its
     * entries stay in audit_pending, committed durably with the change they describe, and the next run chains them;
     * so the callers, who wait for the run, do not also wait for a second disk flush per notice.
     */
    private void chainAll() {
        Integer chained;
        do {
            chained = tx.execute(status -> jdbc.sql("SELECT audit_chain_pending(?) FROM " + AsynchronousCommit.ROW)
                    .param(BATCH).query(Integer.class).single());
        } while (chained != null && chained == BATCH);
    }

    @Override
    public void destroy() {
        own.close();
    }
}
