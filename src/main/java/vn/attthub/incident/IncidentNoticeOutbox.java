package vn.attthub.incident;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.AsynchronousCommit;
import vn.attthub.shared.GroupCommit;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The notice fan-out after commit (issue 4 §5; the recipients are notified "at the same moment", Decision 05/2017
 * Art 11.5, within seconds of the notice): the notice's transaction only writes a row of
 * {@code incident_notice_outbox}; this worker renders and queues one notification per recipient (template, members,
 * contacts, in-app and e-mail deliveries; a batch of rows at once through {@code Notifications.sendAll}) and deletes
 * the rows in the same transaction, so a notice is notified once it is committed and never lost:
 * <ul>
 *   <li>durable: a row left pending by a crash between commit and fan-out is processed by the next run (on start-up
 *       and every {@code attt.incident.notice-outbox.poll-interval});</li>
 *   <li>idempotent: the notification dedup key {@code incident-notice:<incident>:<agency>} makes a second run of the
 *       same row send nothing twice;</li>
 *   <li>concurrent-safe: rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances share the work;
 *   </li>
 *   <li>a failing row (e.g. a missing template) is retried with exponential back-off and keeps its last error,
 *       without holding up the others.</li>
 * </ul>
 * A commit wakes the worker at once; the poll is the safety net.
 */
@Component
class IncidentNoticeOutbox {
    private static final Logger log = LoggerFactory.getLogger(IncidentNoticeOutbox.class);
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final IncidentNotices notices;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration initialBackoff;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "incident-notice-outbox");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final Runnable wake = this::wake;
    private volatile boolean started;

    IncidentNoticeOutbox(JdbcClient jdbc, TransactionTemplate tx, IncidentNotices notices,
                         @Value("${attt.incident.notice-outbox.batch-size:50}") int batchSize,
                         @Value("${attt.incident.notice-outbox.poll-interval:PT5S}") Duration pollInterval,
                         @Value("${attt.incident.notice-outbox.initial-backoff:PT30S}") Duration initialBackoff) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.notices = notices;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.initialBackoff = initialBackoff;
    }

    /**
     * Wakes the worker once the caller's transaction commits (the caller inserted its rows into
     * {@code incident_notice_outbox}, see {@code Incidents.fileNotice}), or its group commit; at once without either.
     */
    void wakeAfterCommit() {
        GroupCommit.afterCommit(wake);
    }

    /** Starts the worker: what a previous run left pending is sent first. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        started = true;
        worker.scheduleWithFixedDelay(this::runSafely, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        started = false;
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void wake() {
        if (started && wakePending.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    wakePending.set(false);
                    runSafely();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakePending.set(false); // shutting down: the next start picks the rows up
            }
        }
    }

    private void runSafely() {
        try {
            drain();
        } catch (RuntimeException e) {
            log.warn("Incident notice outbox round failed; retried on the next poll", e);
        }
    }

    /** Sends every due row (batch after batch) and returns how many were sent. Safe to call from anywhere. */
    int drain() {
        int total = 0;
        while (true) {
            int n = round();
            total += n;
            if (n < batchSize) return total;
        }
    }

    /** Pending rows, for monitoring and the benchmark. */
    long pending() {
        return jdbc.sql("SELECT count(*) FROM incident_notice_outbox").query(Long.class).single();
    }

    private record Pending(UUID incident, String reference, String title, Tlp tlp) {
    }

    private record Target(AgencyId agency, String name, RecipientRole role) {
    }

    /** One batch in one transaction; when a row fails, the batch is redone row by row so the others go through. */
    int round() {
        List<UUID> claimed = new ArrayList<>();
        try {
            Integer n = tx.execute(status -> send(claim(batchSize, null), claimed));
            return n == null ? 0 : n;
        } catch (RuntimeException batchFailure) {
            int sent = 0;
            for (UUID id : claimed) {
                try {
                    Integer n = tx.execute(status -> send(claim(1, id), new ArrayList<>()));
                    sent += n == null ? 0 : n;
                } catch (RuntimeException e) {
                    failed(id, e);
                }
            }
            // the rows that failed were pushed back; after a full batch drain() goes on, more may be waiting
            return claimed.size() == batchSize ? batchSize : sent;
        }
    }

    private List<Pending> claim(int limit, UUID only) {
        return jdbc.sql("SELECT o.incident_id, i.reference, i.title, i.tlp FROM incident_notice_outbox o "
                        + "JOIN incident i ON i.id = o.incident_id WHERE o.next_attempt_at <= now()"
                        + (only == null ? "" : " AND o.incident_id = :only")
                        + " ORDER BY o.next_attempt_at, o.created_at LIMIT :limit FOR UPDATE OF o SKIP LOCKED")
                .param("limit", limit).params(only == null ? Map.of() : Map.of("only", only))
                .query((rs, i) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        Tlp.valueOf(rs.getString(4)))).list();
    }

    private int send(List<Pending> batch, List<UUID> claimed) {
        if (batch.isEmpty()) return 0;
        UUID[] ids = batch.stream().map(Pending::incident).toArray(UUID[]::new);
        claimed.addAll(List.of(ids));
        Map<UUID, List<Target>> targets = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT r.incident_id, r.agency_id, a.name_vi, r.role
                        FROM incident_recipient r JOIN agency a ON a.id = r.agency_id WHERE r.incident_id = ANY(:ids)
                        ORDER BY r.incident_id, CASE r.role WHEN 'SYSTEM_OWNER' THEN 0 WHEN 'IR_UNIT' THEN 1
                                 WHEN 'NATIONAL_COORDINATOR' THEN 2 ELSE 3 END""")
                .param("ids", ids).query(rs -> {
                    targets.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Target(AgencyId.of(rs.getObject(2, UUID.class)), rs.getString(3),
                                    RecipientRole.valueOf(rs.getString(4))));
                });
        // The whole batch in a fixed number of statements (Notifications.sendAll), not four per recipient.
        List<vn.attthub.notification.Message> messages = new ArrayList<>();
        for (Pending p : batch) {
            for (Target t : targets.getOrDefault(p.incident(), List.of())) {
                messages.add(IncidentNotices.noticeMessage(t.agency(), t.name(), p.incident(), p.reference(),
                        p.title(), t.role(), p.tlp()));
            }
        }
        notices.send(messages);
        // The round commits without waiting for the disk: lost in a crash, it is lost whole, so its outbox rows are
        // pending again and the next run sends them.
        jdbc.sql("DELETE FROM incident_notice_outbox USING " + AsynchronousCommit.ROW
                + " WHERE incident_id = ANY(:ids)").param("ids", ids).update();
        return batch.size();
    }

    private void failed(UUID id, RuntimeException e) {
        log.warn("Incident notice fan-out of {} failed; retried later", id, e);
        String message = String.valueOf(e.getMessage());
        tx.executeWithoutResult(status -> jdbc.sql("""
                        UPDATE incident_notice_outbox SET attempts = attempts + 1, last_error = :error,
                            next_attempt_at = now() + make_interval(secs => :base * power(2, least(attempts, 10)))
                        WHERE incident_id = :id""")
                .param("error", message.length() > 2000 ? message.substring(0, 2000) : message)
                .param("base", (double) initialBackoff.toSeconds()).param("id", id).update());
    }
}
