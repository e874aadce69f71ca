package vn.attthub.regime;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Compiles the {@code when} object of a criterion row into a predicate over {@link LevelInputs}, once, when the
 * regime is loaded. Every key of a {@code when} object must hold (AND); {@code anyOf} holds when one of its objects
 * holds. An unknown input ({@code null}) never satisfies a condition, except that {@code null} listed among the
 * allowed values of an enumerated field matches an undeclared value (used for decision D2). Unknown keys fail the
 * load, so a typo in the data cannot silently disable a row.
 */
final class Conditions {
    private Conditions() {
    }

    private static final Map<String, Function<LevelInputs, Boolean>> FLAGS = Map.of(
            "conditionalBusinessLine", LevelInputs::conditionalBusinessLine,
            "operates24x7", LevelInputs::operates24x7,
            "nationalEGovernment", LevelInputs::nationalEGovernment,
            "nationalSecurityWork", LevelInputs::nationalSecurityWork,
            "defenceOrSecuritySystem", LevelInputs::defenceOrSecuritySystem,
            "nationalCriticalDataStore", LevelInputs::nationalCriticalDataStore,
            "primeMinisterDesignated", LevelInputs::primeMinisterDesignated);

    static Predicate<LevelInputs> compile(JsonNode when) {
        if (when == null || !when.isObject() || when.isEmpty()) {
            throw new IllegalStateException("a criterion needs a non-empty 'when' object");
        }
        List<Predicate<LevelInputs>> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : when.properties()) {
            parts.add(condition(e.getKey(), e.getValue()));
        }
        return all(parts);
    }

    @SuppressWarnings("unchecked")
    private static Predicate<LevelInputs> all(List<Predicate<LevelInputs>> parts) {
        Predicate<LevelInputs>[] array = parts.toArray(Predicate[]::new);
        if (array.length == 1) {
            return array[0];
        }
        return inputs -> {
            for (Predicate<LevelInputs> p : array) {
                if (!p.test(inputs)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Predicate<LevelInputs> condition(String key, JsonNode value) {
        if (FLAGS.containsKey(key)) {
            if (!value.isBoolean()) {
                throw new IllegalStateException(key + " must be true or false");
            }
            Function<LevelInputs, Boolean> getter = FLAGS.get(key);
            Boolean expected = value.booleanValue();
            return inputs -> expected.equals(getter.apply(inputs));
        }
        return switch (key) {
            case "systemType" -> oneOf(value, SystemType.class, LevelInputs::systemType);
            case "infrastructureScope" -> oneOf(value, InfrastructureScope.class, LevelInputs::infrastructureScope);
            case "constructionGrade" -> oneOf(value, ConstructionGrade.class, LevelInputs::constructionGrade);
            case "nationalSecurityImpact" -> oneOf(value, NationalSecurityImpact.class,
                    LevelInputs::nationalSecurityImpact);
            case "informationTypesOnly" -> {
                EnumSet<InformationType> allowed = enumSet(value);
                yield inputs -> {
                    Set<InformationType> types = inputs.informationTypes();
                    return types != null && !types.isEmpty() && allowed.containsAll(types);
                };
            }
            case "informationTypesAny" -> {
                EnumSet<InformationType> wanted = enumSet(value);
                yield inputs -> {
                    Set<InformationType> types = inputs.informationTypes();
                    if (types == null) {
                        return false;
                    }
                    for (InformationType t : wanted) {
                        if (types.contains(t)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case "informationTypesNone" -> {
                EnumSet<InformationType> excluded = enumSet(value);
                yield inputs -> {
                    Set<InformationType> types = inputs.informationTypes();
                    if (types == null) {
                        return false;
                    }
                    for (InformationType t : excluded) {
                        if (types.contains(t)) {
                            return false;
                        }
                    }
                    return true;
                };
            }
            case "onlinePublicServiceLevel" -> range(value, LevelInputs::onlinePublicServiceLevel);
            case "personalDataSubjects" -> range(value, LevelInputs::personalDataSubjects);
            case "anyOf" -> {
                if (!value.isArray() || value.isEmpty()) {
                    throw new IllegalStateException("anyOf must be a non-empty array");
                }
                List<Predicate<LevelInputs>> alternatives = new ArrayList<>();
                for (JsonNode alternative : value) {
                    alternatives.add(compile(alternative));
                }
                @SuppressWarnings("unchecked")
                Predicate<LevelInputs>[] array = alternatives.toArray(Predicate[]::new);
                yield inputs -> {
                    for (Predicate<LevelInputs> p : array) {
                        if (p.test(inputs)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            default -> throw new IllegalStateException("unknown condition '" + key + "'");
        };
    }

    private static <E extends Enum<E>> Predicate<LevelInputs> oneOf(JsonNode values, Class<E> type,
                                                                     Function<LevelInputs, E> getter) {
        if (!values.isArray() || values.isEmpty()) {
            throw new IllegalStateException("the allowed values must be a non-empty array");
        }
        EnumSet<E> allowed = EnumSet.noneOf(type);
        boolean undeclaredMatches = false;
        for (JsonNode v : values) {
            if (v.isNull()) {
                undeclaredMatches = true;
            } else {
                allowed.add(Enum.valueOf(type, v.stringValue()));
            }
        }
        boolean nullMatches = undeclaredMatches;
        return inputs -> {
            E actual = getter.apply(inputs);
            return actual == null ? nullMatches : allowed.contains(actual);
        };
    }

    private static EnumSet<InformationType> enumSet(JsonNode values) {
        if (!values.isArray() || values.isEmpty()) {
            throw new IllegalStateException("the information types must be a non-empty array");
        }
        EnumSet<InformationType> set = EnumSet.noneOf(InformationType.class);
        for (JsonNode v : values) {
            set.add(InformationType.valueOf(v.stringValue()));
        }
        return set;
    }

    private static Predicate<LevelInputs> range(JsonNode bounds, Function<LevelInputs, Integer> getter) {
        for (String k : bounds.propertyNames()) {
            if (!k.equals("min") && !k.equals("max")) {
                throw new IllegalStateException("a range has only min and max, not " + k);
            }
        }
        long min = bounds.has("min") ? bounds.get("min").asLong() : Long.MIN_VALUE;
        long max = bounds.has("max") ? bounds.get("max").asLong() : Long.MAX_VALUE;
        return inputs -> {
            Integer actual = getter.apply(inputs);
            return actual != null && actual >= min && actual <= max;
        };
    }
}
