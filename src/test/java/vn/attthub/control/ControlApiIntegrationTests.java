package vn.attthub.control;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.shared.Role;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The control API as an operator and an outsider use it. */
@IntegrationTest
class ControlApiIntegrationTests {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String MFA = "TCVN11930-T-3.1-TT03.3.1";
    static final String BACKUP = "TCVN11930-T-4.3";
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    JsonMapper json;

    TestCallers callers;
    TestCallers.Agency province, department, otherProvince;
    TestCallers.Caller operator, outsider, viewer;
    ControlFixtures.System system;
    ControlFixtures fixtures;

    @BeforeEach
    void aLevel3SystemOfAProvince() {
        callers = new TestCallers(jdbc, port);
        province = callers.agency(callers.root(), "PROVINCE", "Tỉnh tuân thủ");
        department = callers.agency(province, "DEPARTMENT", "Sở vận hành");
        otherProvince = callers.agency(callers.root(), "PROVINCE", "Tỉnh khác");
        operator = callers.caller(department, Role.SYSTEM_OPERATOR);
        viewer = callers.caller(province, Role.VIEWER);
        outsider = callers.caller(otherProvince, Role.SECURITY_OFFICER);
        fixtures = new ControlFixtures(jdbc, tx, events);
        system = fixtures.system(province, department, "OPERATING");
        fixtures.approve(system, 3, null, Instant.now().minusSeconds(3600));
    }

    JsonNode body(HttpResponse<String> r) {
        return json.readTree(r.body());
    }

    HttpResponse<String> put(String path, String token, String ifMatch, String body) {
        HttpRequest.Builder b = callers.request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) b.header("If-Match", ifMatch);
        return callers.send(b);
    }

    String itemPath(String requirement) {
        return "/api/v1/systems/" + system.id() + "/baseline/" + requirement;
    }

    @Test
    void theOperatorReadsTheBaselineAndUpdatesARequirementWithIfMatch() {
        HttpResponse<String> baseline = callers.get("/api/v1/systems/" + system.id() + "/baseline", operator.token());
        assertThat(baseline.statusCode()).as(baseline.body()).isEqualTo(200);
        JsonNode b = body(baseline);
        assertThat(b.get("level").asInt()).isEqualTo(3);
        assertThat(b.get("compliance").get("compliant").asInt()).isZero();
        assertThat(b.get("items").findValuesAsString("id")).contains(MFA, "TCVN11930-M-5.6-TT31.5");
        JsonNode mfa = null;
        for (JsonNode i : b.get("items")) if (i.get("requirement").get("id").asString().equals(MFA)) mfa = i;
        assertThat(mfa.get("requirement").get("confirmed").asBoolean()).isFalse();
        assertThat(mfa.get("requirement").get("citation").asString()).contains("Điều 3");
        assertThat(b.get("assessments").findValuesAsString("obligationId")).contains("ND85-20.2.c-L3L4", "ND85-20.2.c-ORG");

        HttpResponse<String> item = callers.get(itemPath(MFA), operator.token());
        String etag = item.headers().firstValue("ETag").orElseThrow();
        String change = """
                {"status":"PLANNED","ownerAgencyId":"%s","ownerName":"Phòng CNTT","dueOn":"2027-06-30","note":"Triển khai OTP"}"""
                .formatted(department.id());
        assertThat(put(itemPath(MFA), operator.token(), null, change).statusCode()).isEqualTo(428);
        assertThat(put(itemPath(MFA), operator.token(), "\"99\"", change).statusCode()).isEqualTo(412);
        HttpResponse<String> updated = put(itemPath(MFA), operator.token(), etag, change);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(body(updated).get("status").asString()).isEqualTo("PLANNED");
        assertThat(body(updated).get("ownerAgencyName").asString()).isEqualTo("Sở vận hành");
        assertThat(updated.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);

        // A viewer reads but may not change; an outsider does not even see the system.
        assertThat(put(itemPath(MFA), viewer.token(), "*", change).statusCode()).isEqualTo(403);
        assertThat(callers.get("/api/v1/systems/" + system.id() + "/baseline", outsider.token()).statusCode()).isEqualTo(404);
        assertThat(put(itemPath(MFA), outsider.token(), "*", change).statusCode()).isEqualTo(404);

        Integer audited = jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'control.requirement-updated' AND target_id = ?")
                .param(system.id().toString()).query(Integer.class).single();
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void notApplicableNeedsAJustificationAndUnknownFieldsAreRefused() {
        HttpResponse<String> r = put(itemPath(BACKUP), operator.token(), "*", "{\"status\":\"NOT_APPLICABLE\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().contains("problem+json");
        assertThat(r.body()).contains("justification");
        HttpResponse<String> unknown = put(itemPath(BACKUP), operator.token(), "*", "{\"status\":\"PLANNED\",\"colour\":\"red\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("colour");
        HttpResponse<String> ok = put(itemPath(BACKUP), operator.token(), "*",
                "{\"status\":\"NOT_APPLICABLE\",\"justification\":\"Dữ liệu sao lưu do hệ thống dùng chung của tỉnh đảm nhận\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode b = body(callers.get("/api/v1/systems/" + system.id() + "/baseline", operator.token()));
        int applicable = b.get("compliance").get("applicable").asInt();
        assertThat(applicable).isEqualTo(b.get("items").size() - 1);
    }

    @Test
    void evidenceMakesARequirementCompliantUntilItExpiresAndServesSeveralSystems() {
        put(itemPath(BACKUP), operator.token(), "*", "{\"status\":\"IMPLEMENTED\"}");
        LocalDate today = LocalDate.now(ZONE);
        HttpResponse<String> created = callers.postJson("/api/v1/evidence", operator.token(), """
                {"title":"Biên bản kiểm tra sao lưu quý","url":"https://tailieu.example.gov.vn/sao-luu.pdf",
                 "effectiveOn":"%s","expiresOn":"%s","systemId":"%s","requirementId":"%s"}"""
                .formatted(today.minusDays(30), today.plusDays(60), system.id(), BACKUP));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String evidenceId = body(created).get("id").asString();
        JsonNode item = body(callers.get(itemPath(BACKUP), operator.token()));
        assertThat(item.get("compliant").asBoolean()).isTrue();
        assertThat(item.get("evidence").get(0).get("validity").asString()).isEqualTo("CURRENT");

        // The same evidence backs a second system of the province.
        ControlFixtures.System second = fixtures.system(province, department, "OPERATING");
        fixtures.approve(second, 2, null, Instant.now().minusSeconds(60));
        HttpResponse<String> linked = callers.postJson("/api/v1/evidence/" + evidenceId + "/links", operator.token(),
                "{\"systemId\":\"%s\",\"requirementId\":\"%s\"}".formatted(second.id(), BACKUP));
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(201);
        assertThat(body(linked).get("links")).hasSize(2);
        assertThat(callers.postJson("/api/v1/evidence/" + evidenceId + "/links", operator.token(),
                "{\"systemId\":\"%s\",\"requirementId\":\"%s\"}".formatted(second.id(), BACKUP)).statusCode()).isEqualTo(409);
        assertThat(callers.get("/api/v1/evidence/" + evidenceId, outsider.token()).statusCode()).isEqualTo(404);

        // Expired evidence: the requirement becomes stale by itself, and compliance drops.
        jdbc.sql("UPDATE control_evidence SET effective_on = ?, expires_on = ? WHERE id = ?::uuid")
                .params(today.minusDays(400), today.minusDays(1), evidenceId).update();
        // As time passing would leave them: counters exact until the evidence's last valid day, yesterday.
        jdbc.sql("UPDATE control_baseline SET counters_valid_until = ? WHERE system_id IN (?, ?)")
                .params(today.minusDays(1), system.id(), second.id()).update();
        JsonNode stale = body(callers.get(itemPath(BACKUP), operator.token()));
        assertThat(stale.get("stale").asBoolean()).isTrue();
        assertThat(stale.get("compliant").asBoolean()).isFalse();
        assertThat(stale.get("evidence").get(0).get("validity").asString()).isEqualTo("EXPIRED");
        JsonNode report = body(callers.get("/api/v1/compliance?agencyId=" + province.id(), viewer.token()));
        assertThat(report.get("total").get("stale").asLong()).isEqualTo(1); // the second system's level-2 item is NOT_STARTED
    }

    @Test
    void invalidEvidenceIsRefusedWithFieldErrors() {
        HttpResponse<String> r = callers.postJson("/api/v1/evidence", operator.token(), """
                {"title":"","url":"javascript:alert(1)","effectiveOn":"2026-05-01","expiresOn":"2026-04-01",
                 "systemId":"%s","requirementId":"%s"}""".formatted(system.id(), BACKUP));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"title\"", "\"url\"", "\"expiresOn\"");
        HttpResponse<String> foreign = callers.postJson("/api/v1/evidence", outsider.token(), """
                {"title":"x","url":"https://a.example","effectiveOn":"2026-05-01","systemId":"%s","requirementId":"%s"}"""
                .formatted(system.id(), BACKUP));
        assertThat(foreign.statusCode()).isEqualTo(404);
    }

    @Test
    void aFileIsStoredAsEvidenceWithItsHashAndCanBeDownloaded() {
        String boundary = "attt-evidence";
        String pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bao-cao.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n" + pdf + "\r\n"
                + part(boundary, "title", "Báo cáo rà soát lỗ hổng") + part(boundary, "effectiveOn", "01/01/2026")
                + part(boundary, "systemId", system.id().toString()) + part(boundary, "requirementId", "TCVN11930-M-5.7")
                + "--" + boundary + "--\r\n";
        HttpResponse<String> r = callers.send(callers.request("/api/v1/evidence", operator.token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart, StandardCharsets.UTF_8)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode e = body(r);
        assertThat(e.get("kind").asString()).isEqualTo("FILE");
        assertThat(e.get("sha256").asString()).hasSize(64);
        assertThat(e.get("effectiveOn").asString()).isEqualTo("2026-01-01");
        HttpResponse<String> file = callers.get("/api/v1/evidence/" + e.get("id").asString() + "/file", viewer.token());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).startsWith("%PDF");

        String exe = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"virus.exe\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nMZ\u0090\u0000binary\r\n"
                + part(boundary, "title", "x") + part(boundary, "effectiveOn", "2026-01-01")
                + part(boundary, "systemId", system.id().toString()) + part(boundary, "requirementId", "TCVN11930-M-5.7")
                + "--" + boundary + "--\r\n";
        HttpResponse<String> refused = callers.send(callers.request("/api/v1/evidence", operator.token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(exe, StandardCharsets.UTF_8)));
        assertThat(refused.statusCode()).isEqualTo(415);
    }

    static String part(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    @Test
    void complianceRollsUpOverTheSubtreeAndAssessmentsCanBeCompleted() {
        ControlFixtures.System unapproved = fixtures.system(province, department, "OPERATING");
        JsonNode report = body(callers.get("/api/v1/compliance?agencyId=" + province.id(), viewer.token()));
        assertThat(report.get("total").get("operating").asLong()).isEqualTo(2);
        assertThat(report.get("total").get("operatingApproved").asLong()).isEqualTo(1);
        assertThat(report.get("total").get("approvedPercent").asInt()).isEqualTo(50);
        assertThat(report.get("total").get("baselines").asLong()).isEqualTo(1);
        assertThat(report.get("targetApprovedPercent").asInt()).isEqualTo(100);
        assertThat(report.get("children").findValuesAsString("code")).contains(department.code());
        assertThat(callers.get("/api/v1/compliance?agencyId=" + province.id(), outsider.token()).statusCode()).isEqualTo(404);
        assertThat(unapproved.id()).isNotNull();

        // Overdue: move the system's task into the past, then complete it; the next one is due a year later.
        jdbc.sql("UPDATE control_assessment SET due_on = ? WHERE system_id = ?")
                .params(LocalDate.now(ZONE).minusDays(3), system.id()).update();
        JsonNode tasks = body(callers.get("/api/v1/assessments?agencyId=" + province.id(), viewer.token()));
        JsonNode task = null;
        for (JsonNode t : tasks.get("items")) if (system.id().toString().equals(t.get("systemId").asString())) task = t;
        assertThat(task.get("overdue").asBoolean()).isTrue();
        assertThat(body(callers.get("/api/v1/compliance?agencyId=" + province.id(), viewer.token()))
                .get("total").get("assessmentsOverdue").asLong()).isEqualTo(1);
        LocalDate done = LocalDate.now(ZONE).minusDays(1);
        HttpResponse<String> completed = callers.send(callers.request("/api/v1/assessments/" + task.get("id").asString()
                        + "/completion", operator.token()).header("Content-Type", "application/json")
                .header("If-Match", "\"" + task.get("version").asInt() + "\"")
                .POST(HttpRequest.BodyPublishers.ofString("{\"completedOn\":\"" + done + "\",\"note\":\"Đánh giá bởi đơn vị được cấp phép\"}")));
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        LocalDate nextDue = jdbc.sql("SELECT due_on FROM control_assessment WHERE system_id = ? AND completed_on IS NULL")
                .param(system.id()).query(LocalDate.class).single();
        assertThat(nextDue).isEqualTo(done.plusYears(1));
    }

    @Test
    void theCatalogSaysWhatIsConfirmed() {
        JsonNode c = body(callers.get("/api/v1/catalog", viewer.token()));
        assertThat(c.get("regime").asString()).isEqualTo("ND85");
        assertThat(c.get("groups")).hasSize(11);
        boolean anyConfirmed = false, anyUnconfirmed = false;
        for (JsonNode r : c.get("requirements")) {
            assertThat(r.get("citation").asString()).isNotBlank();
            if (r.get("confirmed").asBoolean()) anyConfirmed = true;
            else {
                anyUnconfirmed = true;
                assertThat(r.get("note").asString()).as(r.get("id").asString()).isNotBlank();
            }
        }
        assertThat(anyConfirmed).isTrue();
        assertThat(anyUnconfirmed).isTrue();
    }
}
