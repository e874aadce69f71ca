package vn.attthub.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reads the audit trail within the caller's scope. The scope is part of the SQL (a prefix match of the entry's
 * agency path against the caller's subtree roots), never a filter applied afterwards, so a list, a single entry and
 * an export all see exactly the same entries. Lists are newest first with keyset pagination on {@code seq}.
 */
@Component
public class AuditTrail {
    public static final int MAX_LIMIT = 500;
    private static final String SELECT = """
            SELECT e.seq, e.occurred_at, e.actor_user_id, e.actor_name, e.agency_id, a.code AS agency_code,
                   a.name_vi AS agency_name, e.action, e.target_type, e.target_id, e.outcome, e.source_ip,
                   e.details::text AS details, e.hash
            FROM audit_event e LEFT JOIN agency a ON a.id = e.agency_id
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    AuditTrail(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(AuditChain.FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(template);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The scope of a caller: which agencies are tree roots is read from the registry. */
    public AuditScope scopeOf(vn.attthub.shared.CurrentUser user) {
        List<UUID> roots = jdbc.sql("SELECT id FROM agency WHERE parent_id IS NULL").query(UUID.class).list();
        return AuditScope.of(user, roots);
    }

    /** A page of entries older than {@code afterSeq} (or the newest when null), newest first. */
    public List<AuditRecord> page(AuditScope scope, AuditQuery query, Long afterSeq, int limit) {
        if (scope.seesNothing()) {
            return List.of();
        }
        MapSqlParameterSource params = new MapSqlParameterSource();
        StringBuilder sql = new StringBuilder(SELECT).append(where(scope, query, params));
        if (afterSeq != null) {
            sql.append(" AND e.seq < :afterSeq");
            params.addValue("afterSeq", afterSeq);
        }
        sql.append(" ORDER BY e.seq DESC LIMIT :limit");
        params.addValue("limit", Math.max(1, Math.min(limit, MAX_LIMIT)));
        return jdbc.sql(sql.toString()).paramSource(params).query(AuditTrail::map).list();
    }

    public Optional<AuditRecord> find(AuditScope scope, long seq) {
        if (scope.seesNothing()) {
            return Optional.empty();
        }
        MapSqlParameterSource params = new MapSqlParameterSource("seq", seq);
        String sql = SELECT + where(scope, AuditQuery.none(), params) + " AND e.seq = :seq";
        return jdbc.sql(sql).paramSource(params).query(AuditTrail::map).optional();
    }

    /** Streams every matching entry, newest first, without holding them in memory. */
    public void stream(AuditScope scope, AuditQuery query, Consumer<AuditRecord> sink) {
        if (scope.seesNothing()) {
            return;
        }
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = SELECT + where(scope, query, params) + " ORDER BY e.seq DESC";
        readOnly.executeWithoutResult(status -> streaming.query(sql, params, rs -> {
            sink.accept(map(rs, 0));
        }));
    }

    static String where(AuditScope scope, AuditQuery q, MapSqlParameterSource params) {
        StringBuilder w = new StringBuilder(" WHERE TRUE");
        if (!scope.platformWide()) {
            w.append("""
                     AND a.path IS NOT NULL AND EXISTS (SELECT 1 FROM agency scope_root \
                    WHERE scope_root.id = ANY(:scopeRoots) AND a.path LIKE scope_root.path || '%')""");
            params.addValue("scopeRoots", scope.roots().toArray(UUID[]::new));
        }
        if (q.from() != null) {
            w.append(" AND e.occurred_at >= :from");
            params.addValue("from", Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            w.append(" AND e.occurred_at < :to");
            params.addValue("to", Timestamp.from(q.to()));
        }
        if (q.actor() != null && !q.actor().isBlank()) {
            UUID actorId = uuidOrNull(q.actor().trim());
            if (actorId != null) {
                w.append(" AND e.actor_user_id = :actorId");
                params.addValue("actorId", actorId);
            } else {
                w.append(" AND lower(e.actor_name) = lower(:actor)");
                params.addValue("actor", q.actor().trim());
            }
        }
        if (q.actionPrefix() != null && !q.actionPrefix().isBlank()) {
            w.append(" AND e.action LIKE :actionPrefix ESCAPE '\\'");
            params.addValue("actionPrefix", likeEscape(q.actionPrefix().trim()) + "%");
        }
        if (q.targetType() != null && !q.targetType().isBlank()) {
            w.append(" AND e.target_type = :targetType");
            params.addValue("targetType", q.targetType().trim());
        }
        if (q.targetId() != null && !q.targetId().isBlank()) {
            w.append(" AND e.target_id = :targetId");
            params.addValue("targetId", q.targetId().trim());
        }
        if (q.agencyId() != null) {
            w.append(" AND a.path LIKE (SELECT f.path FROM agency f WHERE f.id = :agencyId) || '%'");
            params.addValue("agencyId", q.agencyId());
        }
        if (q.outcome() != null) {
            w.append(" AND e.outcome = :outcome");
            params.addValue("outcome", q.outcome().name());
        }
        return w.toString();
    }

    static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static UUID uuidOrNull(String s) {
        try {
            return s.length() == 36 ? UUID.fromString(s) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static AuditRecord map(ResultSet rs, int row) throws SQLException {
        return new AuditRecord(rs.getLong("seq"), rs.getTimestamp("occurred_at").toInstant(),
                rs.getObject("actor_user_id", UUID.class), rs.getString("actor_name"),
                rs.getObject("agency_id", UUID.class), rs.getString("agency_code"), rs.getString("agency_name"),
                rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                rs.getString("outcome"), rs.getString("source_ip"), rs.getString("details"),
                rs.getString("hash").trim());
    }
}
