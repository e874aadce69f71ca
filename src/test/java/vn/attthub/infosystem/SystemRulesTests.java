package vn.attthub.infosystem;

import org.junit.jupiter.api.Test;
import vn.attthub.regime.InformationType;
import vn.attthub.regime.SystemType;
import vn.attthub.shared.InvalidInputException.FieldError;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SystemRulesTests {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    static final UUID SELF = UUID.randomUUID();

    static SystemDraft draft(Lifecycle lifecycle, LocalDate goLive, Hosting hosting, UUID providerId,
                             String providerName, List<UUID> components) {
        return new SystemDraft("HT-1", "Hệ thống", null, UUID.randomUUID(), UUID.randomUUID(), SystemType.OTHER,
                Set.of(InformationType.PUBLIC), null, lifecycle, goLive, hosting, providerId, providerName, components,
                List.of(), List.of(), List.of());
    }

    static List<String> fields(SystemDraft d) {
        return SystemRules.check(d, SELF, TODAY).errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aSystemInOperationHasAGoLiveDateNotInTheFuture() {
        assertThat(fields(draft(Lifecycle.PLANNED, null, Hosting.ON_PREMISES, null, null, List.of()))).isEmpty();
        assertThat(fields(draft(Lifecycle.PLANNED, TODAY.plusYears(1), Hosting.ON_PREMISES, null, null, List.of())))
                .isEmpty();
        assertThat(fields(draft(Lifecycle.OPERATING, null, Hosting.ON_PREMISES, null, null, List.of())))
                .containsExactly("goLiveDate");
        assertThat(fields(draft(Lifecycle.RETIRED, null, Hosting.ON_PREMISES, null, null, List.of())))
                .containsExactly("goLiveDate");
        assertThat(fields(draft(Lifecycle.OPERATING, TODAY.plusDays(1), Hosting.ON_PREMISES, null, null, List.of())))
                .containsExactly("goLiveDate");
        assertThat(fields(draft(Lifecycle.OPERATING, TODAY, Hosting.ON_PREMISES, null, null, List.of()))).isEmpty();
    }

    @Test
    void cloudAndLeasedServicesNameTheirProviderAndOnPremisesHasNone() {
        LocalDate day = TODAY.minusYears(1);
        assertThat(fields(draft(Lifecycle.OPERATING, day, Hosting.CLOUD, null, null, List.of())))
                .containsExactly("hostingProviderId");
        assertThat(fields(draft(Lifecycle.OPERATING, day, Hosting.LEASED_SERVICE, null, "VNPT", List.of()))).isEmpty();
        assertThat(fields(draft(Lifecycle.OPERATING, day, Hosting.CLOUD, UUID.randomUUID(), null, List.of()))).isEmpty();
        assertThat(fields(draft(Lifecycle.OPERATING, day, Hosting.DATA_CENTRE, null, null, List.of()))).isEmpty();
        assertThat(fields(draft(Lifecycle.OPERATING, day, Hosting.ON_PREMISES, null, "VNPT", List.of())))
                .containsExactly("hostingProviderId");
        assertThat(fields(draft(Lifecycle.OPERATING, day, Hosting.CLOUD, UUID.randomUUID(), "VNPT", List.of())))
                .containsExactly("hostingProviderName");
    }

    @Test
    void aSystemIsNotItsOwnComponentAndComponentsAreNotRepeated() {
        UUID other = UUID.randomUUID();
        assertThat(fields(draft(Lifecycle.PLANNED, null, Hosting.ON_PREMISES, null, null, List.of(SELF, other, other))))
                .containsExactly("componentIds[0]", "componentIds[2]");
    }
}
