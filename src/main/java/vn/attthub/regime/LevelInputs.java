package vn.attthub.regime;

import java.util.List;
import java.util.Set;

/**
 * What the level criteria of Decree 85/2016 Art 7-11 look at. Every field but {@code systemType} may be null
 * (unknown); {@code componentLevels} are the levels of component systems (Art 5.2).
 */
public record LevelInputs(SystemType systemType, Set<InformationType> informationTypes,
                          Integer onlinePublicServiceLevel, Boolean conditionalBusinessLine,
                          Integer personalDataSubjects, InfrastructureScope infrastructureScope, Boolean operates24x7,
                          Boolean nationalEGovernment, ConstructionGrade constructionGrade,
                          Boolean nationalSecurityWork, Boolean defenceOrSecuritySystem,
                          NationalSecurityImpact nationalSecurityImpact, Boolean nationalCriticalDataStore,
                          Boolean primeMinisterDesignated, List<Integer> componentLevels) {
}
