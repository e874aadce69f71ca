package vn.attthub.regime;

import org.springframework.web.util.UriComponentsBuilder;

import java.util.Comparator;
import java.util.List;

/**
 * The classification wizard's address, prefilled with known level inputs (Decree 85/2016 Art 7-11), so that a page
 * about a system can open the wizard with what the registry already knows. Unknown (null) inputs are left out: the
 * wizard shows them as unanswered.
 */
public final class LevelWizardLink {
    public static final String PATH = "/level-wizard";

    private LevelWizardLink() {
    }

    public static String of(LevelInputs in) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(PATH);
        if (in == null) {
            return PATH;
        }
        add(b, "systemType", in.systemType() == null ? null : in.systemType().name());
        if (in.informationTypes() != null) {
            in.informationTypes().stream().sorted(Comparator.comparing(Enum::name))
                    .forEach(t -> b.queryParam("informationTypes", t.name()));
        }
        add(b, "onlinePublicServiceLevel", in.onlinePublicServiceLevel());
        add(b, "conditionalBusinessLine", in.conditionalBusinessLine());
        add(b, "personalDataSubjects", in.personalDataSubjects());
        add(b, "infrastructureScope", in.infrastructureScope() == null ? null : in.infrastructureScope().name());
        add(b, "operates24x7", in.operates24x7());
        add(b, "nationalEGovernment", in.nationalEGovernment());
        add(b, "constructionGrade", in.constructionGrade() == null ? null : in.constructionGrade().name());
        add(b, "nationalSecurityWork", in.nationalSecurityWork());
        add(b, "defenceOrSecuritySystem", in.defenceOrSecuritySystem());
        add(b, "nationalSecurityImpact",
                in.nationalSecurityImpact() == null ? null : in.nationalSecurityImpact().name());
        add(b, "nationalCriticalDataStore", in.nationalCriticalDataStore());
        add(b, "primeMinisterDesignated", in.primeMinisterDesignated());
        List<Integer> components = in.componentLevels() == null ? List.of() : in.componentLevels();
        components.stream().distinct().sorted().forEach(l -> b.queryParam("componentLevels", l));
        return b.encode().build().toUriString();
    }

    private static void add(UriComponentsBuilder b, String name, Object value) {
        if (value != null) {
            b.queryParam(name, value);
        }
    }
}
