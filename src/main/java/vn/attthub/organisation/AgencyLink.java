package vn.attthub.organisation;

import java.time.LocalDate;
import java.util.UUID;

/** A predecessor or successor of an agency, with the date and legal basis of the merger or split. */
public record AgencyLink(UUID id, String code, String name, LocalDate effectiveOn, String legalBasis) {
}
