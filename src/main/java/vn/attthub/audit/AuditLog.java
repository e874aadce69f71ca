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
 * committed or rolled back together.
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
    public long record(AuditEntry entry) {
        CurrentUser user = currentUser();
        return append(user == null ? null : user.id().value(), user == null ? "anonymous" : user.username(), entry);
    }

    /** Records an entry on behalf of a named actor who is not (yet) signed in, e.g. a failed login. */
    @Transactional
    public long recordFor(UUID actorUserId, String actorName, AuditEntry entry) {
        return append(actorUserId, actorName, entry);
    }

    private long append(UUID actorId, String actorName, AuditEntry entry) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return jdbc.sql("SELECT audit_append(?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")
                .params(Timestamp.from(now), actorId, actorName,
                        entry.agency() == null ? null : entry.agency().value(), entry.action(), entry.targetType(),
                        entry.targetId(), entry.outcome().name(), sourceAddress(),
                        json.writeValueAsString(entry.details()))
                .query(Long.class).single();
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
