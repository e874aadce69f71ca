package vn.attthub.organisation;

import vn.attthub.shared.AgencyId;

import java.time.LocalDate;

/** What other modules may read about an agency. */
public record AgencySummary(AgencyId id, String code, String nameVi, String nameEn, String kind, AgencyId parentId,
                            LocalDate validFrom, LocalDate validTo) {
}
