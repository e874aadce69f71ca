package vn.attthub.organisation;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import vn.attthub.IntegrationTest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data with the real 2025 provincial merger list (National Assembly Resolution 202/2025/QH15, new units from
 * 01/07/2025) and the 01/03/2025 transfer of national security roles from the Ministry of Information and
 * Communications to the Ministry of Public Security. Runs in its own context with {@code attt.demo-data=true}.
 */
@IntegrationTest
@TestPropertySource(properties = "attt.demo-data=true")
@Import(DemoAgenciesIntegrationTests.EventProbe.class)
class DemoAgenciesIntegrationTests {
    @TestConfiguration
    static class EventProbe {
        static final AtomicInteger published = new AtomicInteger();

        @EventListener
        void on(DemoAgenciesLoaded event) {
            published.incrementAndGet();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AgencyDirectory directory;
    @Autowired
    AgencyRoles roles;
    @Autowired
    DemoAgencies demo;

    JsonNode byCode(ApiClient api, String code) {
        for (JsonNode item : api.get("/api/v1/agencies?q=" + code + "&limit=5").json().get("items")) {
            if (item.get("code").asString().equals(code)) {
                return api.get("/api/v1/agencies/" + item.get("id").asString()).json();
            }
        }
        throw new AssertionError("no agency " + code);
    }

    List<String> provincialUnits(ApiClient api, String asOf) {
        List<String> codes = new ArrayList<>();
        for (String kind : List.of("PROVINCE", "CITY")) {
            JsonNode page = api.get("/api/v1/agencies?kind=" + kind + "&limit=500&asOf=" + asOf).json();
            page.get("items").forEach(i -> codes.add(i.get("code").asString()));
        }
        return codes;
    }

    @Test
    void loadsTheRealProvincialMergerWithSuccessors() {
        ApiClient api = ApiClient.admin(port);
        JsonNode laoCaiOld = byCode(api, "T-LAO-CAI-2025CU");
        assertThat(laoCaiOld.get("validTo").asString()).isEqualTo("2025-06-30");
        assertThat(laoCaiOld.get("successors").get(0).get("code").asString()).isEqualTo("T-LAO-CAI");
        assertThat(byCode(api, "T-YEN-BAI-2025CU").get("successors").get(0).get("code").asString()).isEqualTo("T-LAO-CAI");
        JsonNode laoCai = byCode(api, "T-LAO-CAI");
        assertThat(laoCai.get("validFrom").asString()).isEqualTo("2025-07-01");
        List<String> predecessors = new ArrayList<>();
        laoCai.get("predecessors").forEach(p -> predecessors.add(p.get("code").asString()));
        assertThat(predecessors).containsExactly("T-LAO-CAI-2025CU", "T-YEN-BAI-2025CU");
        JsonNode tayNinh = byCode(api, "T-TAY-NINH");
        List<String> tnPredecessors = new ArrayList<>();
        tayNinh.get("predecessors").forEach(p -> tnPredecessors.add(p.get("code").asString()));
        assertThat(tnPredecessors).containsExactly("T-LONG-AN-2025CU", "T-TAY-NINH-2025CU");
        assertThat(tayNinh.get("predecessors").get(0).get("legalBasis").asString()).contains("202/2025/QH15");

        JsonNode haNoi = byCode(api, "T-HA-NOI");
        assertThat(haNoi.get("validTo").isNull()).isTrue();
        assertThat(haNoi.get("predecessors")).isEmpty();
        assertThat(directory.findByCode("T-HA-NOI-2025CU")).isEmpty();
        assertThat(byCode(api, "T-HO-CHI-MINH").get("predecessors")).hasSize(3);

        // 63 provincial units before the merger, 34 after (Resolution 202/2025/QH15)
        List<String> before = provincialUnits(api, "2025-06-01");
        List<String> after = provincialUnits(api, "2025-07-01");
        assertThat(before).hasSize(63).contains("T-LAO-CAI-2025CU", "T-YEN-BAI-2025CU", "T-TAY-NINH-2025CU",
                "T-LONG-AN-2025CU", "T-HA-NOI", "T-HUE").doesNotContain("T-LAO-CAI", "T-TAY-NINH");
        assertThat(after).hasSize(34).contains("T-LAO-CAI", "T-TAY-NINH", "T-HA-NOI", "T-HUE")
                .doesNotContain("T-LAO-CAI-2025CU", "T-LONG-AN-2025CU");
        // Thừa Thiên Huế became the centrally-run city of Huế on 01/01/2025
        assertThat(provincialUnits(api, "2024-12-31")).contains("T-THUA-THIEN-HUE-2025CU").doesNotContain("T-HUE");
    }

    @Test
    void nationalRolesMoveFromTheMinistryOfInformationToPublicSecurityOn1March2025() {
        LocalDate lastDay = LocalDate.of(2025, 2, 28), firstDay = LocalDate.of(2025, 3, 1);
        assertThat(roles.holderOf(AgencyRoleKind.NATIONAL_COORDINATOR, null, lastDay)).get()
                .extracting(AgencySummary::code).isEqualTo("BTTTT-VNCERT");
        assertThat(roles.holderOf(AgencyRoleKind.NATIONAL_COORDINATOR, null, firstDay)).get()
                .extracting(AgencySummary::code).isEqualTo("BCA-TTANM");
        assertThat(roles.holderOf(AgencyRoleKind.NATIONAL_APPRAISAL_AUTHORITY, null, lastDay)).get()
                .extracting(AgencySummary::code).isEqualTo("BTTTT-CATTT");
        assertThat(roles.holderOf(AgencyRoleKind.NATIONAL_APPRAISAL_AUTHORITY, null, firstDay)).get()
                .extracting(AgencySummary::code).isEqualTo("BCA-A05");
        assertThat(roles.holderOf(AgencyRoleKind.STANDING_BODY, null, firstDay)).get()
                .extracting(AgencySummary::code).isEqualTo("BCA-A05");
        assertThat(directory.findByCode("BTTTT").orElseThrow().validTo()).isEqualTo(lastDay);

        var laoCai = directory.findByCode("T-LAO-CAI").orElseThrow().id();
        assertThat(roles.holderOf(AgencyRoleKind.SECURITY_UNIT, laoCai, LocalDate.of(2025, 8, 1))).get()
                .extracting(AgencySummary::code).isEqualTo("T-LAO-CAI-SKHCN");
        assertThat(roles.holderOf(AgencyRoleKind.IR_UNIT, directory.findByCode("BYT").orElseThrow().id(), firstDay))
                .get().extracting(AgencySummary::code).isEqualTo("BYT-CNTT");
        assertThat(roles.holdersOf(AgencyRoleKind.SYSTEM_OWNER, LocalDate.of(2025, 7, 1)))
                .extracting(AgencySummary::code).contains("BCA", "BYT", "BKHCN", "T-HA-NOI", "T-TAY-NINH")
                .doesNotContain("BTTTT", "T-TAY-NINH-2025CU");
        // a province's incident-response unit also serves the province's own departments (QD05 Art 6)
        assertThat(roles.nearestHolderFor(AgencyRoleKind.IR_UNIT, directory.findByCode("T-HA-NOI-SYT").orElseThrow().id(),
                firstDay)).get().extracting(AgencySummary::code).isEqualTo("T-HA-NOI-SKHCN");
        assertThat(roles.nearestHolderFor(AgencyRoleKind.IR_UNIT, directory.findByCode("T-HA-NOI-SYT").orElseThrow().id(),
                LocalDate.of(2025, 2, 1))).isEmpty();
        assertThat(roles.holdersOf(AgencyRoleKind.SERVICE_PROVIDER, firstDay)).extracting(AgencySummary::code)
                .containsExactly("VNPT-IDC");
    }

    /**
     * The look-up an incident notice is routed with (Decision 05/2017 Art 11.5: the IR unit serving the owner and the
     * national coordinator, from the notice's registry snapshot) answers as the two separate look-ups, on both sides of
     * the 1 March 2025 transfer of the national roles and for an agency with no IR unit on the date.
     */
    @Test
    void holdersForAnswersAsTheNearestServingAndTheNationalLookUps() {
        RegistrySnapshot registry = directory.snapshot();
        for (String code : List.of("T-HA-NOI-SYT", "T-HA-NOI", "BYT", "T-LAO-CAI", "VNPT-IDC")) {
            var agency = directory.findByCode(code).orElseThrow().id();
            for (LocalDate date : List.of(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 2, 28), LocalDate.of(2025, 3, 1),
                    LocalDate.of(2025, 8, 1))) {
                AgencyRoles.Holders both = registry.holdersFor(AgencyRoleKind.IR_UNIT, agency,
                        AgencyRoleKind.NATIONAL_COORDINATOR, date);
                assertThat(both.serving()).as(code + " " + date)
                        .isEqualTo(roles.nearestHolderFor(AgencyRoleKind.IR_UNIT, agency, date));
                assertThat(both.national()).as(code + " " + date)
                        .isEqualTo(roles.holderOf(AgencyRoleKind.NATIONAL_COORDINATOR, null, date));
            }
        }
        var hanoiHealth = directory.findByCode("T-HA-NOI-SYT").orElseThrow().id();
        AgencyRoles.Holders after = registry.holdersFor(AgencyRoleKind.IR_UNIT, hanoiHealth,
                AgencyRoleKind.NATIONAL_COORDINATOR, LocalDate.of(2025, 3, 1));
        assertThat(after.serving()).get().extracting(AgencySummary::code).isEqualTo("T-HA-NOI-SKHCN");
        assertThat(after.national()).get().extracting(AgencySummary::code).isEqualTo("BCA-TTANM");
        assertThat(registry.holdersFor(AgencyRoleKind.IR_UNIT, null, AgencyRoleKind.NATIONAL_COORDINATOR,
                LocalDate.of(2025, 2, 28)).national()).get().extracting(AgencySummary::code).isEqualTo("BTTTT-VNCERT");
    }

    @Test
    void everyDemoRowIsFlaggedTheLoadIsIdempotentAndAnnounced() {
        for (String code : List.of("BCA", "BCA-A05", "BCA-TTANM", "BTTTT", "BTTTT-CATTT", "BTTTT-VNCERT", "BKHCN", "BYT",
                "BYT-CNTT", "VNPT-IDC", "T-HA-NOI-SKHCN", "T-HA-NOI-VP", "T-HA-NOI-SYT", "T-HA-NOI-XA1",
                "T-LAO-CAI-SKHCN", "T-TAY-NINH-XA1")) {
            assertThat(directory.findByCode(code)).as(code).isPresent();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM agency WHERE NOT demo AND code <> 'CP'").query(Integer.class).single())
                .isZero();
        int agencies = jdbc.sql("SELECT count(*) FROM agency").query(Integer.class).single();
        assertThat(demo.load()).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM agency").query(Integer.class).single()).isEqualTo(agencies);
        assertThat(EventProbe.published.get()).isEqualTo(1);

        ApiClient api = ApiClient.admin(port);
        JsonNode contacts = api.get("/api/v1/agencies/" + directory.findByCode("T-HA-NOI").orElseThrow().id()
                + "/contacts").json().get("items");
        assertThat(contacts).hasSize(3);
        contacts.forEach(c -> assertThat(c.get("email").asString()).endsWith("@example.gov.vn"));
    }
}
