package vn.attthub.regime;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Builder of {@link LevelInputs} for tests: every field unknown unless set. */
final class Inputs {
    private SystemType systemType;
    private Set<InformationType> informationTypes;
    private Integer onlinePublicServiceLevel;
    private Boolean conditionalBusinessLine;
    private Integer personalDataSubjects;
    private InfrastructureScope infrastructureScope;
    private Boolean operates24x7;
    private Boolean nationalEGovernment;
    private ConstructionGrade constructionGrade;
    private Boolean nationalSecurityWork;
    private Boolean defenceOrSecuritySystem;
    private NationalSecurityImpact nationalSecurityImpact;
    private Boolean nationalCriticalDataStore;
    private Boolean primeMinisterDesignated;
    private List<Integer> componentLevels;

    static Inputs of(SystemType type) {
        Inputs i = new Inputs();
        i.systemType = type;
        return i;
    }

    Inputs info(InformationType first, InformationType... rest) {
        informationTypes = EnumSet.of(first, rest);
        return this;
    }

    Inputs noInfo() {
        informationTypes = Set.of();
        return this;
    }

    Inputs publicServiceLevel(int v) { onlinePublicServiceLevel = v; return this; }
    Inputs conditionalBusiness(boolean v) { conditionalBusinessLine = v; return this; }
    Inputs users(int v) { personalDataSubjects = v; return this; }
    Inputs scope(InfrastructureScope v) { infrastructureScope = v; return this; }
    Inputs alwaysOn(boolean v) { operates24x7 = v; return this; }
    Inputs nationalEGov(boolean v) { nationalEGovernment = v; return this; }
    Inputs grade(ConstructionGrade v) { constructionGrade = v; return this; }
    Inputs securityWork(boolean v) { nationalSecurityWork = v; return this; }
    Inputs defence(boolean v) { defenceOrSecuritySystem = v; return this; }
    Inputs impact(NationalSecurityImpact v) { nationalSecurityImpact = v; return this; }
    Inputs criticalDataStore(boolean v) { nationalCriticalDataStore = v; return this; }
    Inputs pmDesignated(boolean v) { primeMinisterDesignated = v; return this; }
    Inputs components(Integer... levels) { componentLevels = java.util.Arrays.asList(levels); return this; }

    LevelInputs build() {
        return new LevelInputs(systemType, informationTypes, onlinePublicServiceLevel, conditionalBusinessLine,
                personalDataSubjects, infrastructureScope, operates24x7, nationalEGovernment, constructionGrade,
                nationalSecurityWork, defenceOrSecuritySystem, nationalSecurityImpact, nationalCriticalDataStore,
                primeMinisterDesignated, componentLevels);
    }
}
