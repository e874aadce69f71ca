package vn.attthub.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the trail as read back, with the agency's code and name for display.
 *
 * @param details the before/after summary as JSON text
 */
public record AuditRecord(long seq, Instant occurredAt, UUID actorUserId, String actorName, UUID agencyId,
                          String agencyCode, String agencyName, String action, String targetType, String targetId,
                          String outcome, String sourceIp, String details, String hash) {
}
