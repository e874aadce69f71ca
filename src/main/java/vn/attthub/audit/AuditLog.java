package vn.attthub.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.shared.CurrentUser;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The only way to write the audit trail. Joins the caller's transaction, so a change and its audit entry are
 * committed or rolled back together. The entry joins the hash chain when that transaction commits (V6): its sequence
 * number is known only then, and the chain's lock is held only while PostgreSQL commits.
 */
@Service
public class AuditLog {
    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
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

    /** Into audit_pending, whose deferred trigger appends the entry with audit_append at commit (V2, V6). */
    private void append(UUID actorId, String actorName, AuditEntry entry) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                        INSERT INTO audit_pending (occurred_at, actor_user_id, actor_name, agency_id, action,
                                                   target_type, target_id, outcome, source_ip, details)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")
                .params(Timestamp.from(now), actorId, actorName,
                        entry.agency() == null ? null : entry.agency().value(), entry.action(), entry.targetType(),
                        entry.targetId(), entry.outcome().name(), sourceAddress(),
                        json.writeValueAsString(entry.details()))
                .update();
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
