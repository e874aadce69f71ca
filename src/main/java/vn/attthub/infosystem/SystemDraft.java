package vn.attthub.infosystem;

import vn.attthub.regime.InformationType;
import vn.attthub.regime.SystemType;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a user submits to register or edit a system. {@code levelInputs} holds the declared criteria of Decree
 * 85/2016 Art 7-11 besides the type and information types; component levels are never submitted (they come from the
 * components' approved levels, Art 5.2).
 */
public record SystemDraft(String code, String name, String description, UUID ownerId, UUID operatorId,
                          SystemType systemType, Set<InformationType> informationTypes, LevelCriteria levelInputs,
                          Lifecycle lifecycle, LocalDate goLiveDate, Hosting hosting, UUID hostingProviderId,
                          String hostingProviderName, List<UUID> componentIds, List<UUID> connectedSystemIds,
                          List<String> domains, List<String> publicIpRanges) {

    public SystemDraft {
        levelInputs = levelInputs == null ? LevelCriteria.NONE : levelInputs;
        informationTypes = informationTypes == null ? Set.of() : informationTypes;
        componentIds = componentIds == null ? List.of() : componentIds;
        connectedSystemIds = connectedSystemIds == null ? List.of() : connectedSystemIds;
        domains = domains == null ? List.of() : domains;
        publicIpRanges = publicIpRanges == null ? List.of() : publicIpRanges;
    }

    static String trimToNull(String s) {
        if (s == null) return null;
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
