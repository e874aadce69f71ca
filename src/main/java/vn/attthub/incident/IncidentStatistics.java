package vn.attthub.incident;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.attthub.organisation.AgencyTree;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.InvalidInputException.FieldError;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Incident statistics for an agency subtree and a period (issue 4 §4), computed in SQL over the incidents the caller
 * may see (a TLP:RED case the caller cannot open is not counted): counts by category and severity, median and p90 of
 * the time to notify (detectedAt → notice), to acknowledge (delivery → each recipient's acknowledgement) and to close
 * (notice → closed), and the share of notices filed within 5 days of detection (Circular 20/2017 Art 9.2.a).
 */
@Component
class IncidentStatistics {
    private final JdbcClient jdbc;
    private final AgencyTree tree;

    IncidentStatistics(JdbcClient jdbc, AgencyTree tree) {
        this.jdbc = jdbc;
        this.tree = tree;
    }

    record Count(String key, long count) {
    }

    record Durations(long count, Double medianSeconds, Double p90Seconds) {
    }

    record OnTime(long notices, long onTime, Double share) {
    }

    record Statistics(UUID agencyId, LocalDate from, LocalDate to, long total, List<Count> byCategory,
                      List<Count> bySeverity, Durations timeToNotify, Durations timeToAcknowledge,
                      Durations timeToClose, OnTime notifiedOnTime) {
    }

    private static final String SCOPED = """
            WITH s AS (
                SELECT i.* FROM incident i
                WHERE i.reported_at >= :from AND i.reported_at < :to
                  AND EXISTS (SELECT 1 FROM agency sa JOIN agency sr ON sr.id = :agency
                              WHERE sa.id IN (i.reporter_agency_id, i.owner_id, i.operator_id)
                                AND sa.path LIKE sr.path || '%')
                  AND {visible})
            """;

    Statistics compute(CurrentUser user, UUID agencyId, String from, String to) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate today = LocalDate.now(Incidents.ZONE);
        LocalDate f = date(from, "from", LocalDate.of(today.getYear(), 1, 1), errors);
        LocalDate t = date(to, "to", today, errors);
        if (f != null && t != null && t.isBefore(f)) {
            errors.add(new FieldError("to", "Ngày kết thúc phải sau ngày bắt đầu (to must not be before from)."));
        }
        if (!errors.isEmpty()) throw new InvalidInputException("Tham số thống kê không hợp lệ.", errors);
        AgencyId agency = agencyId != null ? AgencyId.of(agencyId) : user.agency();
        if (agency == null || !tree.within(agency, user.scopeOf(Permission.INCIDENT_READ))) {
            throw new NotFoundException("agency", agencyId);
        }
        String with = SCOPED.replace("{visible}", IncidentViews.visible("i"));
        UUID[] roots = user.scopeOf(Permission.INCIDENT_READ).stream().map(AgencyId::value).toArray(UUID[]::new);
        UUID[] named = Incidents.namedAgencies(user, Permission.INCIDENT_READ).toArray(UUID[]::new);
        Timestamp fromTs = Timestamp.from(f.atStartOfDay(Incidents.ZONE).toInstant());
        Timestamp toTs = Timestamp.from(t.plusDays(1).atStartOfDay(Incidents.ZONE).toInstant());
        java.util.function.Function<String, JdbcClient.StatementSpec> q = sql -> jdbc.sql(with + sql)
                .param("from", fromTs).param("to", toTs).param("agency", agency.value())
                .param("scopeRoots", roots).param("named", named);
        List<Count> byCategory = q.apply("SELECT category AS k, count(*) AS n FROM s GROUP BY category ORDER BY n DESC, k")
                .query((rs, n) -> new Count(rs.getString("k"), rs.getLong("n"))).list();
        List<Count> bySeverity = q.apply("""
                        SELECT coalesce(severity, 'UNCLASSIFIED') AS k, count(*) AS n FROM s
                        GROUP BY 1 ORDER BY n DESC, k""")
                .query((rs, n) -> new Count(rs.getString("k"), rs.getLong("n"))).list();
        Durations notify = durations(q.apply(percentiles("SELECT extract(epoch FROM reported_at - detected_at) AS d FROM s")));
        Durations ack = durations(q.apply(percentiles("""
                SELECT extract(epoch FROM r.acknowledged_at - r.delivered_at) AS d FROM s
                JOIN incident_recipient r ON r.incident_id = s.id WHERE r.acknowledged_at IS NOT NULL""")));
        Durations close = durations(q.apply(percentiles("""
                SELECT extract(epoch FROM closed_at - reported_at) AS d FROM s WHERE closed_at IS NOT NULL""")));
        OnTime onTime = q.apply("""
                        SELECT count(*) AS n, count(*) FILTER (WHERE reported_at <= detected_at + interval '5 days') AS ok
                        FROM s""")
                .query((rs, n) -> new OnTime(rs.getLong("n"), rs.getLong("ok"),
                        rs.getLong("n") == 0 ? null : (double) rs.getLong("ok") / rs.getLong("n"))).single();
        return new Statistics(agency.value(), f, t, onTime.notices(), byCategory, bySeverity, notify, ack, close,
                onTime);
    }

    private static String percentiles(String values) {
        return ", v AS (" + values + ") SELECT count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS p50, "
                + "percentile_cont(0.9) WITHIN GROUP (ORDER BY d) AS p90 FROM v";
    }

    private static Durations durations(JdbcClient.StatementSpec spec) {
        return spec.query((rs, n) -> new Durations(rs.getLong("n"), rs.getObject("p50", Double.class),
                rs.getObject("p90", Double.class))).single();
    }

    private static LocalDate date(String value, String field, LocalDate fallback, List<FieldError> errors) {
        if (value == null || value.isBlank()) return fallback;
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "Dùng ngày ISO-8601, ví dụ 2026-01-31 (ISO date expected)."));
            return null;
        }
    }
}
