package vn.attthub.regime.web;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import vn.attthub.regime.ConstructionGrade;
import vn.attthub.regime.InformationType;
import vn.attthub.regime.InfrastructureScope;
import vn.attthub.regime.LevelInputs;
import vn.attthub.regime.LevelWizardLink;
import vn.attthub.regime.NationalSecurityImpact;
import vn.attthub.regime.SystemType;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A system's level inputs survive the trip through the wizard link: the wizard reads back what the link wrote. */
class LevelWizardLinkTests {
    static LevelInputs read(String link) {
        var params = UriComponentsBuilder.fromUriString(link).build().getQueryParams();
        var decoded = new LinkedMultiValueMap<String, String>();
        params.forEach((k, vs) -> vs.forEach(v -> decoded.add(k, UriUtils.decode(v, StandardCharsets.UTF_8))));
        Map<String, String> errors = new LinkedHashMap<>();
        LevelInputs in = LevelWizardPages.inputs(new LevelWizardPages.Answers(decoded), errors);
        assertThat(errors).isEmpty();
        return in;
    }

    @Test
    void everyKnownInputIsCarried() {
        InformationType[] types = InformationType.values();
        LevelInputs full = new LevelInputs(SystemType.CITIZEN_BUSINESS_SERVICE, Set.of(types[0], types[types.length - 1]),
                3, true, 1_200_000, InfrastructureScope.values()[0], false, true, ConstructionGrade.values()[0],
                false, false, NationalSecurityImpact.values()[0], true, false, List.of(2, 3));
        String link = LevelWizardLink.of(full);
        assertThat(link).startsWith("/level-wizard?systemType=CITIZEN_BUSINESS_SERVICE&informationTypes=");
        assertThat(read(link)).isEqualTo(full);
    }

    @Test
    void unknownInputsStayUnansweredAndNoInputsMeanAnEmptyWizard() {
        LevelInputs sparse = new LevelInputs(SystemType.INTERNAL_OPERATIONS, Set.of(), null, null, null, null,
                null, null, null, null, null, null, null, null, List.of());
        assertThat(LevelWizardLink.of(sparse)).isEqualTo("/level-wizard?systemType=INTERNAL_OPERATIONS");
        LevelInputs back = read(LevelWizardLink.of(sparse));
        assertThat(back.systemType()).isEqualTo(SystemType.INTERNAL_OPERATIONS);
        assertThat(back.onlinePublicServiceLevel()).isNull();
        assertThat(back.operates24x7()).isNull();
        assertThat(LevelWizardLink.of(null)).isEqualTo("/level-wizard");
    }
}
