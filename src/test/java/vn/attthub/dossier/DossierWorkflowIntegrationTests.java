package vn.attthub.dossier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers.Agency;
import vn.attthub.shared.Role;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator → appraiser → approver path over HTTP (Decree 85/2016 Art 12, 14, 15, 16, 17). */
@IntegrationTest
class DossierWorkflowIntegrationTests {
    static final JsonMapper JSON = JsonMapper.builder().build();
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OverdueSteps overdueSteps;
    @Autowired
    DossierOverview overview;
    @Autowired
    vn.attthub.document.DemoCertificateAuthority demoCa;
    @Autowired
    vn.attthub.document.SignatureVerifier verifier;
    DossierFixtures f;

    @BeforeEach
    void setUp() {
        f = new DossierFixtures(jdbc, port);
    }

    static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    String create(String token, UUID system, int level) {
        var r = f.callers.postJson("/api/v1/dossiers", token, "{\"systemId\":\"" + system + "\",\"proposedLevel\":"
                + level + ",\"justification\":\"Thuyết minh theo Điều 21 Luật 86/2015/QH13: tổn hại nghiêm trọng.\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asString();
    }

    List<String> actions(JsonNode d) {
        List<String> out = new ArrayList<>();
        d.get("actions").forEach(a -> out.add(a.get("action").asString()));
        return out;
    }

    @Test
    void level3GoesFromTheOperatorToTheSecurityUnitAndTheOwner_Art12_2_14_1_c_14_3_b() {
        var p = f.province();
        demoCa.issueFor(vn.attthub.shared.AgencyId.of(p.province().id()));
        UUID system = f.system(p.province(), p.office(), "CITIZEN_BUSINESS_SERVICE", 3);
        String id = create(p.operator().token(), system, 3);

        // submission is refused, naming what is missing (Art 15)
        var early = f.act(id, p.operator().token(), "SUBMIT", null, null);
        assertThat(early.statusCode()).isEqualTo(422);
        assertThat(early.body()).contains("SYSTEM_OVERVIEW").contains("DESIGN").contains("LEVEL_JUSTIFICATION")
                .contains("SECURITY_PLAN_JUSTIFICATION");
        // type and size checks of the uploads
        assertThat(f.upload(id, p.operator().token(), "DESIGN", "x.png", "image/png",
                new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0}).statusCode()).isEqualTo(415);
        assertThat(f.upload(id, p.operator().token(), "PROFESSIONAL_OPINION", "o.pdf", "application/pdf",
                DossierFixtures.PDF).statusCode()).isEqualTo(400);
        f.uploadOperatorDocuments(id, p.operator().token());
        // a second version of a document is kept with its own SHA-256
        assertThat(f.upload(id, p.operator().token(), "DESIGN", "design-v2.pdf", "application/pdf",
                (new String(DossierFixtures.PDF) + "% v2\n").getBytes()).statusCode()).isEqualTo(201);

        // the security unit does not see a draft: it becomes the appraiser only when the dossier is submitted
        assertThat(f.act(id, p.appraiser().token(), "ACCEPT_COMPLETE", null, null).statusCode()).isEqualTo(404);
        assertThat(f.callers.get("/api/v1/dossiers/" + id, p.appraiser().token()).statusCode()).isEqualTo(404);
        var submitted = f.act(id, p.operator().token(), "SUBMIT", null, null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        JsonNode d = json(submitted);
        assertThat(d.get("state").asString()).isEqualTo("SUBMITTED");
        assertThat(d.get("appraiser").asString()).isEqualTo(p.securityUnit().id().toString());
        assertThat(d.get("approver").asString()).isEqualTo(p.province().id().toString());
        JsonNode completeness = d.get("steps").get(0);
        assertThat(completeness.get("kind").asString()).isEqualTo("COMPLETENESS_CHECK");
        assertThat(completeness.get("dueAt").isNull()).isFalse();
        assertThat(completeness.get("overdue").asBoolean()).isFalse();

        // the operator may not appraise (403: it sees the dossier); the wrong state names what is allowed (409)
        assertThat(f.act(id, p.operator().token(), "ACCEPT_COMPLETE", null, null).statusCode()).isEqualTo(403);
        var wrong = f.act(id, p.appraiser().token(), "APPROVE", null, null);
        assertThat(wrong.statusCode()).isEqualTo(409);
        assertThat(wrong.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(json(wrong).get("allowedActions").toString()).contains("ACCEPT_COMPLETE").contains("RETURN_INCOMPLETE");

        // return as incomplete with a reason, resubmit, accept, appraise
        assertThat(f.act(id, p.appraiser().token(), "RETURN_INCOMPLETE", null, null).statusCode()).isEqualTo(400);
        assertThat(json(f.act(id, p.appraiser().token(), "RETURN_INCOMPLETE", "Bổ sung sơ đồ mạng", null))
                .get("state").asString()).isEqualTo("RETURNED_INCOMPLETE");
        assertThat(json(f.act(id, p.operator().token(), "SUBMIT", null, null)).get("state").asString())
                .isEqualTo("SUBMITTED");
        d = json(f.act(id, p.appraiser().token(), "ACCEPT_COMPLETE", "Hồ sơ hợp lệ", null));
        assertThat(d.get("state").asString()).isEqualTo("UNDER_APPRAISAL");
        JsonNode appraisal = last(d.get("steps"));
        assertThat(appraisal.get("kind").asString()).isEqualTo("APPRAISAL");
        assertThat(appraisal.get("legalBasis").asString()).contains("16.2.a");
        // 15 calendar days (Art 16.2.a): the end of the 15th day after the complete dossier
        Instant started = Instant.parse(appraisal.get("startedAt").asString());
        Instant due = Instant.parse(appraisal.get("dueAt").asString());
        assertThat(java.time.Duration.between(started, due).toDays()).isBetween(15L, 16L);
        d = json(f.act(id, p.appraiser().token(), "APPRAISE", "Đề xuất cấp độ 3 phù hợp", "Văn bản 12/SKHCN-ATTT"));
        assertThat(d.get("state").asString()).isEqualTo("APPRAISED");
        d = json(f.act(id, p.operator().token(), "SUBMIT_FOR_APPROVAL", null, null));
        assertThat(d.get("state").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(last(d.get("steps")).get("kind").asString()).isEqualTo("APPROVAL");
        assertThat(actions(json(f.callers.get("/api/v1/dossiers/" + id, p.approver().token()))))
                .containsExactly("APPROVE", "REJECT");
        assertThat(f.act(id, p.appraiser().token(), "APPROVE", null, null).statusCode()).isEqualTo(403);

        d = json(f.act(id, p.approver().token(), "APPROVE", "Phê duyệt", null));
        assertThat(d.get("state").asString()).isEqualTo("APPROVED");
        assertThat(d.get("decisionAvailable").asBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT approved_level FROM information_system WHERE id = ?").param(system)
                .query(Integer.class).single()).isEqualTo(3);
        // the timeline keeps who, when, the document versions with SHA-256 and the rule applied (D6)
        JsonNode approve = null;
        for (JsonNode e : d.get("timeline")) if (e.get("action").asString().equals("APPROVE")) approve = e;
        assertThat(approve.get("rule").asString()).contains("12.2.b").contains("17.2").contains("ND85");
        assertThat(approve.get("documents").size()).isEqualTo(4);
        assertThat(approve.get("documents").toString()).contains("\"version\":2").contains("sha256");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE target_id = ? AND action LIKE 'dossier.%'")
                .param(id).query(Integer.class).single()).isGreaterThanOrEqualTo(12);

        var decision = f.getBytes("/api/v1/dossiers/" + id + "/decision.pdf", p.approver().token());
        assertThat(decision.statusCode()).isEqualTo(200);
        assertThat(decision.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        // the decision is signed with the approving agency's key and verifies (PAdES)
        var report = verifier.verify(decision.body());
        assertThat(report.verdict()).isEqualTo(vn.attthub.document.SignatureReport.Verdict.VALID);
        assertThat(report.signatures()).hasSize(1);
        var summary = f.callers.get("/api/v1/dossiers/" + id + "/summary.pdf", p.operator().token());
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(summary.body()).startsWith("%PDF");

        // re-determination (Art 18): a new version; the approved one is superseded only when the new one is approved
        String v2 = create(p.operator().token(), system, 3);
        JsonNode second = json(f.callers.get("/api/v1/dossiers/" + v2, p.operator().token()));
        assertThat(second.get("version").asInt()).isEqualTo(2);
        assertThat(second.get("versions").size()).isEqualTo(2);
        assertThat(json(f.callers.get("/api/v1/dossiers/" + id, p.operator().token())).get("state").asString())
                .isEqualTo("APPROVED");
        // only one dossier in progress per system
        assertThat(f.callers.postJson("/api/v1/dossiers", p.operator().token(), "{\"systemId\":\"" + system
                + "\",\"proposedLevel\":3,\"justification\":\"x\"}").statusCode()).isEqualTo(409);
    }

    @Test
    void level4AsksTheSecurityUnitsOpinionAndGoesToTheNationalAppraisalAuthority_Art12_3_14_1_d() {
        var p = f.province();
        demoCa.issueFor(vn.attthub.shared.AgencyId.of(p.province().id()));
        Agency national = f.nationalAppraisalAuthority();
        var nationalAppraiser = f.callers.caller(national, Role.APPRAISER);
        UUID system = f.system(p.province(), p.office(), "INFORMATION_INFRASTRUCTURE", null);
        String id = create(p.operator().token(), system, 4);
        f.uploadOperatorDocuments(id, p.operator().token());
        JsonNode d = json(f.act(id, p.operator().token(), "SUBMIT", null, null));
        assertThat(d.get("state").asString()).isEqualTo("AWAITING_PROFESSIONAL_OPINION");
        assertThat(d.get("opinionGiver").get("id").asString()).isEqualTo(p.securityUnit().id().toString());
        assertThat(d.get("appraiser").asString()).isEqualTo(national.id().toString());
        assertThat(d.get("approver").asString()).isEqualTo(p.province().id().toString());
        assertThat(d.get("requiredDocuments").toString()).contains("PROFESSIONAL_OPINION");

        // the opinion needs its document (Art 15.5), uploaded by the security unit
        assertThat(f.act(id, p.appraiser().token(), "GIVE_OPINION", null, null).statusCode()).isEqualTo(422);
        assertThat(f.upload(id, p.operator().token(), "PROFESSIONAL_OPINION", "y-kien.pdf", "application/pdf",
                DossierFixtures.PDF).statusCode()).isEqualTo(403);
        assertThat(f.upload(id, p.appraiser().token(), "PROFESSIONAL_OPINION", "y-kien.pdf", "application/pdf",
                DossierFixtures.PDF).statusCode()).isEqualTo(201);
        d = json(f.act(id, p.appraiser().token(), "GIVE_OPINION", "Đồng ý đề xuất cấp độ 4", null));
        assertThat(d.get("state").asString()).isEqualTo("SUBMITTED");
        // the province's security unit is not the appraiser of a level-4 dossier
        assertThat(f.act(id, p.appraiser().token(), "ACCEPT_COMPLETE", null, null).statusCode()).isEqualTo(403);
        assertThat(json(f.act(id, nationalAppraiser.token(), "ACCEPT_COMPLETE", null, null)).get("state").asString())
                .isEqualTo("UNDER_APPRAISAL");
        d = json(f.callers.get("/api/v1/dossiers/" + id, nationalAppraiser.token()));
        JsonNode appraisal = last(d.get("steps"));
        assertThat(appraisal.get("legalBasis").asString()).contains("16.2.b");
        Instant started = Instant.parse(appraisal.get("startedAt").asString());
        assertThat(java.time.Duration.between(started, Instant.parse(appraisal.get("dueAt").asString())).toDays())
                .isBetween(30L, 31L);
        json(f.act(id, nationalAppraiser.token(), "APPRAISE", "Phù hợp cấp độ 4", "Văn bản 45/A05"));
        json(f.act(id, p.operator().token(), "SUBMIT_FOR_APPROVAL", null, null));
        d = json(f.act(id, p.approver().token(), "APPROVE", "Phê duyệt cấp độ 4", null));
        assertThat(d.get("state").asString()).isEqualTo("APPROVED");
        assertThat(jdbc.sql("SELECT approved_level FROM information_system WHERE id = ?").param(system)
                .query(Integer.class).single()).isEqualTo(4);
    }

    @Test
    void aMinistryAppraisingItsOwnSystemsIsRegistryData_Art12_3_b_c() {
        Agency ministry = f.callers.agency(f.callers.root(), "MINISTRY", "Bộ Quốc phòng (kiểm thử)");
        Agency cyber = f.callers.agency(ministry, "DEPARTMENT", "Bộ Tư lệnh 86 (kiểm thử)");
        Agency unit = f.callers.agency(ministry, "DEPARTMENT", "Cục CNTT (kiểm thử)");
        f.role(unit.id(), "SECURITY_UNIT", ministry.id());
        f.role(cyber.id(), "NATIONAL_APPRAISAL_AUTHORITY", ministry.id());
        f.nationalAppraisalAuthority();
        var operator = f.callers.caller(unit, Role.SYSTEM_OPERATOR);
        UUID system = f.system(ministry, unit, "INFORMATION_INFRASTRUCTURE", null);
        String id = create(operator.token(), system, 4);
        f.uploadOperatorDocuments(id, operator.token());
        JsonNode d = json(f.act(id, operator.token(), "SUBMIT", null, null));
        assertThat(d.get("appraiser").asString()).isEqualTo(cyber.id().toString());
    }

    @Test
    void overdueStepsAreFlaggedOnceToTheResponsibleAgencyAndItsSuperior() {
        var p = f.province();
        UUID system = f.system(p.province(), p.office(), "CITIZEN_BUSINESS_SERVICE", 3);
        String id = create(p.operator().token(), system, 3);
        f.uploadOperatorDocuments(id, p.operator().token());
        f.act(id, p.operator().token(), "SUBMIT", null, null);
        jdbc.sql("UPDATE dossier_step SET due_at = now() - interval '1 day' WHERE dossier_id = ?::uuid").param(id)
                .update();
        assertThat(overdueSteps.flag(Instant.now())).isGreaterThanOrEqualTo(1);
        assertThat(overdueSteps.flag(Instant.now())).isZero();
        assertThat(jdbc.sql("SELECT string_agg(recipient, ',' ORDER BY recipient) FROM dossier_overdue_notice n "
                + "JOIN dossier_step s ON s.id = n.step_id WHERE s.dossier_id = ?::uuid").param(id)
                .query(String.class).single()).isEqualTo("RESPONSIBLE,SUPERIOR");
        JsonNode d = json(f.callers.get("/api/v1/dossiers/" + id, p.operator().token()));
        assertThat(d.get("steps").get(0).get("overdue").asBoolean()).isTrue();
        var view = f.callers.get("/api/v1/dossiers/overdue", p.approver().token());
        assertThat(view.body()).contains(id).contains("RESPONSIBLE:" + p.securityUnit().code())
                .contains("SUPERIOR:" + p.province().code());
        assertThat(overview.overdueStepsWithin(vn.attthub.shared.AgencyId.of(p.province().id()), Instant.now()))
                .isEqualTo(1);
        assertThat(overview.countsByStateWithin(vn.attthub.shared.AgencyId.of(p.province().id()))
                .get(DossierState.SUBMITTED)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE target_id = ? AND action = 'dossier.step-overdue'")
                .param(id).query(Integer.class).single()).isEqualTo(1);
        // both agencies are notified once, in Vietnamese, with a link to the dossier
        var sent = jdbc.sql("SELECT agency_id, subject, body FROM notification WHERE template = 'dossier-step-overdue'"
                        + " AND link = ? ORDER BY created_at").param("/dossiers/" + id)
                .query((rs, i) -> java.util.List.of(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        assertThat(sent).extracting(n -> n.get(0)).containsExactlyInAnyOrder(p.securityUnit().id().toString(),
                p.province().id().toString());
        assertThat(sent.get(0).get(1)).startsWith("[ATTT Hub] Quá hạn: Kiểm tra tính hợp lệ");
        assertThat(sent).extracting(n -> n.get(2)).anySatisfy(b -> assertThat(b).contains("cơ quan cấp trên"))
                .allSatisfy(b -> assertThat(b).contains("/dossiers/" + id, "đã quá thời hạn xử lý"));
        assertThat(jdbc.sql("SELECT count(*) FROM notification_delivery d JOIN notification n ON n.id = d.notification_id"
                        + " JOIN app_user u ON u.id = d.user_id WHERE n.link = ? AND d.channel = 'IN_APP'"
                        + " AND u.agency_id = ?").params("/dossiers/" + id, p.province().id())
                .query(Integer.class).single()).as("the approver of the province sees it in-app").isPositive();
    }

    @Test
    void theProposedLevelNeedsAJustificationWhenTheRulesGiveNoneOrAnotherLevel_D3() {
        var p = f.province();
        UUID system = f.system(p.province(), p.office(), "OTHER", null);
        var none = f.callers.postJson("/api/v1/dossiers", p.operator().token(), "{\"systemId\":\"" + system + "\"}");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("proposedLevel");
        var noText = f.callers.postJson("/api/v1/dossiers", p.operator().token(),
                "{\"systemId\":\"" + system + "\",\"proposedLevel\":2}");
        assertThat(noText.statusCode()).isEqualTo(400);
        assertThat(noText.body()).contains("justification").contains("Điều 21");
        // another province's operator does not see the system
        var other = f.province();
        assertThat(f.callers.postJson("/api/v1/dossiers", other.operator().token(), "{\"systemId\":\"" + system
                + "\",\"proposedLevel\":2,\"justification\":\"x\"}").statusCode()).isEqualTo(404);
    }

    static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }
}
