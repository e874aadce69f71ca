package vn.attthub.dossier;

import vn.attthub.shared.AgencyId;

import java.time.Instant;
import java.util.UUID;

/**
 * Published when a level dossier is approved: the system's level is now {@code level} ({@code previousLevel} is the
 * level approved before, null the first time). The control module turns it into the system's baseline or its delta.
 */
public record LevelApproved(UUID systemId, AgencyId ownerId, int level, Integer previousLevel, UUID dossierId,
                            Instant approvedAt) {
}
