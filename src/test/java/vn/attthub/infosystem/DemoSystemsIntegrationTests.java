package vn.attthub.infosystem;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import vn.attthub.IntegrationTest;
import vn.attthub.infosystem.SystemFixtures.Client;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo systems come with the demo agencies (their codes are a contract with the dossier module, see
 * docs/demo-data.md), with level inputs and inventories that name real products.
 */
@IntegrationTest
@TestPropertySource(properties = "attt.demo-data=true")
class DemoSystemsIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    InformationSystems informationSystems;

    @Test
    void demoAgenciesGetTheFiveDemoSystemsWithInventories() {
        Client admin = new Client(port, IntegrationTest.BOOTSTRAP_TOKEN);
        JsonNode page = admin.get("/api/v1/systems?q=HT-&limit=100").json();
        List<String> codes = new ArrayList<>();
        page.get("items").forEach(i -> codes.add(i.get("code").asString()));
        assertThat(codes).contains("HT-LAO-CAI-DVC", "HT-HA-NOI-QLVB", "HT-BYT-EMAIL", "HT-TAY-NINH-TTDL",
                "HT-HA-NOI-SCADA-NUOC");
        for (JsonNode item : page.get("items")) {
            assertThat(item.get("demo").asBoolean()).isTrue();
            assertThat(item.get("softwareItems").asInt()).as(item.get("code").asString()).isGreaterThanOrEqualTo(3);
        }

        JsonNode portal = admin.get("/api/v1/systems/" + id("HT-LAO-CAI-DVC")).json();
        assertThat(portal.get("owner").get("code").asString()).isEqualTo("T-LAO-CAI");
        assertThat(portal.get("operator").get("code").asString()).isEqualTo("T-LAO-CAI-SKHCN");
        assertThat(portal.get("securityUnit").get("code").asString()).isEqualTo("T-LAO-CAI-SKHCN");
        assertThat(portal.get("levelInputs").get("onlinePublicServiceLevel").asInt()).isEqualTo(4);
        JsonNode scada = admin.get("/api/v1/systems/" + id("HT-HA-NOI-SCADA-NUOC")).json();
        assertThat(scada.get("systemType").asString()).isEqualTo("INDUSTRIAL_CONTROL");
        assertThat(scada.get("levelInputs").get("constructionGrade").asString()).isEqualTo("II");
        JsonNode email = admin.get("/api/v1/systems/" + id("HT-BYT-EMAIL")).json();
        assertThat(email.get("securityUnit").get("code").asString()).isEqualTo("BYT-CNTT");

        // the log4j purl and the Exchange CPE are stored where early warnings will look for them
        assertThat(jdbc.sql("SELECT count(*) FROM software_item WHERE purl_type = 'maven' AND purl_namespace = "
                + "'org.apache.logging.log4j' AND purl_name = 'log4j-core'").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM software_item WHERE cpe_vendor = 'microsoft' AND cpe_product = "
                + "'exchange_server'").query(Long.class).single()).isEqualTo(1);
        // no level is approved by demo data: dossiers decide levels
        assertThat(informationSystems.find(id("HT-TAY-NINH-TTDL")).orElseThrow().approvedLevel()).isNull();
        // a viewer of Lào Cai sees only Lào Cai's system
        var laoCai = jdbc.sql("SELECT id, code, path FROM agency WHERE code = 'T-LAO-CAI'")
                .query((rs, i) -> new vn.attthub.TestCallers.Agency(rs.getObject(1, java.util.UUID.class),
                        rs.getString(2), rs.getString(3))).single();
        Client viewer = new Client(port, new vn.attthub.TestCallers(jdbc, port).caller(laoCai,
                vn.attthub.shared.Role.VIEWER).token());
        List<String> visible = new ArrayList<>();
        viewer.get("/api/v1/systems").json().get("items").forEach(i -> visible.add(i.get("code").asString()));
        assertThat(visible).containsExactly("HT-LAO-CAI-DVC");
    }

    java.util.UUID id(String code) {
        return jdbc.sql("SELECT id FROM information_system WHERE code = ?").param(code).query(java.util.UUID.class)
                .single();
    }
}
