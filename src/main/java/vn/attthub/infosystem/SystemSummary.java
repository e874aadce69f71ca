package vn.attthub.infosystem;

import vn.attthub.regime.LevelInputs;
import vn.attthub.shared.AgencyId;

import java.util.UUID;

/**
 * What other modules may read about an information system. {@code approvedLevel} is null until a level is approved;
 * {@code hostingProviderId} (the registered data centre, cloud or leased service provider) is null when none.
 */
public record SystemSummary(UUID id, String code, String name, AgencyId ownerId, AgencyId operatorId,
                            Lifecycle lifecycle, Integer approvedLevel, LevelInputs levelInputs,
                            AgencyId hostingProviderId) {
}
