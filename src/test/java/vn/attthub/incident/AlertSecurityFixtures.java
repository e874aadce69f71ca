package vn.attthub.incident;

import org.springframework.jdbc.core.simple.JdbcClient;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.TestCallers.Agency;

import java.util.UUID;

/** Alerts in a given province for the generated security tests, ingested through the API as the bootstrap admin. */
public final class AlertSecurityFixtures {
    private AlertSecurityFixtures() {
    }

    /** A NEW alert ingested for {@code unit} (in province A); its id. */
    public static String alert(TestCallers callers, JdbcClient jdbc, Agency unit) {
        IncidentFixtures.coordinator(jdbc, callers);
        var r = callers.postJson("/api/v1/alerts", IntegrationTest.BOOTSTRAP_TOKEN,
                "{\"agencyId\":\"" + unit.id() + "\",\"source\":\"soc-test\",\"sourceRef\":\"" + UUID.randomUUID()
                        + "\",\"title\":\"Quét cổng bất thường\",\"affectedAsset\":\"203.0.113.9\"}");
        if (r.statusCode() != 201) throw new AssertionError(r.body());
        return IncidentFixtures.json(r).get("id").asString();
    }
}
