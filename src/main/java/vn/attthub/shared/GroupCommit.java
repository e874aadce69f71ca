package vn.attthub.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: the writes of many concurrent requests in one transaction, with one JDBC batch (one round trip) per
 * kind of row and one disk flush for all of them.
 * <p>
 * A request {@link #open opens} a unit on its thread; while it is open, {@link #write} keeps rows in the unit instead
 * of writing them, and {@link #afterCommit} keeps what is to run after the commit. {@link #commit} hands the unit to a
 * worker and waits: a worker takes every unit waiting at that moment (up to {@code attt.group-commit.max-units}),
 * writes their rows kind by kind, in the order the first unit wrote them, and commits once. If that transaction
 * fails, each unit of it is written again in a transaction of its own, so one bad unit fails alone.
 * <p>
 * Without an open unit {@link #write} writes at once, in the caller's transaction: the same rows, the same
 * statements, whichever way a change comes in. A request must do all its writing through {@link #write} while its
 * unit is open: a statement it ran itself would commit separately.
 */
@Component
public class GroupCommit implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final ThreadLocal<Unit> OPEN = new ThreadLocal<>();

    /** Writes rows of one kind, from any number of requests, in one statement or one JDBC batch. */
    @FunctionalInterface
    public interface Writer<R> {
        void write(List<R> rows);
    }

    /** The rows and after-commit actions of one request. */
    public static final class Unit {
        private final Map<Writer<?>, List<Object>> rows = new LinkedHashMap<>();
        private final Set<Runnable> afterCommit = new LinkedHashSet<>();
        private final CompletableFuture<Void> written = new CompletableFuture<>();

        private Unit() {
        }
    }

    /** The unit's changes did not commit: nothing of them is stored. */
    public static final class NotCommitted extends RuntimeException {
        NotCommitted(Throwable cause) {
            super("group commit failed: " + cause, cause);
        }
    }

    private final BlockingQueue<Unit> queue = new LinkedBlockingQueue<>();
    private final TransactionTemplate tx;
    private final int maxUnits;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    GroupCommit(PlatformTransactionManager transactions, @Value("${attt.group-commit.workers:2}") int workers,
                @Value("${attt.group-commit.max-units:64}") int maxUnits) {
        this.tx = new TransactionTemplate(transactions);
        this.maxUnits = maxUnits;
        // Two workers: one executes its batch while the other waits for its disk flush.
        for (int i = 0; i < workers; i++) {
            Thread worker = new Thread(this::work, "group-commit-" + (i + 1));
            worker.setDaemon(true);
            worker.start();
            this.workers.add(worker);
        }
    }

    /** Opens a unit on the calling thread: until {@link #commit} or {@link #discard}, writes are kept in it. */
    public Unit open() {
        if (OPEN.get() != null) throw new IllegalStateException("a group commit unit is already open on this thread");
        Unit unit = new Unit();
        OPEN.set(unit);
        return unit;
    }

    /** Drops the unit's rows: as a rollback, nothing of them is written. */
    public void discard(Unit unit) {
        if (OPEN.get() == unit) OPEN.remove();
    }

    /** Whether a unit is open on the calling thread. */
    public static boolean isOpen() {
        return OPEN.get() != null;
    }

    /** Writes {@code row} with {@code writer}: kept in the open unit, or at once when none is open. */
    public static <R> void write(Writer<R> writer, R row) {
        Unit unit = OPEN.get();
        if (unit == null) {
            writer.write(List.of(row));
        } else {
            unit.rows.computeIfAbsent(writer, w -> new ArrayList<>()).add(row);
        }
    }

    /**
     * Runs {@code action} once the caller's writes have committed: after the group commit of the open unit, else
     * after the caller's transaction, else at once. Equal actions run once per unit or transaction.
     */
    public static void afterCommit(Runnable action) {
        Unit unit = OPEN.get();
        if (unit != null) {
            unit.afterCommit.add(action);
        } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
            boolean registered = TransactionSynchronizationManager.getSynchronizations().stream()
                    .anyMatch(s -> s instanceof AfterCommit a && a.action.equals(action));
            if (!registered) TransactionSynchronizationManager.registerSynchronization(new AfterCommit(action));
        } else {
            action.run();
        }
    }

    private record AfterCommit(Runnable action) implements TransactionSynchronization {
        @Override
        public void afterCommit() {
            action.run();
        }
    }

    /**
     * Closes the unit, writes it in the next group commit and returns once that has committed; then runs the unit's
     * after-commit actions on the calling thread.
     *
     * @throws NotCommitted when the unit's changes could not be committed
     */
    public void commit(Unit unit) {
        discard(unit);
        if (!unit.rows.isEmpty()) {
            if (!running) throw new NotCommitted(new IllegalStateException("shutting down"));
            queue.add(unit);
            try {
                unit.written.get();
            } catch (ExecutionException e) {
                throw new NotCommitted(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotCommitted(e);
            }
        }
        for (Runnable action : unit.afterCommit) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("An after-commit action of a group commit failed", e);
            }
        }
    }

    private void work() {
        List<Unit> batch = new ArrayList<>();
        while (running) {
            try {
                Unit first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, maxUnits - 1);
                writeTogether(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) { // never leave a waiting request behind
                batch.forEach(u -> u.written.completeExceptionally(t));
            } finally {
                batch.clear();
            }
        }
    }

    private void writeTogether(List<Unit> batch) {
        try {
            tx.executeWithoutResult(status -> writeAll(batch));
            batch.forEach(u -> u.written.complete(null));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).written.completeExceptionally(e);
                return;
            }
            log.debug("A group commit of {} units failed; writing each alone", batch.size(), e);
            for (Unit unit : batch) {
                try {
                    tx.executeWithoutResult(status -> writeAll(List.of(unit)));
                    unit.written.complete(null);
                } catch (RuntimeException alone) {
                    unit.written.completeExceptionally(alone);
                }
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void writeAll(List<Unit> units) {
        Map<Writer<?>, List<Object>> byWriter = new LinkedHashMap<>();
        for (Unit unit : units) {
            unit.rows.forEach((writer, rows) -> byWriter.computeIfAbsent(writer, w -> new ArrayList<>()).addAll(rows));
        }
        byWriter.forEach((writer, rows) -> ((Writer) writer).write(rows));
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        for (Thread worker : workers) worker.join(TimeUnit.SECONDS.toMillis(10));
        Unit left;
        while ((left = queue.poll()) != null) {
            left.written.completeExceptionally(new IllegalStateException("the application is shutting down"));
        }
    }
}
