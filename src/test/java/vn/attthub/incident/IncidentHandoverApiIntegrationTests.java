package vn.attthub.incident;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.TestCallers.Agency;
import vn.attthub.TestCallers.Caller;
import vn.attthub.shared.Role;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.attthub.incident.IncidentFixtures.json;
import static vn.attthub.incident.IncidentFixtures.notice;

/**
 * Hand-over of case ownership and escalation with lineage (issue 4 §3; QD05 Art 6, 7.3, 11-14; TT20 Art 11): the lead
 * at intake, escalation and hand-over, one pending request, decline, withdrawal, visibility, closed cases, scope.
 */
@IntegrationTest
class IncidentHandoverApiIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    IncidentFixtures f;
    Caller operator;
    Caller coordinator;
    /** A coordinator of the province's IR unit: INCIDENT_COORDINATE over the IR unit only. */
    Caller irLead;
    Agency province2;
    Agency irUnit2;
    Caller ir2Responder;

    @BeforeEach
    void setUp() {
        f = new IncidentFixtures(jdbc, new TestCallers(jdbc, port));
        operator = f.callers.caller(f.owner, Role.SYSTEM_OPERATOR);
        coordinator = f.coordinatorUser();
        irLead = f.user(f.irUnit.id(), Role.NATIONAL_COORDINATOR, f.irUnit.id());
        province2 = f.callers.agency(f.root, "PROVINCE", "Tỉnh thứ hai");
        irUnit2 = f.callers.agency(province2, "UNIT", "Đơn vị ứng cứu tỉnh thứ hai");
        f.role(irUnit2.id(), "IR_UNIT", province2.id());
        ir2Responder = f.callers.caller(irUnit2, Role.INCIDENT_RESPONDER);
    }

    String incident(String tlp) {
        String at = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(3).withNano(0).toString();
        var r = f.callers.postJson("/api/v1/incidents", operator.token(), notice(f.system, tlp, false, at));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asString();
    }

    static String request(String kind, UUID to, String reason) {
        return "{\"kind\":\"" + kind + "\",\"toAgencyId\":\"" + to + "\",\"reason\":\"" + reason + "\"}";
    }

    JsonNode lineage(String id, Caller c) {
        var r = f.callers.get("/api/v1/incidents/" + id + "/handovers", c.token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    /** The lead as stored, checked against what the case's detail says to the operator who filed it. */
    UUID lead(String id) {
        UUID stored = jdbc.sql("SELECT lead_agency_id FROM incident WHERE id = ?::uuid").param(id).query(UUID.class)
                .single();
        var r = f.callers.get("/api/v1/incidents/" + id, operator.token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode leadAgency = json(r).get("leadAgency");
        assertThat(leadAgency.get("id").asString()).isEqualTo(stored.toString());
        assertThat(leadAgency.get("name").asString()).isEqualTo(jdbc.sql("SELECT name_vi FROM agency WHERE id = ?")
                .param(stored).query(String.class).single());
        return stored;
    }

    String post(String path, Caller c, String body, int status) {
        var r = f.callers.postJson(path, c.token(), body);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(status);
        return r.body();
    }

    @Test
    void escalationAcceptedMovesTheLeadAndAHandOverFollowsInLineageOrder() {
        String id = incident("AMBER");
        // QD05 Art 6, 11.5: the IR unit of the owner's province leads at intake
        assertThat(lead(id)).isEqualTo(f.irUnit.id());
        assertThat(lineage(id, operator).get("currentLead").get("id").asString()).isEqualTo(f.irUnit.id().toString());
        // the lead's side may issue orders like a coordinator
        String due = OffsetDateTime.now(ZoneOffset.ofHours(7)).plusDays(1).withNano(0).toString();
        post("/api/v1/incidents/" + id + "/orders", irLead, IncidentOrderApiIntegrationTests.order(f.owner.id(), due), 201);
        // QD05 Art 7.3, 11.5: the IR unit escalates to the national coordinator
        JsonNode h1 = json(f.callers.postJson("/api/v1/incidents/" + id + "/handovers", irLead.token(),
                request("ESCALATION", f.coordinator, "Sự cố vượt khả năng xử lý của tỉnh")));
        assertThat(h1.get("status").asString()).isEqualTo("PENDING");
        assertThat(h1.get("seq").asInt()).isEqualTo(1);
        assertThat(h1.get("from").get("id").asString()).isEqualTo(f.irUnit.id().toString());
        // the requester cannot accept its own request (not the receiving side)
        post("/api/v1/incidents/" + id + "/handovers/" + h1.get("id").asString() + "/acceptance", irLead, "{}", 403);
        JsonNode l = lineage(id, operator);
        assertThat(l.get("pending").get("id").asString()).isEqualTo(h1.get("id").asString());
        assertThat(lead(id)).isEqualTo(f.irUnit.id());
        String accepted = post("/api/v1/incidents/" + id + "/handovers/" + h1.get("id").asString() + "/acceptance",
                coordinator, "{\"note\":\"Cục tiếp nhận điều phối\"}", 200);
        assertThat(IncidentFixtures.JSON.readTree(accepted).get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(lead(id)).isEqualTo(f.coordinator);
        // the former lead's side no longer runs the case
        post("/api/v1/incidents/" + id + "/handovers", irLead, request("HANDOVER", irUnit2.id(), "x"), 403);
        post("/api/v1/incidents/" + id + "/orders", irLead, IncidentOrderApiIntegrationTests.order(f.owner.id(), due), 403);
        // the other province's IR unit sees nothing of the case before a request names it
        assertThat(f.callers.get("/api/v1/incidents/" + id, ir2Responder.token()).statusCode()).isEqualTo(404);
        JsonNode h2 = json(f.callers.postJson("/api/v1/incidents/" + id + "/handovers", coordinator.token(),
                request("HANDOVER", irUnit2.id(), "Hệ thống đặt tại tỉnh thứ hai")));
        assertThat(h2.get("seq").asInt()).isEqualTo(2);
        // a pending request makes the (non-RED) case visible to the receiving agency
        assertThat(f.callers.get("/api/v1/incidents/" + id, ir2Responder.token()).statusCode()).isEqualTo(200);
        post("/api/v1/incidents/" + id + "/handovers/" + h2.get("id").asString() + "/acceptance", ir2Responder, "{}", 200);
        assertThat(lead(id)).isEqualTo(irUnit2.id());
        l = lineage(id, ir2Responder);
        assertThat(l.get("currentLead").get("id").asString()).isEqualTo(irUnit2.id().toString());
        List<String> order = new ArrayList<>();
        l.get("lineage").forEach(x -> order.add(x.get("seq").asInt() + ":" + x.get("kind").asString() + ":"
                + x.get("status").asString() + ":" + x.get("to").get("id").asString()));
        assertThat(order).containsExactly("1:ESCALATION:ACCEPTED:" + f.coordinator,
                "2:HANDOVER:ACCEPTED:" + irUnit2.id());
        assertThat(l.get("pending").isNull()).isTrue();
        // timeline, audit, notifications
        assertThat(jdbc.sql("SELECT kind FROM incident_event WHERE incident_id = ?::uuid AND kind LIKE '%HANDOVER%' "
                + "OR incident_id = ?::uuid AND kind LIKE 'ESCALATION%' ORDER BY id").params(id, id)
                .query(String.class).list()).containsExactly("ESCALATION_REQUESTED", "HANDOVER_ACCEPTED",
                "HANDOVER_REQUESTED", "HANDOVER_ACCEPTED");
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE target_id = ? AND action LIKE 'incident.handover.%'")
                .param(id).query(String.class).list()).containsExactlyInAnyOrder("incident.handover.requested",
                "incident.handover.accepted", "incident.handover.requested", "incident.handover.accepted");
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE template = 'incident-handover-requested' "
                + "AND agency_id = ?").param(irUnit2.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE template = 'incident-handover-decided' "
                + "AND agency_id = ?").param(f.irUnit.id()).query(Long.class).single()).isEqualTo(1);
        // the list shows the lead by name
        JsonNode list = json(f.callers.get("/api/v1/incidents?size=200", ir2Responder.token()));
        List<String> leads = new ArrayList<>();
        list.get("items").forEach(x -> {
            if (x.get("id").asString().equals(id)) leads.add(x.get("leadAgencyName").asString());
        });
        assertThat(leads).containsExactly("Đơn vị ứng cứu tỉnh thứ hai");
    }

    @Test
    void onePendingOnlyDeclineKeepsTheLeadAndWithdrawalClosesTheRequest() {
        String id = incident("AMBER");
        String h = json(f.callers.postJson("/api/v1/incidents/" + id + "/handovers", irLead.token(),
                request("ESCALATION", f.coordinator, "Cần hỗ trợ quốc gia"))).get("id").asString();
        // at most one pending request per case
        post("/api/v1/incidents/" + id + "/handovers", irLead, request("HANDOVER", irUnit2.id(), "Thử lại"), 409);
        // declining needs a note
        String bad = post("/api/v1/incidents/" + id + "/handovers/" + h + "/decline", coordinator, "{}", 400);
        assertThat(bad).contains("note");
        String declined = post("/api/v1/incidents/" + id + "/handovers/" + h + "/decline", coordinator,
                "{\"note\":\"Sự cố thông thường, tỉnh tiếp tục chủ trì\"}", 200);
        assertThat(IncidentFixtures.JSON.readTree(declined).get("status").asString()).isEqualTo("DECLINED");
        assertThat(lead(id)).isEqualTo(f.irUnit.id());
        // deciding a request that is no longer pending: 409
        post("/api/v1/incidents/" + id + "/handovers/" + h + "/acceptance", coordinator, "{}", 409);
        assertThat(lineage(id, operator).get("lineage").size()).isZero();
        assertThat(lineage(id, operator).get("requests").size()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE template = 'incident-handover-decided' "
                + "AND agency_id = ?").param(f.irUnit.id()).query(Long.class).single()).isEqualTo(1);
        // a new request after the decision; the receiving side may not withdraw it, the requester may
        String h2 = json(f.callers.postJson("/api/v1/incidents/" + id + "/handovers", irLead.token(),
                request("HANDOVER", irUnit2.id(), "Chuyển giao cho tỉnh thứ hai"))).get("id").asString();
        post("/api/v1/incidents/" + id + "/handovers/" + h2 + "/withdrawal", coordinator, "{}", 200);
        assertThat(json(f.callers.get("/api/v1/incidents/" + id + "/handovers", operator.token()))
                .get("requests").get(1).get("status").asString()).isEqualTo("WITHDRAWN");
        post("/api/v1/incidents/" + id + "/handovers/" + h2 + "/acceptance", ir2Responder, "{}", 409);
        assertThat(lead(id)).isEqualTo(f.irUnit.id());
        // once withdrawn, the receiving agency no longer sees the case
        assertThat(f.callers.get("/api/v1/incidents/" + id, ir2Responder.token()).statusCode()).isEqualTo(404);
        // the table is append-only except the decision of a pending row
        assertThatThrownBy(() -> jdbc.sql("UPDATE incident_handover SET reason = 'x' WHERE id = ?::uuid").param(h)
                .update()).hasMessageContaining("only a PENDING request");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM incident_handover WHERE id = ?::uuid").param(h).update())
                .hasMessageContaining("append-only");
    }

    @Test
    void invalidRequestsAre400WithFieldPaths() {
        String id = incident("AMBER");
        String empty = post("/api/v1/incidents/" + id + "/handovers", irLead, "{}", 400);
        assertThat(empty).contains("kind", "toAgencyId", "reason");
        // to itself
        assertThat(post("/api/v1/incidents/" + id + "/handovers", irLead,
                request("HANDOVER", f.irUnit.id(), "x"), 400)).contains("toAgencyId");
        // escalation to an agency that is no higher-level coordinator (QD05 Art 11.5)
        assertThat(post("/api/v1/incidents/" + id + "/handovers", irLead,
                request("ESCALATION", irUnit2.id(), "x"), 400)).contains("toAgencyId");
        // hand-over to an agency without an incident-response role (QD05 Art 6-7)
        assertThat(post("/api/v1/incidents/" + id + "/handovers", irLead,
                request("HANDOVER", f.owner.id(), "x"), 400)).contains("toAgencyId");
        assertThat(post("/api/v1/incidents/" + id + "/handovers", irLead,
                request("HANDOVER", UUID.randomUUID(), "x"), 400)).contains("toAgencyId");
        assertThat(post("/api/v1/incidents/" + id + "/handovers", irLead,
                "{\"kind\":\"MOVE\",\"toAgencyId\":\"" + f.coordinator + "\",\"reason\":\"x\"}", 400)).contains("kind");
        assertThat(post("/api/v1/incidents/" + id + "/handovers", irLead,
                request("ESCALATION", f.coordinator, "  "), 400)).contains("reason");
        // not a UUID: 400, never a 500
        assertThat(post("/api/v1/incidents/" + id + "/handovers", irLead,
                "{\"kind\":\"ESCALATION\",\"toAgencyId\":\"abc\",\"reason\":\"x\"}", 400)).isNotBlank();
    }

    @Test
    void anotherProvinceGets404AndAClosedCaseRefusesNewRequests() {
        String id = incident("AMBER");
        String h = json(f.callers.postJson("/api/v1/incidents/" + id + "/handovers", irLead.token(),
                request("ESCALATION", f.coordinator, "Cần hỗ trợ"))).get("id").asString();
        Agency province3 = f.callers.agency(f.root, "PROVINCE", "Tỉnh thứ ba");
        Caller other = f.user(province3.id(), Role.NATIONAL_COORDINATOR, province3.id());
        assertThat(f.callers.get("/api/v1/incidents/" + id + "/handovers", other.token()).statusCode()).isEqualTo(404);
        post("/api/v1/incidents/" + id + "/handovers", other, request("ESCALATION", f.coordinator, "x"), 404);
        post("/api/v1/incidents/" + id + "/handovers/" + h + "/acceptance", other, "{}", 404);
        post("/api/v1/incidents/" + id + "/handovers/" + h + "/withdrawal", other, "{}", 404);
        post("/api/v1/incidents/" + id + "/handovers/" + UUID.randomUUID() + "/acceptance", coordinator, "{}", 404);
        post("/api/v1/incidents/" + id + "/handovers/" + h + "/withdrawal", irLead, "{}", 200);
        // the system operator holds no INCIDENT_COORDINATE: 403
        post("/api/v1/incidents/" + id + "/handovers", operator, request("ESCALATION", f.coordinator, "x"), 403);
        jdbc.sql("UPDATE incident SET state = 'CLOSED', closed_at = now() WHERE id = ?::uuid").param(id).update();
        assertThat(post("/api/v1/incidents/" + id + "/handovers", irLead,
                request("ESCALATION", f.coordinator, "Sau khi đóng"), 409)).contains("đóng");
    }

    @Test
    void aRedCaseReachesTheReceivingAgencyOnlyWhenItAccepts() {
        String id = incident("RED");
        String h = json(f.callers.postJson("/api/v1/incidents/" + id + "/handovers", irLead.token(),
                request("HANDOVER", irUnit2.id(), "Chuyển giao sự cố TLP:RED"))).get("id").asString();
        // pending: the receiving agency sees the request in its inbox, not the case
        assertThat(f.callers.get("/api/v1/incidents/" + id, ir2Responder.token()).statusCode()).isEqualTo(404);
        assertThat(f.callers.get("/api/v1/incidents/" + id + "/handovers", ir2Responder.token()).statusCode())
                .isEqualTo(404);
        JsonNode inbox = json(f.callers.get("/api/v1/incident-handovers", ir2Responder.token()));
        assertThat(inbox.get("items").size()).isEqualTo(1);
        assertThat(inbox.get("items").get(0).get("id").asString()).isEqualTo(h);
        assertThat(inbox.get("items").get(0).get("title").isNull()).isTrue();
        assertThat(inbox.get("items").get(0).get("tlp").asString()).isEqualTo("RED");
        // the e-mail to the receiving agency carries no title and links to the inbox
        assertThat(jdbc.sql("SELECT link FROM notification WHERE template = 'incident-handover-requested' "
                + "AND agency_id = ?").param(irUnit2.id()).query(String.class).single()).isEqualTo("/incident-handovers");
        assertThat(jdbc.sql("SELECT body FROM notification WHERE template = 'incident-handover-requested' "
                + "AND agency_id = ?").param(irUnit2.id()).query(String.class).single())
                .doesNotContain("Tấn công DDoS");
        post("/api/v1/incidents/" + id + "/handovers/" + h + "/acceptance", ir2Responder, "{}", 200);
        // accepted: a named party of the RED case
        assertThat(f.callers.get("/api/v1/incidents/" + id, ir2Responder.token()).statusCode()).isEqualTo(200);
        assertThat(json(f.callers.get("/api/v1/incident-handovers", ir2Responder.token())).get("items").size()).isZero();
    }
}
