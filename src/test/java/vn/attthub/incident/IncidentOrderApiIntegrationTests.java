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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.attthub.incident.IncidentFixtures.json;
import static vn.attthub.incident.IncidentFixtures.notice;

/** Coordination orders (Circular 20/2017 Art 8.2, Form 06): issue, acknowledge, complete, overdue, visibility. */
@IntegrationTest
class IncidentOrderApiIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
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

    String incident() {
        String at = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(3).withNano(0).toString();
        var r = f.callers.postJson("/api/v1/incidents", operator.token(), notice(f.system, "AMBER", false, at));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asString();
    }

    static String order(UUID addressee, String due) {
        return "{\"addresseeIds\":[\"" + addressee + "\"],\"content\":\"Phối hợp xử lý tấn công DDoS\","
                + "\"requiredActions\":\"Chặn dải IP nguồn, báo cáo lưu lượng\",\"dueAt\":\"" + due + "\"}";
    }

    @Test
    void onlyTheCoordinatorIssuesAndTheAddresseeSeesAcknowledgesAndCompletes() {
        String id = incident();
        Agency other = f.callers.agency(f.callers.root(), "UNIT", "Cơ quan được điều phối");
        Caller addressee = f.callers.caller(other, Role.INCIDENT_RESPONDER);
        // before the order the addressee's agency has no link to the case: 404
        assertThat(f.callers.get("/api/v1/incidents/" + id, addressee.token()).statusCode()).isEqualTo(404);
        String due = OffsetDateTime.now(ZoneOffset.ofHours(7)).plusDays(1).withNano(0).toString();
        // TT20 Art 8.2: the national coordinator issues; a provincial responder may not
        var denied = f.callers.postJson("/api/v1/incidents/" + id + "/orders", irUser.token(), order(other.id(), due));
        assertThat(denied.statusCode()).isEqualTo(403);
        var bad = f.callers.postJson("/api/v1/incidents/" + id + "/orders", coordinator.token(),
                "{\"addresseeIds\":[],\"dueAt\":\"2000-01-01T00:00:00+07:00\"}");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("addresseeIds", "content", "requiredActions", "dueAt");
        var r = f.callers.postJson("/api/v1/incidents/" + id + "/orders", coordinator.token(), order(other.id(), due));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode o = json(r);
        String orderId = o.get("id").asString();
        assertThat(o.get("state").asString()).isEqualTo("ISSUED");
        assertThat(o.get("overdue").asBoolean()).isFalse();
        // the order makes the case visible to the addressee
        assertThat(f.callers.get("/api/v1/incidents/" + id, addressee.token()).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE template = 'incident-order' AND agency_id = ?")
                .param(other.id()).query(Long.class).single()).isEqualTo(1);
        // the operator is not an addressee: 403 (they see the case, not the order's duties)
        var notMine = f.callers.postJson("/api/v1/incidents/" + id + "/orders/" + orderId + "/acknowledgements",
                operator.token(), "{}");
        assertThat(notMine.statusCode()).isEqualTo(403);
        // an outsider does not see the case at all: 404
        Caller outsider = f.callers.caller(f.callers.agency(f.callers.root(), "UNIT", "Ngoài"), Role.INCIDENT_RESPONDER);
        assertThat(f.callers.postJson("/api/v1/incidents/" + id + "/orders/" + orderId + "/acknowledgements",
                outsider.token(), "{}").statusCode()).isEqualTo(404);
        var ack = f.callers.postJson("/api/v1/incidents/" + id + "/orders/" + orderId + "/acknowledgements",
                addressee.token(), "{}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(json(ack).get("state").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(f.callers.postJson("/api/v1/incidents/" + id + "/orders/" + orderId + "/acknowledgements",
                addressee.token(), "{}").statusCode()).isEqualTo(409);
        var noNote = f.callers.postJson("/api/v1/incidents/" + id + "/orders/" + orderId + "/completion",
                addressee.token(), "{}");
        assertThat(noNote.statusCode()).isEqualTo(400);
        var done = f.callers.postJson("/api/v1/incidents/" + id + "/orders/" + orderId + "/completion",
                addressee.token(), "{\"note\":\"Đã chặn 12 dải IP\"}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(json(done).get("state").asString()).isEqualTo("DONE");
        assertThat(json(done).get("addressees").get(0).get("completionNote").asString()).isEqualTo("Đã chặn 12 dải IP");
        // every step on the append-only timeline and in the audit log
        assertThat(jdbc.sql("SELECT kind FROM incident_event WHERE incident_id = ?::uuid AND kind LIKE 'ORDER_%' ORDER BY id")
                .param(id).query(String.class).list()).containsExactly("ORDER_ISSUED", "ORDER_ACKNOWLEDGED", "ORDER_DONE");
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE target_id = ? AND action LIKE 'incident.order.%'")
                .param(id).query(String.class).list()).containsExactlyInAnyOrder("incident.order.issued",
                "incident.order.acknowledged", "incident.order.done");
    }

    @Test
    void anOrderPastItsDueTimeIsFlaggedOverdueUntilDone() {
        String id = incident();
        String due = OffsetDateTime.now(ZoneOffset.ofHours(7)).plusHours(1).withNano(0).toString();
        var r = f.callers.postJson("/api/v1/incidents/" + id + "/orders", coordinator.token(), order(f.irUnit.id(), due));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String orderId = json(r).get("id").asString();
        jdbc.sql("UPDATE incident_order SET due_at = now() - interval '1 minute' WHERE id = ?::uuid").param(orderId).update();
        var list = json(f.callers.get("/api/v1/incidents/" + id + "/orders", irUser.token()));
        assertThat(list.get("items").get(0).get("overdue").asBoolean()).isTrue();
        assertThat(list.get("items").get(0).get("addressees").get(0).get("overdue").asBoolean()).isTrue();
        f.callers.postJson("/api/v1/incidents/" + id + "/orders/" + orderId + "/completion", irUser.token(),
                "{\"note\":\"Hoàn thành muộn\"}");
        var after = json(f.callers.get("/api/v1/incidents/" + id + "/orders/" + orderId, irUser.token()));
        assertThat(after.get("state").asString()).isEqualTo("DONE");
        assertThat(after.get("overdue").asBoolean()).isFalse();
    }
}
