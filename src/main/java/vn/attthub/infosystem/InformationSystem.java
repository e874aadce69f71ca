package vn.attthub.infosystem;

import vn.attthub.regime.InformationType;
import vn.attthub.regime.SystemType;
import vn.attthub.shared.AgencyId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * One registered information system as stored: owner (chủ quản, Decree 85/2016 Art 3.1, exactly one, Art 5.1),
 * operator (Art 3.3), type and information types (Art 6), the declared level criteria (Art 7-11), lifecycle, hosting,
 * and the approved level with the dossier that approved it (null until approved). Components, connections, exposure
 * and inventory are read separately.
 */
public record InformationSystem(UUID id, String code, String name, String description, AgencyId ownerId,
                                AgencyId operatorId, SystemType systemType, Set<InformationType> informationTypes,
                                LevelCriteria criteria, Lifecycle lifecycle, LocalDate goLiveDate, Hosting hosting,
                                AgencyId hostingProviderId, String hostingProviderName, Integer approvedLevel,
                                UUID approvedDossierId, Instant approvedAt, boolean demo, int version,
                                int inventoryVersion) {
}
