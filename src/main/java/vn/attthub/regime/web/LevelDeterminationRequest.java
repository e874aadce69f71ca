package vn.attthub.regime.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import vn.attthub.regime.ConstructionGrade;
import vn.attthub.regime.InformationType;
import vn.attthub.regime.InfrastructureScope;
import vn.attthub.regime.LevelInputs;
import vn.attthub.regime.NationalSecurityImpact;
import vn.attthub.regime.SystemType;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.InvalidInputException.FieldError;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The body of {@code POST /api/v1/level-determinations} (issue 3 §2): every field optional except
 * {@code systemType}; unknown fields are refused.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
record LevelDeterminationRequest(SystemType systemType, List<InformationType> informationTypes,
                                 Integer onlinePublicServiceLevel, Boolean conditionalBusinessLine,
                                 Long personalDataSubjects, InfrastructureScope infrastructureScope,
                                 Boolean operates24x7, Boolean nationalEGovernment,
                                 ConstructionGrade constructionGrade, Boolean nationalSecurityWork,
                                 Boolean defenceOrSecuritySystem, NationalSecurityImpact nationalSecurityImpact,
                                 Boolean nationalCriticalDataStore, Boolean primeMinisterDesignated,
                                 List<Integer> componentLevels) {
    static final int MAX_COMPONENTS = 1000;

    /** Checks the ranges and builds the inputs, or throws with the path of every invalid field. */
    LevelInputs inputs() {
        List<FieldError> errors = new ArrayList<>();
        if (systemType == null) {
            errors.add(new FieldError("systemType", "required; one of " + List.of(SystemType.values())));
        }
        EnumSet<InformationType> types = null;
        if (informationTypes != null) {
            types = EnumSet.noneOf(InformationType.class);
            for (int i = 0; i < informationTypes.size(); i++) {
                if (informationTypes.get(i) == null) {
                    errors.add(new FieldError("informationTypes[" + i + "]", "must not be null"));
                } else {
                    types.add(informationTypes.get(i));
                }
            }
        }
        if (onlinePublicServiceLevel != null && (onlinePublicServiceLevel < 0 || onlinePublicServiceLevel > 4)) {
            errors.add(new FieldError("onlinePublicServiceLevel", "must be 0-4 (0 = no online public service)"));
        }
        if (personalDataSubjects != null && personalDataSubjects < 0) {
            errors.add(new FieldError("personalDataSubjects", "must not be negative"));
        } else if (personalDataSubjects != null && personalDataSubjects > Integer.MAX_VALUE) {
            errors.add(new FieldError("personalDataSubjects", "must be at most " + Integer.MAX_VALUE));
        }
        if (componentLevels != null) {
            if (componentLevels.size() > MAX_COMPONENTS) {
                errors.add(new FieldError("componentLevels", "at most " + MAX_COMPONENTS + " components"));
            } else {
                for (int i = 0; i < componentLevels.size(); i++) {
                    Integer l = componentLevels.get(i);
                    if (l == null || l < 1 || l > 5) {
                        errors.add(new FieldError("componentLevels[" + i + "]", "must be a level 1-5"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Dữ liệu không hợp lệ (invalid input).", errors);
        }
        return new LevelInputs(systemType, types, onlinePublicServiceLevel, conditionalBusinessLine,
                personalDataSubjects == null ? null : personalDataSubjects.intValue(), infrastructureScope,
                operates24x7, nationalEGovernment, constructionGrade, nationalSecurityWork, defenceOrSecuritySystem,
                nationalSecurityImpact, nationalCriticalDataStore, primeMinisterDesignated,
                componentLevels == null ? null : List.copyOf(componentLevels));
    }
}
