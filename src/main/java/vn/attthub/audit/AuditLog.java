package vn.attthub.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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
 * committed or rolled back together. The entry is written to audit_pending and joins the hash chain right after that
 * transaction commits ({@link AuditChainer}, V6): its sequence number is known only then, and the chain's lock is
 * never held by a business transaction.
 */
@Service
public class AuditLog {
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditChainer chainer;

    AuditLog(JdbcClient jdbc, JsonMapper json, AuditChainer chainer) {
        this.jdbc = jdbc;
        this.json = json;
        this.chainer = chainer;
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

    /** Into audit_pending, chained once the transaction has committed (V6). */
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
        chainAfterCommit();
    }

    /** Once per transaction: after it commits, wait until its entries are chained. */
    private void chainAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) return; // @Transactional: never; swept
        boolean registered = TransactionSynchronizationManager.getSynchronizations().stream()
                .anyMatch(ChainAfterCommit.class::isInstance);
        if (!registered) TransactionSynchronizationManager.registerSynchronization(new ChainAfterCommit(chainer));
    }

    private record ChainAfterCommit(AuditChainer chainer) implements TransactionSynchronization {
        @Override
        public void afterCommit() {
            chainer.chainCommitted();
        }
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
