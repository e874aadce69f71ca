package vn.attthub.control;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.UUID;

/**
 * Keeps each baseline's counters (applicable, compliant, stale requirements) exact, so that the coverage dashboard
 * sums one row per system instead of every requirement of every system. The rules are those of
 * {@link RequirementState}. Counters are recomputed for a system on every change of its items or evidence, and again
 * on the first day their evidence expires or becomes effective ({@code counters_valid_until}): by the nightly job,
 * and before any dashboard read, so expired evidence is stale the moment it expires even if the job has not run.
 */
@Component
public class ComplianceCounters {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Logger log = LoggerFactory.getLogger(ComplianceCounters.class);

    private static final String RECOMPUTE = """
            , ev AS (
              SELECT l.system_id, l.requirement_id,
                     bool_or(e.effective_on <= :today AND (e.expires_on IS NULL OR e.expires_on >= :today)) AS has_current,
                     bool_or(e.expires_on < :today) AS has_expired,
                     min(e.expires_on) FILTER (WHERE e.effective_on <= :today AND e.expires_on >= :today) AS next_expiry,
                     min(e.effective_on - 1) FILTER (WHERE e.effective_on > :today) AS next_effective
              FROM control_evidence_link l JOIN control_evidence e ON e.id = l.evidence_id
              WHERE l.system_id IN (SELECT system_id FROM targets)
              GROUP BY l.system_id, l.requirement_id
            ), per AS (
              SELECT i.system_id,
                     count(*) FILTER (WHERE i.required AND i.status <> 'NOT_APPLICABLE') AS applicable,
                     count(*) FILTER (WHERE i.required AND i.status = 'IMPLEMENTED' AND ev.has_current) AS compliant,
                     count(*) FILTER (WHERE i.required AND i.status IN ('IMPLEMENTED', 'PARTLY_IMPLEMENTED')
                                      AND NOT coalesce(ev.has_current, false) AND coalesce(ev.has_expired, false)) AS stale,
                     coalesce(least(min(ev.next_expiry), min(ev.next_effective)), 'infinity'::date) AS valid_until
              FROM control_baseline_item i LEFT JOIN ev ON ev.system_id = i.system_id AND ev.requirement_id = i.requirement_id
              WHERE i.system_id IN (SELECT system_id FROM targets)
              GROUP BY i.system_id
            )
            UPDATE control_baseline b
               SET applicable_count = per.applicable, compliant_count = per.compliant, stale_count = per.stale,
                   counters_valid_until = per.valid_until
              FROM per WHERE b.system_id = per.system_id""";

    private final JdbcClient jdbc;

    ComplianceCounters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    /** Recomputes the counters of the given systems (joins the caller's transaction). */
    @Transactional
    public void recompute(Collection<UUID> systemIds, LocalDate today) {
        if (systemIds.isEmpty()) return;
        jdbc.sql("WITH targets AS (SELECT unnest(:ids) AS system_id) " + RECOMPUTE)
                .param("ids", systemIds.toArray(UUID[]::new)).param("today", today).update();
    }

    /** Recomputes the systems whose counters were exact only until before {@code today}; returns how many. */
    @Transactional
    public int refreshExpired(LocalDate today) {
        return jdbc.sql("WITH targets AS (SELECT system_id FROM control_baseline WHERE counters_valid_until < :today) "
                + RECOMPUTE).param("today", today).update();
    }

    /** Nightly, just after midnight in Vietnam: evidence that expired yesterday makes its requirements stale. */
    @Scheduled(cron = "${attt.control.stale-check-cron:0 5 0 * * *}", zone = "Asia/Ho_Chi_Minh")
    void nightly() {
        int n = refreshExpired(today());
        if (n > 0) log.info("Control baselines: counters refreshed for {} system(s) whose evidence expired or began", n);
    }
}
