package vn.attthub.incident;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.attthub.TestCallers;
import vn.attthub.TestCallers.Agency;
import vn.attthub.TestCallers.Caller;
import vn.attthub.IntegrationTest;
import vn.attthub.shared.Role;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.attthub.incident.IncidentFixtures.json;
import static vn.attthub.incident.IncidentFixtures.notice;

/**
 * Observables as deduplicated canonical rows (issue 4 §3): filing, adding, alert promotion and merge; the search
 * across cases; "seen in N other incidents" counted only over cases and items the caller may see, across two
 * provinces, with a TLP:RED case and a TLP:RED item that must never be counted, listed or hinted at.
 */
@IntegrationTest
class ObservableApiIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    IncidentFixtures f;
    IncidentFixtures f2;
    Caller operator;
    Caller operator2;
    Caller coordinator;
    String tag;

    @BeforeEach
    void setUp() {
        TestCallers callers = new TestCallers(jdbc, port);
        f = new IncidentFixtures(jdbc, callers);
        f2 = new IncidentFixtures(jdbc, callers);
        operator = callers.caller(f.owner, Role.SYSTEM_OPERATOR);
        operator2 = callers.caller(f2.owner, Role.SYSTEM_OPERATOR);
        coordinator = f.coordinatorUser();
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    static String recent() {
        return OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(2).withNano(0).toString();
    }

    HttpResponse<String> file(Caller c, UUID system, String tlp, String observables) {
        return f.callers.postJson("/api/v1/incidents", c.token(), notice(system, tlp, false, recent())
                .replace("\"observables\":[{\"type\":\"IP\",\"value\":\"203.0.113.7\"}]", "\"observables\":" + observables));
    }

    String filed(Caller c, UUID system, String tlp, String observables) {
        var r = file(c, system, tlp, observables);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asString();
    }

    JsonNode observables(String incident, Caller c) {
        var r = f.callers.get("/api/v1/incidents/" + incident + "/observables", c.token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("items");
    }

    static JsonNode find(JsonNode items, String type, String value) {
        for (JsonNode i : items) {
            if (i.get("type").asString().equals(type) && i.get("value").asString().equals(value)) return i;
        }
        throw new AssertionError(type + " " + value + " not in " + items);
    }

    @Test
    void filingStoresCanonicalDeduplicatedRowsAndTheApiRefusesValuesThatDoNotFitTheirType() {
        String sha = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855";
        String id = filed(operator, f.system, "AMBER", "[{\"type\":\"DOMAIN\",\"value\":\"C2-" + tag + ".EXAMPLE.\"},"
                + "{\"type\":\"domain\",\"value\":\"c2-" + tag + ".example\"},"
                + "{\"type\":\"IP\",\"value\":\"2001:DB8:0:0:0:0:0:1\"},"
                + "{\"type\":\"FILE_HASH\",\"value\":\"" + sha + "\"},"
                + "{\"type\":\"URL\",\"value\":\"HTTPS://C2-" + tag + ".example\"},"
                + "{\"type\":\"OTHER\",\"value\":\"Emotet " + tag + "\"},"
                + "{\"type\":\"EMAIL\",\"value\":\"Phish@C2-" + tag + ".example\",\"tlp\":\"GREEN\"}]");
        JsonNode items = observables(id, operator);
        assertThat(items).hasSize(6); // the two spellings of the domain are one row
        JsonNode domain = find(items, "DOMAIN", "c2-" + tag + ".example");
        assertThat(domain.get("rawValue").asString()).isEqualTo("C2-" + tag + ".EXAMPLE.");
        assertThat(domain.get("tlp").asString()).isEqualTo("AMBER"); // the case's marking by default
        assertThat(domain.get("addedBy").asString()).isNotBlank();
        assertThat(domain.get("seenInOtherIncidents").asLong()).isZero();
        find(items, "IP", "2001:db8::1");
        assertThat(find(items, "FILE_HASH", sha.toLowerCase()).get("hashAlgorithm").asString()).isEqualTo("sha256");
        find(items, "URL", "https://c2-" + tag + ".example/");
        find(items, "OTHER", "Emotet " + tag);
        assertThat(find(items, "EMAIL", "Phish@c2-" + tag + ".example").get("tlp").asString()).isEqualTo("GREEN");
        assertThat(json(f.callers.get("/api/v1/incidents/" + id, operator.token())).get("observables")).hasSize(6);

        // adding: a known value (another spelling) is kept once, a new one is added, with timeline and audit
        var added = f.callers.postJson("/api/v1/incidents/" + id + "/observables", operator.token(),
                "{\"observables\":[{\"type\":\"DOMAIN\",\"value\":\"c2-" + tag + ".Example.\"},"
                        + "{\"type\":\"IP\",\"value\":\"198.51.100.201\",\"tlp\":\"CLEAR\"}]}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(json(added).get("items")).hasSize(7);
        assertThat(jdbc.sql("SELECT count(*) FROM incident_event WHERE incident_id = ?::uuid AND kind = 'OBSERVABLES_ADDED'")
                .param(id).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE target_id = ? AND action = 'incident.observables.added'")
                .param(id).query(Long.class).single()).isEqualTo(1);

        // API decision: an explicit type with a value that does not fit → 400 at observables[i].value
        var bad = f.callers.postJson("/api/v1/incidents/" + id + "/observables", operator.token(),
                "{\"observables\":[{\"type\":\"IP\",\"value\":\"198.51.100.1\"},{\"type\":\"IP\",\"value\":\"example.com\"}]}");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(bad.body()).contains("observables[1].value").doesNotContain("observables[0]");
        var badFiling = file(operator, f.system, "AMBER", "[{\"type\":\"FILE_HASH\",\"value\":\"abc\"}]");
        assertThat(badFiling.statusCode()).isEqualTo(400);
        assertThat(badFiling.body()).contains("observables[0].value");
        assertThat(f.callers.postJson("/api/v1/incidents/" + id + "/observables", operator.token(), "{}").statusCode())
                .isEqualTo(400);
        // another province's operator does not see the case: 404, and a viewer may not add: 403
        assertThat(f.callers.postJson("/api/v1/incidents/" + id + "/observables", operator2.token(),
                "{\"observables\":[{\"type\":\"IP\",\"value\":\"198.51.100.1\"}]}").statusCode()).isEqualTo(404);
        Caller viewer = f.callers.caller(f.province, Role.VIEWER);
        assertThat(f.callers.postJson("/api/v1/incidents/" + id + "/observables", viewer.token(),
                "{\"observables\":[{\"type\":\"IP\",\"value\":\"198.51.100.1\"}]}").statusCode()).isEqualTo(403);
    }

    @Test
    void seenInOtherIncidentsAndSearchCountOnlyCasesAndItemsTheCallerMaySee() {
        String d = "c2-" + tag + ".example";
        String obs = "[{\"type\":\"DOMAIN\",\"value\":\"" + d + "\"}]";
        String a = filed(operator, f.system, "AMBER", obs);                                   // province 1
        String b = filed(operator2, f2.system, "RED", "[{\"type\":\"DOMAIN\",\"value\":\"C2-" + tag.toUpperCase()
                + ".example.\"}]");                                                           // province 2, TLP:RED case
        String c = filed(operator2, f2.system, "GREEN", obs);                                 // province 2
        String redItem = filed(operator, f.system, "GREEN", "[{\"type\":\"DOMAIN\",\"value\":\"" + d
                + "\",\"tlp\":\"RED\"}]");                                                    // province 1, TLP:RED item

        // a national analyst (granted at the root, named on none of the cases) sees A and C, never B nor the RED item
        Agency desk = f.callers.agency(f.root, "UNIT", "Phòng phân tích quốc gia " + tag);
        Caller analyst = f.user(desk.id(), Role.INCIDENT_RESPONDER, f.root.id());
        assertThat(f.callers.get("/api/v1/incidents/" + b, analyst.token()).statusCode()).isEqualTo(404);
        assertThat(find(observables(a, analyst), "DOMAIN", d).get("seenInOtherIncidents").asLong()).isEqualTo(1);
        assertThat(observables(redItem, analyst)).isEmpty(); // the case is visible, its RED item is not
        var search = f.callers.get("/api/v1/observables?value=" + "C2-" + tag.toUpperCase() + ".Example.", analyst.token());
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        JsonNode s = json(search);
        assertThat(s.get("canonical").findValuesAsString("value")).contains(d);
        assertThat(s.get("items").findValuesAsString("incidentId")).containsExactlyInAnyOrder(a, c);
        assertThat(s.get("total").asLong()).isEqualTo(2);
        assertThat(search.body()).doesNotContain(b).doesNotContain(redItem);
        var except = json(f.callers.get("/api/v1/observables?value=" + d + "&except=" + a, analyst.token()));
        assertThat(except.get("items").findValuesAsString("incidentId")).containsExactly(c);

        // the coordinator is a named recipient of every case: all three others count
        assertThat(find(observables(a, coordinator), "DOMAIN", d).get("seenInOtherIncidents").asLong()).isEqualTo(3);
        // province 2's operator (reporter of B and C) sees B from C, nothing of province 1
        assertThat(find(observables(c, operator2), "DOMAIN", d).get("seenInOtherIncidents").asLong()).isEqualTo(1);
        assertThat(json(f.callers.get("/api/v1/observables?value=" + d, operator2.token())).get("items")
                .findValuesAsString("incidentId")).containsExactlyInAnyOrder(b, c);
        // province 1's operator is the reporter of the RED-item case, so it counts for them; B and C do not
        assertThat(find(observables(a, operator), "DOMAIN", d).get("seenInOtherIncidents").asLong()).isEqualTo(1);
        List<String> seen = new ArrayList<>(json(f.callers.get("/api/v1/observables?value=" + d, operator.token()))
                .get("items").findValuesAsString("incidentId"));
        assertThat(seen).containsExactlyInAnyOrder(a, redItem);
    }

    @Test
    void searchValidatesItsQuery() {
        Caller viewer = f.callers.caller(f.province, Role.VIEWER);
        var none = f.callers.get("/api/v1/observables", viewer.token());
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("\"value\"");
        assertThat(f.callers.get("/api/v1/observables?value=x&type=MAC", viewer.token()).body()).contains("type");
        assertThat(f.callers.get("/api/v1/observables?value=example.com&type=IP", viewer.token()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void alertObservablesAreValidatedAtIntakeAndCanonicalisedOnPromotionAndMerge() {
        Caller soc = f.callers.caller(f.province, Role.INCIDENT_RESPONDER);
        String alert = "{\"agencyId\":\"" + f.owner.id() + "\",\"source\":\"wazuh-obs\",\"sourceRef\":\"%s\","
                + "\"title\":\"C2 beacon\",\"detectedAt\":\"" + recent() + "\",\"systemId\":\"" + f.system + "\","
                + "\"observables\":%s}";
        var bad = f.callers.postJson("/api/v1/alerts", soc.token(), alert.formatted("bad-" + tag,
                "[{\"type\":\"IP\",\"value\":\"not-an-ip\"}]"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("observables[0].value");
        var one = f.callers.postJson("/api/v1/alerts", soc.token(), alert.formatted("one-" + tag,
                "[{\"type\":\"domain\",\"value\":\"C2-" + tag + ".EXAMPLE.\"}]"));
        assertThat(one.statusCode()).as(one.body()).isEqualTo(201);
        var promoted = f.callers.postJson("/api/v1/alerts/" + json(one).get("id").asString() + "/promotion", soc.token(),
                "{\"category\":\"intrusion-attempts/brute-force\",\"tlp\":\"AMBER\"}");
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(201);
        String incident = json(promoted).get("id").asString();
        find(observables(incident, soc), "DOMAIN", "c2-" + tag + ".example");

        var two = f.callers.postJson("/api/v1/alerts", soc.token(), alert.formatted("two-" + tag,
                "[{\"type\":\"DOMAIN\",\"value\":\"c2-" + tag + ".example\"},{\"type\":\"URL\",\"value\":\"http://C2-"
                        + tag + ".example:8080?q=1\"}]"));
        var merged = f.callers.postJson("/api/v1/alerts/" + json(two).get("id").asString() + "/merge", soc.token(),
                "{\"incidentId\":\"" + incident + "\"}");
        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
        JsonNode items = observables(incident, soc);
        assertThat(items).hasSize(2);
        find(items, "URL", "http://c2-" + tag + ".example:8080/?q=1");
    }
}
