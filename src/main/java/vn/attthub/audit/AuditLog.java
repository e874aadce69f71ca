package vn.attthub.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.GroupCommit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The only way to write the audit trail. Joins the caller's transaction, so a change and its audit entry are
 * committed or rolled back together. The entry is written to audit_pending and joins the hash chain right after that
 * transaction commits ({@link AuditChainer}, V6): its sequence number is known only then, and the chain's lock is
 * never held by a business transaction.
 */
@Service
public class AuditLog {
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final GroupCommit.Writer<Pending> pending = this::insert;
    /** Once per transaction: after it commits, wait until its entries are chained. */
    private final Runnable chainCommitted;

    AuditLog(JdbcTemplate jdbc, JsonMapper json, AuditChainer chainer) {
        this.jdbc = jdbc;
        this.json = json;
        this.chainCommitted = chainer::chainCommitted;
    }

    /** Records an entry for the signed-in caller (or "anonymous"). */
    @Transactional
    public void record(AuditEntry entry) {
        CurrentUser user = currentUser();
        append(user == null ? null : user.id().value(), user == null ? "anonymous" : user.username(), entry);
    }

    /** Records an entry on behalf of a named actor who is not (yet) signed in, e.g. a failed login. */
    @Transactional
    public void recordFor(UUID actorUserId, String actorName, AuditEntry entry) {
        append(actorUserId, actorName, entry);
    }

    /** An entry as it goes into audit_pending. */
    private record Pending(Timestamp occurredAt, UUID actorId, String actorName, UUID agency, String action,
                           String targetType, String targetId, String outcome, String sourceIp, String details) {
    }

    /** Into audit_pending (in the caller's transaction or its group commit), chained once that has committed (V6). */
    private void append(UUID actorId, String actorName, AuditEntry entry) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        GroupCommit.write(pending, new Pending(Timestamp.from(now), actorId, actorName,
                entry.agency() == null ? null : entry.agency().value(), entry.action(), entry.targetType(),
                entry.targetId(), entry.outcome().name(), sourceAddress(), json.writeValueAsString(entry.details())));
        GroupCommit.afterCommit(chainCommitted);
    }

    /** Every entry of a transaction (or a group commit) in one JDBC batch. */
    private void insert(List<Pending> entries) {
        jdbc.batchUpdate("""
                        INSERT INTO audit_pending (occurred_at, actor_user_id, actor_name, agency_id, action,
                                                   target_type, target_id, outcome, source_ip, details)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""",
                entries.stream().map(e -> new Object[]{e.occurredAt(), e.actorId(), e.actorName(), e.agency(),
                        e.action(), e.targetType(), e.targetId(), e.outcome(), e.sourceIp(), e.details()}).toList());
    }

    private static CurrentUser currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof CurrentUser u ? u : null;
    }

    private static String sourceAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            HttpServletRequest request = attrs.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
