package vn.attthub.incident;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.TestCallers.Caller;
import vn.attthub.shared.Role;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.attthub.incident.IncidentFixtures.json;

/** Machine intake of SOC alerts over HTTP (issue 4 §3): upsert by key, scope, promotion, merge, dismissal. */
@IntegrationTest
class AlertApiIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    IncidentFixtures f;
    Caller soc;
    Caller analyst;
    Caller viewer;
    String ref;
    String detectedAt;

    @BeforeEach
    void setUp() {
        f = new IncidentFixtures(jdbc, new TestCallers(jdbc, port));
        soc = f.callers.caller(f.province, Role.INCIDENT_RESPONDER);
        analyst = f.callers.caller(f.province, Role.INCIDENT_RESPONDER);
        viewer = f.callers.caller(f.province, Role.VIEWER);
        ref = "WZ-" + UUID.randomUUID();
        detectedAt = recent();
    }

    static String recent() {
        return OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(2).withNano(0).toString();
    }

    String alert(String title, String severity) {
        return "{\"agencyId\":\"" + f.owner.id() + "\",\"source\":\"wazuh-hcm\",\"sourceRef\":\"" + ref + "\","
                + "\"title\":\"" + title + "\",\"description\":\"Nhiều lần đăng nhập thất bại từ một IP\","
                + "\"severityHint\":\"" + severity + "\",\"detectedAt\":\"" + detectedAt + "\",\"systemId\":\""
                + f.system + "\",\"observables\":[{\"type\":\"ip\",\"value\":\"198.51.100.23\"}],"
                + "\"raw\":{\"rule\":{\"id\":5712,\"level\":10}}}";
    }

    HttpResponse<String> post(Caller c, String path, String body) {
        return f.callers.postJson(path, c.token(), body);
    }

    @Test
    void aRepeatedKeyUpdatesTheAlertAndNeverDuplicatesIt() {
        HttpResponse<String> first = post(soc, "/api/v1/alerts", alert("Dò mật khẩu SSH", "MEDIUM"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode a = json(first);
        assertThat(a.get("status").asString()).isEqualTo("NEW");
        assertThat(a.get("seenCount").asInt()).isEqualTo(1);
        assertThat(a.get("observables").get(0).get("type").asString()).isEqualTo("IP");
        assertThat(a.get("raw").get("rule").get("id").asInt()).isEqualTo(5712);
        assertThat(first.headers().firstValue("Location").orElseThrow()).endsWith("/api/v1/alerts/" + a.get("id").asString());

        HttpResponse<String> again = post(soc, "/api/v1/alerts", alert("Dò mật khẩu SSH thành công", "HIGH"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode b = json(again);
        assertThat(b.get("id").asString()).isEqualTo(a.get("id").asString());
        assertThat(b.get("seenCount").asInt()).isEqualTo(2);
        List<String> changed = new ArrayList<>();
        b.get("changedFields").forEach(x -> changed.add(x.asString()));
        assertThat(changed).containsExactlyInAnyOrder("title", "severityHint");
        assertThat(b.get("title").asString()).isEqualTo("Dò mật khẩu SSH thành công");
        assertThat(b.get("lastSeenAt").asString()).isGreaterThanOrEqualTo(a.get("lastSeenAt").asString());
        assertThat(jdbc.sql("SELECT count(*) FROM alert WHERE source_ref = ?").params(ref).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void concurrentPostsOfOneKeyMakeOneAlert() throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(() -> post(soc, "/api/v1/alerts", alert("Dò mật khẩu SSH", "MEDIUM")).statusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> r : pool.invokeAll(calls)) codes.add(r.get());
            assertThat(codes).containsOnly(200, 201);
            assertThat(codes.stream().filter(c -> c == 201).count()).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("SELECT seen_count FROM alert WHERE source_ref = ?").params(ref).query(Integer.class)
                .list()).containsExactly(n);
    }

    @Test
    void badAlertsAreRefusedWithFieldPaths() {
        String big = "x".repeat(AlertIntake.RAW_LIMIT + 10);
        HttpResponse<String> r = post(soc, "/api/v1/alerts", "{\"source\":\"bad source!\",\"title\":\"\","
                + "\"severityHint\":\"URGENT\",\"detectedAt\":\"hôm qua\",\"observables\":[{\"type\":\"MAC\","
                + "\"value\":\"aa\"},{\"type\":\"IP\"}],\"raw\":{\"blob\":\"" + big + "\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        Set<String> fields = new HashSet<>();
        json(r).get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("source", "sourceRef", "title", "severityHint", "detectedAt",
                "observables[0].type", "observables[1].value", "raw");

        HttpResponse<String> elsewhere = post(soc, "/api/v1/alerts", "{\"agencyId\":\"" + f.provider.id()
                + "\",\"source\":\"wazuh\",\"sourceRef\":\"1\",\"title\":\"t\"}");
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("agencyId");
        assertThat(f.callers.get("/api/v1/alerts?status=OPEN", soc.token()).statusCode()).isEqualTo(400);
    }

    @Test
    void alertsAreScopedToTheCallersSubtree() {
        String id = json(post(soc, "/api/v1/alerts", alert("Dò mật khẩu SSH", "LOW"))).get("id").asString();
        var other = f.callers.agency(f.root, "PROVINCE", "Tỉnh khác kiểm thử cảnh báo");
        Caller outsider = f.callers.caller(other, Role.INCIDENT_RESPONDER);
        assertThat(f.callers.get("/api/v1/alerts/" + id, outsider.token()).statusCode()).isEqualTo(404);
        assertThat(json(f.callers.get("/api/v1/alerts?source=wazuh-hcm", outsider.token())).get("total").asLong())
                .isZero();
        assertThat(post(outsider, "/api/v1/alerts/" + id + "/dismissal", "{\"reason\":\"x\"}").statusCode())
                .isEqualTo(404);
        JsonNode mine = json(f.callers.get("/api/v1/alerts?status=NEW&source=wazuh-hcm", viewer.token()));
        assertThat(mine.get("items").findValuesAsString("id")).contains(id);
        assertThat(post(viewer, "/api/v1/alerts/" + id + "/dismissal", "{\"reason\":\"x\"}").statusCode())
                .isEqualTo(403);
    }

    @Test
    void promotionFilesANoticeWithRoutingAndClocks() {
        String id = json(post(soc, "/api/v1/alerts", alert("Dò mật khẩu SSH", "HIGH"))).get("id").asString();
        HttpResponse<String> bad = post(analyst, "/api/v1/alerts/" + id + "/promotion", "{\"category\":\"nope\"}");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("category");

        HttpResponse<String> r = post(analyst, "/api/v1/alerts/" + id + "/promotion",
                "{\"category\":\"intrusion-attempts/brute-force\",\"tlp\":\"AMBER\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode incident = json(r);
        assertThat(incident.get("reference").asString()).startsWith("SC-");
        assertThat(incident.get("systemId").asString()).isEqualTo(f.system.toString());
        List<String> roles = incident.get("recipients").findValuesAsString("role");
        assertThat(roles).contains("SYSTEM_OWNER", "IR_UNIT", "NATIONAL_COORDINATOR");
        assertThat(incident.get("deadlines").findValuesAsString("kind")).contains("NOTICE");
        assertThat(incident.get("timeline").findValuesAsString("kind")).contains("ALERT_PROMOTED");

        JsonNode alert = json(f.callers.get("/api/v1/alerts/" + id, analyst.token()));
        assertThat(alert.get("status").asString()).isEqualTo("PROMOTED");
        assertThat(alert.get("incidentId").asString()).isEqualTo(incident.get("id").asString());
        HttpResponse<String> twice = post(analyst, "/api/v1/alerts/" + id + "/promotion",
                "{\"category\":\"availability/ddos\"}");
        assertThat(twice.statusCode()).as(twice.body()).isEqualTo(409);
    }

    @Test
    void mergeAttachesTheAlertToAnIncidentTimeline() {
        HttpResponse<String> filed = post(analyst, "/api/v1/incidents",
                IncidentFixtures.notice(f.system, "AMBER", false, recent()));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        String incident = json(filed).get("id").asString();
        String id = json(post(soc, "/api/v1/alerts", alert("Lưu lượng bất thường", "HIGH"))).get("id").asString();

        assertThat(post(analyst, "/api/v1/alerts/" + id + "/merge", "{}").statusCode()).isEqualTo(400);
        assertThat(post(analyst, "/api/v1/alerts/" + id + "/merge", "{\"incidentId\":\"" + UUID.randomUUID() + "\"}")
                .statusCode()).isEqualTo(400);
        HttpResponse<String> r = post(analyst, "/api/v1/alerts/" + id + "/merge", "{\"incidentId\":\"" + incident
                + "\",\"comment\":\"Cùng chiến dịch\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("status").asString()).isEqualTo("MERGED");
        JsonNode detail = json(f.callers.get("/api/v1/incidents/" + incident, analyst.token()));
        List<String> comments = new ArrayList<>();
        detail.get("timeline").forEach(e -> {
            if ("ALERT_MERGED".equals(e.get("kind").asString())) comments.add(e.get("comment").asString());
        });
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0)).contains("wazuh-hcm", ref, "Cùng chiến dịch");
    }

    @Test
    void dismissalNeedsAReason() {
        String id = json(post(soc, "/api/v1/alerts", alert("Cảnh báo nhầm", "LOW"))).get("id").asString();
        HttpResponse<String> none = post(analyst, "/api/v1/alerts/" + id + "/dismissal", "{\"reason\":\" \"}");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("reason");
        HttpResponse<String> r = post(analyst, "/api/v1/alerts/" + id + "/dismissal",
                "{\"reason\":\"Quét định kỳ của chính đơn vị\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("status").asString()).isEqualTo("DISMISSED");
        assertThat(json(r).get("dismissalReason").asString()).isEqualTo("Quét định kỳ của chính đơn vị");
        assertThat(json(f.callers.get("/api/v1/alerts?status=DISMISSED&source=wazuh-hcm", analyst.token()))
                .get("items").findValuesAsString("id")).contains(id);
        // A later sighting of the same key updates the dismissed alert; it does not reopen or duplicate it.
        HttpResponse<String> again = post(soc, "/api/v1/alerts", alert("Cảnh báo nhầm", "LOW"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("status").asString()).isEqualTo("DISMISSED");
        assertThat(json(again).get("seenCount").asInt()).isEqualTo(2);
    }

    @Test
    void theAlertPageListsAlertsInVietnamese() {
        String id = json(post(soc, "/api/v1/alerts", alert("Dò mật khẩu SSH", "LOW"))).get("id").asString();
        HttpResponse<String> page = f.callers.get("/alerts", analyst.token());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Cảnh báo từ trung tâm giám sát", "alert-" + id, "Tạo sự cố", "Bỏ qua");
    }
}
