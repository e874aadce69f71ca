package vn.attthub.infosystem;

import vn.attthub.regime.ConstructionGrade;
import vn.attthub.regime.InformationType;
import vn.attthub.regime.InfrastructureScope;
import vn.attthub.regime.LevelInputs;
import vn.attthub.regime.NationalSecurityImpact;
import vn.attthub.regime.SystemType;

import java.util.List;
import java.util.Set;

/**
 * The level inputs of Decree 85/2016 Art 7-11 that the owner declares for a system, besides its type and information
 * types (which are fields of the system itself) and its components' levels (derived from the registry, Art 5.2).
 * Every field may be null (unknown).
 */
public record LevelCriteria(Integer onlinePublicServiceLevel, Boolean conditionalBusinessLine,
                            Integer personalDataSubjects, InfrastructureScope infrastructureScope,
                            Boolean operates24x7, Boolean nationalEGovernment, ConstructionGrade constructionGrade,
                            Boolean nationalSecurityWork, Boolean defenceOrSecuritySystem,
                            NationalSecurityImpact nationalSecurityImpact, Boolean nationalCriticalDataStore,
                            Boolean primeMinisterDesignated) {

    public static final LevelCriteria NONE = new LevelCriteria(null, null, null, null, null, null, null, null, null,
            null, null, null);

    public LevelInputs toInputs(SystemType type, Set<InformationType> informationTypes, List<Integer> componentLevels) {
        return new LevelInputs(type, informationTypes == null ? Set.of() : Set.copyOf(informationTypes),
                onlinePublicServiceLevel, conditionalBusinessLine, personalDataSubjects, infrastructureScope,
                operates24x7, nationalEGovernment, constructionGrade, nationalSecurityWork, defenceOrSecuritySystem,
                nationalSecurityImpact, nationalCriticalDataStore, primeMinisterDesignated,
                componentLevels == null ? List.of() : List.copyOf(componentLevels));
    }
}
