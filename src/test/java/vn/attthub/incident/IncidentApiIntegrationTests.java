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
import vn.attthub.document.DemoCertificateAuthority;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.Role;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.attthub.incident.IncidentFixtures.json;
import static vn.attthub.incident.IncidentFixtures.notice;

/** Notices, routing, clocks, acknowledgements, reports and the case flow over HTTP (TT20 Art 9-11; QD05 Art 9-14). */
@IntegrationTest
class IncidentApiIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AcknowledgementEscalation escalation;
    @Autowired
    DemoCertificateAuthority ca;
    @Autowired
    IncidentNoticeOutbox outbox;
    IncidentFixtures f;
    Caller operator;
    Caller coordinator;
    Caller irUser;

    @BeforeEach
    void setUp() {
        f = new IncidentFixtures(jdbc, new TestCallers(jdbc, port));
        operator = f.callers.caller(f.owner, Role.SYSTEM_OPERATOR);
        coordinator = f.coordinatorUser();
        irUser = f.callers.caller(f.irUnit, Role.INCIDENT_RESPONDER);
    }

    static String recent() {
        return OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(3).withNano(0).toString();
    }

    HttpResponse<String> file(Caller c, String body) {
        return f.callers.postJson("/api/v1/incidents", c.token(), body);
    }

    HttpResponse<String> post(Caller c, String path, String body) {
        return f.callers.postJson(path, c.token(), body);
    }

    Map<String, String> recipients(JsonNode d) {
        Map<String, String> m = new HashMap<>();
        d.get("recipients").forEach(r -> m.put(r.get("role").asString(), r.get("agencyId").asString()));
        return m;
    }

    Map<String, String> clocks(JsonNode d) {
        Map<String, String> m = new HashMap<>();
        d.get("deadlines").forEach(x -> m.merge(x.get("kind").asString(), x.get("status").asString(), (a, b) -> a + "," + b));
        return m;
    }

    @Test
    void aNoticeReachesEveryRecipientTheLawNamesWithItsClocks() {
        var r = file(operator, notice(f.system, "AMBER", true, recent()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode d = json(r);
        assertThat(r.headers().firstValue("Location")).get().asString().endsWith("/api/v1/incidents/" + d.get("id").asString());
        assertThat(d.get("reference").asString()).matches("SC-20\\d\\d-\\d{6}");
        // QD05 Art 11.5: owner, IR unit of the province, national coordinator, hosting provider
        assertThat(recipients(d)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "SYSTEM_OWNER", f.owner.id().toString(), "IR_UNIT", f.irUnit.id().toString(),
                "NATIONAL_COORDINATOR", f.coordinator.toString(), "NETWORK_MEMBER", f.provider.id().toString()));
        d.get("recipients").forEach(x -> assertThat(x.get("deliveredAt").isNull()).isFalse());
        // TT20 9.2.a on time; 9.2.b initial report pending; QD05 12.1.c one acknowledgement per recipient
        assertThat(clocks(d)).containsEntry("NOTICE", "ON_TIME").containsEntry("INITIAL_REPORT", "PENDING")
                .containsEntry("ACKNOWLEDGEMENT", "PENDING,PENDING,PENDING,PENDING");
        assertThat(d.get("state").asString()).isEqualTo("RECEIVED");
        // QD05 Art 9: level 4 + disruption + beyond capacity → the platform proposes SERIOUS
        assertThat(d.get("proposedSeverity").asString()).isEqualTo("SERIOUS");
        assertThat(d.get("proposedEmergencyPlan").asString()).isEqualTo("LOCAL");
        assertThat(d.get("category").get("enisaType").asString()).isEqualTo("Distributed Denial of Service");
        assertThat(d.get("observables").get(0).get("tlp").asString()).isEqualTo("AMBER");
        // every recipient is notified at the same moment, once (by the outbox worker, after commit)
        IncidentIntakeIntegrationTests.fannedOut(jdbc, outbox, d.get("id").asString());
        assertThat(jdbc.sql("SELECT agency_id::text FROM notification WHERE template = 'incident-notice' AND link = ?")
                .param("/incidents/" + d.get("id").asString()).query(String.class).list())
                .containsExactlyInAnyOrderElementsOf(recipients(d).values());
    }

    @Test
    void aLateNoticeIsAcceptedAndMarkedLate() {
        String detected = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusDays(6).withNano(0).toString();
        var r = file(operator, notice(f.system, "GREEN", false, detected));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(clocks(json(r))).containsEntry("NOTICE", "LATE").doesNotContainKey("INITIAL_REPORT");
        assertThat(json(r).get("timeline").get(0).get("comment").asString()).contains("trễ hạn");
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameIncidentAndADifferentBodyIsRefused() {
        String body = notice(f.system, "GREEN", false, recent());
        String key = "sc-" + UUID.randomUUID();
        HttpResponse<String> first = f.callers.send(f.callers.request("/api/v1/incidents", operator.token())
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        HttpResponse<String> again = f.callers.send(f.callers.request("/api/v1/incidents", operator.token())
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(json(again).get("id").asString()).isEqualTo(json(first).get("id").asString());
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE system_id = ?").param(f.system).query(Long.class)
                .single()).isEqualTo(1);
        HttpResponse<String> other = f.callers.send(f.callers.request("/api/v1/incidents", operator.token())
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("DDoS", "DoS"))));
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).get().asString().contains("problem+json");
    }

    @Test
    void badNoticesAre400WithFieldPaths() {
        var r = file(operator, "{\"title\":\"\",\"detectedAt\":\"2026-03-01 08:00\",\"category\":\"xyz\","
                + "\"tlp\":\"PURPLE\",\"impacts\":[\"BOOM\"],\"observables\":[{\"type\":\"MAC\",\"value\":\"x\"}]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        json(r).get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("title", "description", "affectedAsset", "detectedAt", "category",
                "beyondCapacity", "tlp", "impacts[0]", "observables[0].type");
        var future = file(operator, notice(f.system, "GREEN", false,
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0).toString()));
        assertThat(future.statusCode()).isEqualTo(400);
        var malformed = file(operator, "{not json");
        assertThat(malformed.statusCode()).isEqualTo(400);
    }

    @Test
    void anAssetWithoutARegisteredSystemIsRoutedToTheReportersIrUnit() {
        var r = file(operator, "{\"affectedAsset\":\"mail.so-kiem-thu.gov.vn (203.0.113.9)\",\"title\":\"Lừa đảo\","
                + "\"description\":\"Thư giả mạo\",\"detectedAt\":\"" + recent() + "\",\"category\":\"fraud/phishing\","
                + "\"beyondCapacity\":false,\"tlp\":\"CLEAR\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(recipients(json(r))).containsOnlyKeys("IR_UNIT", "NATIONAL_COORDINATOR");
    }

    @Test
    void scopeAndTlpRed() {
        String amber = json(file(operator, notice(f.system, "AMBER", false, recent()))).get("id").asString();
        String red = json(file(operator, notice(f.system, "RED", false, recent()))).get("id").asString();
        var otherProvince = f.callers.agency(f.root, "PROVINCE", "Tỉnh khác");
        Caller outsider = f.callers.caller(otherProvince, Role.AGENCY_ADMIN);
        Caller provinceAdmin = f.callers.caller(f.province, Role.AGENCY_ADMIN);
        assertThat(f.callers.get("/api/v1/incidents/" + amber, outsider.token()).statusCode()).isEqualTo(404);
        assertThat(f.callers.get("/api/v1/incidents/" + amber, provinceAdmin.token()).statusCode()).isEqualTo(200);
        // TLP:RED never leaves the named recipients: the province above the owner is not one
        assertThat(f.callers.get("/api/v1/incidents/" + red, provinceAdmin.token()).statusCode()).isEqualTo(404);
        assertThat(f.callers.get("/api/v1/incidents/" + red, irUser.token()).statusCode()).isEqualTo(200);
        assertThat(f.callers.get("/api/v1/incidents/" + red, coordinator.token()).statusCode()).isEqualTo(200);
        assertThat(f.callers.get("/api/v1/incidents/" + red, operator.token()).statusCode()).isEqualTo(200);
        String list = f.callers.get("/api/v1/incidents?size=200", provinceAdmin.token()).body();
        assertThat(list).contains(amber).doesNotContain(red);
        assertThat(f.callers.get("/api/v1/incidents?size=200", outsider.token()).body()).doesNotContain(amber);
    }

    @Test
    void listFiltersSortsAndPages() {
        String a = json(file(operator, notice(f.system, "GREEN", true, recent()))).get("id").asString();
        String b = json(file(operator, notice(f.system, "GREEN", false, recent())
                .replace("availability/ddos", "malicious-code/infected-system"))).get("id").asString();
        String base = "/api/v1/incidents?agencyId=" + f.owner.id();
        JsonNode all = json(f.callers.get(base + "&sort=reportedAt", coordinator.token()));
        assertThat(all.get("total").asLong()).isEqualTo(2);
        assertThat(all.get("items").get(0).get("id").asString()).isEqualTo(a);
        JsonNode byCategory = json(f.callers.get(base + "&category=malicious-code/infected-system", coordinator.token()));
        assertThat(byCategory.get("items")).hasSize(1);
        assertThat(byCategory.get("items").get(0).get("id").asString()).isEqualTo(b);
        JsonNode serious = json(f.callers.get(base + "&severity=SERIOUS", coordinator.token()));
        assertThat(serious.get("items")).hasSize(1);
        JsonNode page = json(f.callers.get(base + "&size=1&page=1&sort=-reportedAt", coordinator.token()));
        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(a);
        jdbc.sql("UPDATE incident_deadline SET due_at = now() - interval '1 minute' WHERE incident_id = ?::uuid "
                + "AND kind = 'ACKNOWLEDGEMENT'").param(b).update();
        JsonNode overdue = json(f.callers.get(base + "&overdue=true", coordinator.token()));
        assertThat(overdue.get("items")).hasSize(1);
        assertThat(overdue.get("items").get(0).get("overdueClocks").asInt()).isEqualTo(4);
        assertThat(f.callers.get(base + "&state=NOPE&sort=x&size=0", coordinator.token()).statusCode()).isEqualTo(400);
        assertThat(f.callers.get("/api/v1/incident-categories", operator.token()).body()).contains("availability/ddos",
                "Tấn công từ chối dịch vụ phân tán (DDoS)");
    }

    @Test
    void recipientsAcknowledgeAndMissedAcknowledgementsEscalateToTheSuperior() {
        String id = json(file(operator, notice(f.system, "GREEN", false, recent()))).get("id").asString();
        var ack = post(irUser, "/api/v1/incidents/" + id + "/acknowledgements", "{}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        JsonNode d = json(ack);
        d.get("recipients").forEach(r -> {
            if (r.get("role").asString().equals("IR_UNIT")) assertThat(r.get("acknowledgedAt").isNull()).isFalse();
            else assertThat(r.get("acknowledgedAt").isNull()).isTrue();
        });
        assertThat(clocks(d).get("ACKNOWLEDGEMENT")).contains("ON_TIME");
        // a visible incident whose recipient the caller is not: 403
        Caller provinceAdmin = f.callers.caller(f.province, Role.AGENCY_ADMIN);
        assertThat(post(provinceAdmin, "/api/v1/incidents/" + id + "/acknowledgements", "{}").statusCode()).isEqualTo(403);

        // QD05 Art 12.1.c: the owner did not acknowledge in time → escalated once to its superior (the province)
        jdbc.sql("UPDATE incident_deadline SET due_at = now() - interval '1 minute' WHERE incident_id = ?::uuid "
                + "AND kind = 'ACKNOWLEDGEMENT'").param(id).update();
        assertThat(escalation.escalate(Instant.now())).isGreaterThanOrEqualTo(3);
        assertThat(escalation.escalate(Instant.now())).isZero();
        JsonNode after = json(f.callers.get("/api/v1/incidents/" + id, coordinator.token()));
        after.get("recipients").forEach(r -> {
            if (r.get("role").asString().equals("SYSTEM_OWNER")) {
                assertThat(r.get("escalatedTo").asString()).isEqualTo(f.province.id().toString());
            }
            if (r.get("role").asString().equals("IR_UNIT")) assertThat(r.get("escalatedAt").isNull()).isTrue();
        });
        assertThat(clocks(after).get("ACKNOWLEDGEMENT")).contains("OVERDUE");
        assertThat(after.get("timeline").toString()).contains("ESCALATED");
        assertThat(jdbc.sql("SELECT agency_id FROM notification WHERE template = 'incident-escalated' AND link = ?")
                .param("/incidents/" + id).query(UUID.class).list()).contains(f.province.id());
    }

    @Test
    void operatorFilesCoordinatorClassifiesFinalReportThenClose() {
        ca.issueFor(AgencyId.of(f.owner.id()));
        String id = json(file(operator, notice(f.system, "AMBER", true, recent()))).get("id").asString();
        String base = "/api/v1/incidents/" + id;
        // the operator cannot verify: a coordinator step (QD05 Art 14.2)
        assertThat(post(operator, base + "/transitions", "{\"to\":\"VERIFIED\"}").statusCode()).isEqualTo(403);
        var skip = post(coordinator, base + "/transitions", "{\"to\":\"RESPONDING\"}");
        assertThat(skip.statusCode()).isEqualTo(409);
        assertThat(json(skip).get("allowedTransitions").toString()).contains("VERIFIED");
        assertThat(post(coordinator, base + "/transitions", "{\"to\":\"VERIFIED\",\"comment\":\"Đã xác minh\"}")
                .statusCode()).isEqualTo(200);
        assertThat(post(coordinator, base + "/transitions", "{\"to\":\"CLASSIFIED\"}").statusCode()).isEqualTo(400);
        var classified = post(coordinator, base + "/transitions",
                "{\"to\":\"CLASSIFIED\",\"severity\":\"SERIOUS\",\"reason\":\"Cổng dịch vụ công cấp độ 4 ngừng hoạt động\"}");
        assertThat(classified.statusCode()).as(classified.body()).isEqualTo(200);
        assertThat(json(classified).get("severity").asString()).isEqualTo("SERIOUS");
        assertThat(json(classified).get("emergencyPlan").asString()).isEqualTo("LOCAL");
        assertThat(json(classified).get("severityDecision").get("reason").asString()).contains("cấp độ 4");

        // initial report (Form 03): QD05 Art 11.4 fields are required
        var incomplete = post(operator, base + "/reports", "{\"type\":\"INITIAL\",\"symptoms\":\"x\"}");
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.body()).contains("contactPhone", "measures", "initialResult");
        var initial = post(operator, base + "/reports", "{\"type\":\"INITIAL\",\"contactName\":\"Bùi Văn Vận Hành\","
                + "\"contactPhone\":\"0912345678\",\"contactEmail\":\"vh@example.vn\",\"symptoms\":\"Lưu lượng 20 Gbps\","
                + "\"preliminaryHarm\":\"Gián đoạn 2 giờ\",\"measures\":\"Chặn IP nguồn\",\"initialResult\":\"Chưa khắc phục\"}");
        assertThat(initial.statusCode()).as(initial.body()).isEqualTo(201);
        JsonNode report = json(initial);
        assertThat(report.get("version").asInt()).isEqualTo(1);
        assertThat(report.get("sha256").asString()).hasSize(64);
        var pdf = f.callers.send(f.callers.request(report.get("pdf").asString(), coordinator.token()).GET());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Disposition")).get().asString().contains("attachment");
        assertThat(pdf.body()).startsWith("%PDF");

        for (String to : List.of("RESPONDING", "CONTAINED", "ERADICATED", "RECOVERED")) {
            var t = post(irUser, base + "/transitions", "{\"to\":\"" + to + "\"}");
            assertThat(t.statusCode()).as(to + ": " + t.body()).isEqualTo(200);
        }
        // TT20 Art 9.2.b: closing only after the final report; the final-report clock runs from the end of response
        var early = post(coordinator, base + "/transitions", "{\"to\":\"CLOSED\"}");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(clocks(json(f.callers.get(base, coordinator.token())))).containsEntry("FINAL_REPORT", "PENDING")
                .containsEntry("INITIAL_REPORT", "ON_TIME");
        var fin = post(operator, base + "/reports", IncidentFixtures.FINAL_REPORT);
        assertThat(fin.statusCode()).as(fin.body()).isEqualTo(201);
        var closed = post(coordinator, base + "/transitions", "{\"to\":\"CLOSED\"}");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        JsonNode d = json(closed);
        assertThat(d.get("state").asString()).isEqualTo("CLOSED");
        assertThat(clocks(d)).containsEntry("FINAL_REPORT", "ON_TIME");
        List<String> steps = new ArrayList<>();
        d.get("timeline").forEach(e -> steps.add(e.get("kind").asString() + ":" + e.get("toState").asString("")));
        assertThat(steps).containsSubsequence("FILED:RECEIVED", "TRANSITION:VERIFIED", "TRANSITION:CLASSIFIED",
                "REPORT:", "TRANSITION:RECOVERED", "REPORT:", "TRANSITION:CLOSED");
        assertThat(post(operator, base + "/reports", IncidentFixtures.FINAL_REPORT).statusCode()).isEqualTo(409);
        // the timeline is append-only
        assertThatThrownBy(() -> jdbc.sql("UPDATE incident_event SET actor = 'x' WHERE incident_id = ?::uuid")
                .param(id).update()).hasMessageContaining("append-only");
    }

    @Test
    void aReportNeedsASigningKey() {
        Caller ir = irUser;
        String id = json(file(operator, notice(f.system, "GREEN", false, recent()))).get("id").asString();
        var r = post(ir, "/api/v1/incidents/" + id + "/reports", "{\"type\":\"SITUATION\",\"summary\":\"Đang xử lý\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        assertThat(post(ir, "/api/v1/incidents/" + id + "/reports", "{\"type\":\"OTHER\"}").statusCode()).isEqualTo(400);
    }
}
