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

import java.net.http.HttpRequest;
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
 * Incident tasks (issue 4 §3 "tasks with owners"): who creates for whom, who works and cancels, final states,
 * validation with field paths, closed cases, scope across provinces and TLP:RED, timeline, audit and notification.
 */
@IntegrationTest
class IncidentTaskApiIntegrationTests {
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

    String incident(String tlp) {
        String at = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(3).withNano(0).toString();
        var r = f.callers.postJson("/api/v1/incidents", operator.token(), notice(f.system, tlp, false, at));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asString();
    }

    static String later(int hours) {
        return OffsetDateTime.now(ZoneOffset.ofHours(7)).plusHours(hours).withNano(0).toString();
    }

    static String task(String title, UUID owner, UUID ownerUser, String due) {
        return "{\"title\":\"" + title + "\",\"description\":\"Theo hướng dẫn của nhóm ứng cứu\",\"ownerAgencyId\":\""
                + owner + "\"" + (ownerUser == null ? "" : ",\"ownerUserId\":\"" + ownerUser + "\"")
                + (due == null ? "" : ",\"dueAt\":\"" + due + "\"") + "}";
    }

    HttpResponse<String> post(String path, Caller c, String body) {
        return f.callers.postJson(path, c.token(), body);
    }

    HttpResponse<String> put(String path, Caller c, String body) {
        return f.callers.send(f.callers.request(path, c.token()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    long notifications(String taskId, UUID agency) {
        return jdbc.sql("SELECT count(*) FROM notification WHERE template = 'incident-task' AND agency_id = ? "
                + "AND dedup_key = ?").params(agency, "incident-task:" + taskId + ":" + agency).query(Long.class).single();
    }

    @Test
    void theCoordinatorAssignsTheOwnerWorksItAndEveryStepIsRecorded() {
        String id = incident("AMBER");
        String base = "/api/v1/incidents/" + id + "/tasks";
        var r = post(base, coordinator, task("Thu thập nhật ký tường lửa", f.irUnit.id(), irUser.userId(), later(24)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode t = json(r);
        String taskId = t.get("id").asString();
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith(base + "/" + taskId);
        assertThat(t.get("status").asString()).isEqualTo("OPEN");
        assertThat(t.get("overdue").asBoolean()).isFalse();
        assertThat(t.get("ownerAgency").get("id").asString()).isEqualTo(f.irUnit.id().toString());
        assertThat(t.get("ownerUser").get("id").asString()).isEqualTo(irUser.userId().toString());
        assertThat(t.get("version").asInt()).isZero();
        assertThat(notifications(taskId, f.irUnit.id())).isEqualTo(1);

        // everyone who sees the case sees the task; only the owner side (or the coordinator) may work it
        assertThat(json(f.callers.get(base, operator.token())).get("items")).hasSize(1);
        assertThat(post(base + "/" + taskId + "/start", operator, "{}").statusCode()).isEqualTo(403);
        assertThat(post(base + "/" + taskId + "/cancellation", irUser, "{\"reason\":\"x\"}").statusCode())
                .as("the owner is not the creator's side").isEqualTo(403);
        var mine = json(f.callers.get(base + "?mine=true", irUser.token())).get("items");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("actions").toString()).contains("start", "complete").doesNotContain("cancel");
        assertThat(json(f.callers.get(base + "?mine=true", operator.token())).get("items")).isEmpty();

        var started = post(base + "/" + taskId + "/start", irUser, "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(json(started).get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(post(base + "/" + taskId + "/start", irUser, "{}").statusCode()).isEqualTo(409);
        assertThat(json(f.callers.get(base + "?status=IN_PROGRESS", irUser.token())).get("items")).hasSize(1);
        assertThat(json(f.callers.get(base + "?status=OPEN", irUser.token())).get("items")).isEmpty();
        var badFilter = f.callers.get(base + "?status=SOON", irUser.token());
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(badFilter.body()).contains("\"status\"");

        var noNote = post(base + "/" + taskId + "/completion", irUser, "{}");
        assertThat(noNote.statusCode()).isEqualTo(400);
        assertThat(noNote.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(noNote.body()).contains("\"note\"");
        var done = post(base + "/" + taskId + "/completion", irUser, "{\"note\":\"Đã thu 3 GB nhật ký, lưu vào chứng cứ\"}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode d = json(done);
        assertThat(d.get("status").asString()).isEqualTo("DONE");
        assertThat(d.get("resultNote").asString()).isEqualTo("Đã thu 3 GB nhật ký, lưu vào chứng cứ");
        assertThat(d.get("completedBy").isNull()).isFalse();
        assertThat(d.get("actions")).isEmpty();

        // DONE is final: nothing moves it any more
        assertThat(post(base + "/" + taskId + "/start", irUser, "{}").statusCode()).isEqualTo(409);
        assertThat(post(base + "/" + taskId + "/completion", irUser, "{\"note\":\"lần nữa\"}").statusCode()).isEqualTo(409);
        var cancelDone = post(base + "/" + taskId + "/cancellation", coordinator, "{\"reason\":\"không cần\"}");
        assertThat(cancelDone.statusCode()).isEqualTo(409);
        assertThat(cancelDone.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(put(base + "/" + taskId, coordinator, "{\"ownerAgencyId\":\"" + f.owner.id() + "\",\"version\":"
                + d.get("version").asInt() + "}").statusCode()).isEqualTo(409);

        assertThat(jdbc.sql("SELECT kind FROM incident_event WHERE incident_id = ?::uuid AND kind LIKE 'TASK_%' ORDER BY id")
                .param(id).query(String.class).list()).containsExactly("TASK_CREATED", "TASK_STARTED", "TASK_DONE");
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE target_id = ? AND action LIKE 'incident.task.%'")
                .param(id).query(String.class).list()).containsExactlyInAnyOrder("incident.task.created",
                "incident.task.started", "incident.task.done");
    }

    @Test
    void anAgencyActingOnTheCaseAssignsOnlyWithinItsSubtreeAndTheCreatorSideCancels() {
        String id = incident("AMBER");
        String base = "/api/v1/incidents/" + id + "/tasks";
        Agency team = f.callers.agency(f.owner, "UNIT", "Tổ vận hành cổng");
        // the operator (owner department) may act on the case: tasks for itself and its units
        var own = post(base, operator, task("Cài lại máy chủ web 2", team.id(), null, null));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        assertThat(json(own).get("dueAt").isNull()).isTrue();
        // ... but only the coordinator assigns another agency
        assertThat(post(base, operator, task("Phân tích mã độc", f.irUnit.id(), null, null)).statusCode()).isEqualTo(403);
        // a viewer of the case's agency sees it but may not act on it
        Caller viewer = f.callers.caller(f.owner, Role.VIEWER);
        assertThat(post(base, viewer, task("Xem", f.owner.id(), null, null)).statusCode()).isEqualTo(403);

        String taskId = json(own).get("id").asString();
        // the task's owner becomes a party: the unit's responders see the (non-RED) case and work the task ...
        Caller teamUser = f.callers.caller(team, Role.INCIDENT_RESPONDER);
        assertThat(f.callers.get("/api/v1/incidents/" + id, teamUser.token()).statusCode()).isEqualTo(200);
        assertThat(post(base + "/" + taskId + "/start", teamUser, "{}").statusCode()).isEqualTo(200);
        // ... and so may the department above it (the owner's side, holding the unit in its scope)
        assertThat(post(base + "/" + taskId + "/completion", operator, "{\"note\":\" \"}").statusCode()).isEqualTo(400);
        var noReason = post(base + "/" + taskId + "/cancellation", operator, "{\"reason\":\" \"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("\"reason\"");
        var cancelled = post(base + "/" + taskId + "/cancellation", operator, "{\"reason\":\"Máy chủ đã được thay\"}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(json(cancelled).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(json(cancelled).get("cancelReason").asString()).isEqualTo("Máy chủ đã được thay");
        assertThat(post(base + "/" + taskId + "/completion", operator, "{\"note\":\"xong\"}").statusCode())
                .isEqualTo(409);
        assertThat(post(base + "/" + taskId + "/start", operator, "{}").statusCode()).isEqualTo(409);
    }

    @Test
    void reassignAndRedateUseTheVersionAndNotifyTheNewOwnerOnce() {
        String id = incident("AMBER");
        String base = "/api/v1/incidents/" + id + "/tasks";
        String taskId = json(post(base, coordinator, task("Chặn dải IP nguồn", f.irUnit.id(), null, later(4))))
                .get("id").asString();
        var stale = put(base + "/" + taskId, coordinator, "{\"ownerAgencyId\":\"" + f.owner.id() + "\",\"version\":7}");
        assertThat(stale.statusCode()).isEqualTo(409);
        var noVersion = put(base + "/" + taskId, coordinator, "{\"ownerAgencyId\":\"" + f.owner.id() + "\"}");
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(noVersion.body()).contains("\"version\"");
        var moved = put(base + "/" + taskId, coordinator, "{\"ownerAgencyId\":\"" + f.owner.id() + "\",\"dueAt\":\""
                + later(48) + "\",\"version\":0}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(json(moved).get("ownerAgency").get("id").asString()).isEqualTo(f.owner.id().toString());
        assertThat(json(moved).get("version").asInt()).isEqualTo(1);
        assertThat(notifications(taskId, f.owner.id())).isEqualTo(1);
        // back to the IR unit: the unit was told about this task already, it is not told twice
        assertThat(put(base + "/" + taskId, coordinator, "{\"ownerAgencyId\":\"" + f.irUnit.id() + "\",\"version\":1}")
                .statusCode()).isEqualTo(200);
        assertThat(notifications(taskId, f.irUnit.id())).isEqualTo(1);
        // the owner side re-dates within its subtree, but cannot hand the task to an agency outside it
        var redated = put(base + "/" + taskId, irUser, "{\"ownerAgencyId\":\"" + f.irUnit.id() + "\",\"dueAt\":\""
                + later(72) + "\",\"version\":2}");
        assertThat(redated.statusCode()).as(redated.body()).isEqualTo(200);
        assertThat(put(base + "/" + taskId, irUser, "{\"ownerAgencyId\":\"" + f.owner.id() + "\",\"version\":3}")
                .statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT kind FROM incident_event WHERE incident_id = ?::uuid AND kind LIKE 'TASK_%' ORDER BY id")
                .param(id).query(String.class).list())
                .containsExactly("TASK_CREATED", "TASK_REASSIGNED", "TASK_REASSIGNED", "TASK_REDATED");
        // past its due time and still open: overdue
        jdbc.sql("UPDATE incident_task SET due_at = now() - interval '1 minute' WHERE id = ?::uuid").param(taskId).update();
        assertThat(json(f.callers.get(base + "/" + taskId, irUser.token())).get("overdue").asBoolean()).isTrue();
    }

    @Test
    void badInputIs400WithFieldPaths() {
        String id = incident("AMBER");
        String base = "/api/v1/incidents/" + id + "/tasks";
        Agency elsewhere = f.callers.agency(f.root, "PROVINCE", "Tỉnh của người dùng khác");
        Caller stranger = f.callers.caller(elsewhere, Role.VIEWER);
        var r = post(base, coordinator, "{\"title\":\"" + "x".repeat(301) + "\",\"ownerAgencyId\":\"" + f.irUnit.id()
                + "\",\"ownerUserId\":\"" + stranger.userId() + "\",\"orderId\":\"" + UUID.randomUUID()
                + "\",\"dueAt\":\"mai\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        json(r).get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("title", "ownerUserId", "orderId", "dueAt");
        var empty = post(base, coordinator, "{}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("\"title\"", "\"ownerAgencyId\"");
        var past = post(base, coordinator, task("Quá khứ", f.irUnit.id(), null, "2020-01-01T08:00:00+07:00"));
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(past.body()).contains("\"dueAt\"");
        var unknown = post(base, coordinator, task("Không có cơ quan", UUID.randomUUID(), null, null));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"ownerAgencyId\"");
        var malformed = post(base, coordinator, "{\"title\":\"x\",\"ownerAgencyId\":\"không-phải-uuid\"}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM incident_task WHERE incident_id = ?::uuid").param(id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anotherProvinceSeesNothingAndTlpRedStaysWithTheNamedParties() {
        String id = incident("AMBER");
        String base = "/api/v1/incidents/" + id + "/tasks";
        String taskId = json(post(base, coordinator, task("Thu thập nhật ký", f.irUnit.id(), null, null)))
                .get("id").asString();
        Agency other = f.callers.agency(f.root, "PROVINCE", "Tỉnh khác (nhiệm vụ)");
        Caller outsider = f.callers.caller(other, Role.INCIDENT_RESPONDER);
        assertThat(f.callers.get(base, outsider.token()).statusCode()).isEqualTo(404);
        assertThat(f.callers.get(base + "/" + taskId, outsider.token()).statusCode()).isEqualTo(404);
        assertThat(post(base, outsider, task("x", other.id(), null, null)).statusCode()).isEqualTo(404);
        assertThat(post(base + "/" + taskId + "/start", outsider, "{}").statusCode()).isEqualTo(404);
        assertThat(post(base + "/" + taskId + "/completion", outsider, "{\"note\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(put(base + "/" + taskId, outsider, "{\"ownerAgencyId\":\"" + other.id() + "\",\"version\":0}")
                .statusCode()).isEqualTo(404);
        // a task id of another case is not found through this one
        String otherCase = incident("AMBER");
        assertThat(f.callers.get("/api/v1/incidents/" + otherCase + "/tasks/" + taskId, irUser.token()).statusCode())
                .isEqualTo(404);

        String red = incident("RED");
        String redBase = "/api/v1/incidents/" + red + "/tasks";
        // a TLP:RED case never leaves its named parties: no task for an agency that is not one
        Agency unnamed = f.callers.agency(f.owner, "UNIT", "Tổ kỹ thuật");
        var notNamed = post(redBase, coordinator, task("Cô lập máy trạm", unnamed.id(), null, null));
        assertThat(notNamed.statusCode()).as(notNamed.body()).isEqualTo(400);
        assertThat(notNamed.body()).contains("\"ownerAgencyId\"");
        var created = post(redBase, coordinator, task("Cô lập máy trạm", f.irUnit.id(), null, null));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String redTask = json(created).get("id").asString();
        // the province above the owner holds the scope but is not a named party of a TLP:RED case
        Caller provinceResponder = f.callers.caller(f.province, Role.INCIDENT_RESPONDER);
        assertThat(f.callers.get(base, provinceResponder.token()).statusCode()).isEqualTo(200);
        assertThat(f.callers.get(redBase, provinceResponder.token()).statusCode()).isEqualTo(404);
        assertThat(f.callers.get(redBase + "/" + redTask, provinceResponder.token()).statusCode()).isEqualTo(404);
        assertThat(post(redBase + "/" + redTask + "/start", provinceResponder, "{}").statusCode()).isEqualTo(404);
        assertThat(json(f.callers.get(redBase, irUser.token())).get("items")).hasSize(1);
    }

    @Test
    void aClosedCaseTakesNoNewTasks() {
        String id = incident("GREEN");
        String base = "/api/v1/incidents/" + id + "/tasks";
        jdbc.sql("UPDATE incident SET state = 'CLOSED' WHERE id = ?::uuid").param(id).update();
        var r = post(base, coordinator, task("Sau khi đóng", f.irUnit.id(), null, null));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(r.body()).contains("đã đóng");
    }
}
