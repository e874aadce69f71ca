package vn.attthub.organisation;

import java.time.LocalDate;
import java.util.UUID;

/** A legal role an agency holds from {@code validFrom} to {@code validTo} (inclusive), with its legal basis. */
public record AgencyRole(UUID id, UUID agencyId, AgencyRoleKind role, UUID forAgencyId, String forAgencyCode,
                         String forAgencyName, LocalDate validFrom, LocalDate validTo, String legalBasis) {

    public boolean activeOn(LocalDate date) {
        return !validFrom.isAfter(date) && (validTo == null || !validTo.isBefore(date));
    }
}
