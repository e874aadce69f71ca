package vn.attthub.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * Filters over the audit trail; every field is optional.
 *
 * @param from         occurred at or after
 * @param to           occurred before
 * @param actor        the actor's username (case-insensitive) or user id
 * @param actionPrefix actions starting with this text, e.g. {@code agency.} or {@code login}
 * @param targetType   exact record kind, e.g. {@code agency}
 * @param targetId     exact record id
 * @param agencyId     entries of this agency and its whole subtree
 * @param outcome      SUCCESS, FAILURE or DENIED
 */
public record AuditQuery(Instant from, Instant to, String actor, String actionPrefix, String targetType,
                         String targetId, UUID agencyId, AuditEntry.Outcome outcome) {

    public static AuditQuery none() {
        return new AuditQuery(null, null, null, null, null, null, null, null);
    }
}
