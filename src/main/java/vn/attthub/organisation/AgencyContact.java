package vn.attthub.organisation;

import java.time.Instant;
import java.util.UUID;

/** One period of a contact: current while {@code validTo} is null. */
public record AgencyContact(UUID id, ContactKind kind, String fullName, String position, String phone, String email,
                            Instant validFrom, Instant validTo, UUID recordedBy, String recordedByName) {
}
