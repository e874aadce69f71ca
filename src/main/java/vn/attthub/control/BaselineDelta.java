package vn.attthub.control;

import vn.attthub.control.ControlCatalog.Requirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a (new) approved level changes in a system's baseline: requirements to add, requirements the level no longer
 * needs (kept, marked not required: history is never deleted) and earlier-retired requirements that are needed again.
 *
 * @param added      requirements the system has never had in its baseline
 * @param retired    ids currently required that the new level does not require
 * @param reinstated ids once retired that the new level requires again (their status and evidence are kept)
 */
public record BaselineDelta(List<Requirement> added, List<String> retired, List<String> reinstated) {

    /**
     * @param required requirements of the new level (ControlCatalog.forLevel)
     * @param existing the system's current items: requirement id → currently required
     */
    public static BaselineDelta between(List<Requirement> required, Map<String, Boolean> existing) {
        Set<String> requiredIds = required.stream().map(Requirement::id).collect(Collectors.toSet());
        List<Requirement> added = new ArrayList<>();
        List<String> reinstated = new ArrayList<>();
        for (Requirement r : required) {
            Boolean current = existing.get(r.id());
            if (current == null) added.add(r);
            else if (!current) reinstated.add(r.id());
        }
        List<String> retired = existing.entrySet().stream()
                .filter(e -> e.getValue() && !requiredIds.contains(e.getKey())).map(Map.Entry::getKey).sorted().toList();
        return new BaselineDelta(List.copyOf(added), retired, List.copyOf(reinstated));
    }

    public boolean empty() {
        return added.isEmpty() && retired.isEmpty() && reinstated.isEmpty();
    }
}
