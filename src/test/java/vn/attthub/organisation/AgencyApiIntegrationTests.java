package vn.attthub.organisation;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.attthub.IntegrationTest;
import vn.attthub.shared.AgencyId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AgencyApiIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RootAgency rootAgency;
    @Autowired
    AgencyRoles agencyRoles;

    ApiClient admin;
    UUID root;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        root = rootAgency.ensure().value();
    }

    static List<String> codes(JsonNode page) {
        List<String> codes = new ArrayList<>();
        page.get("items").forEach(i -> codes.add(i.get("code").asString()));
        return codes;
    }

    @Test
    void createsReadsAndUpdatesWithEtagAndIfMatch() {
        String code = ApiClient.unique("P");
        ApiClient.Response created = admin.post("/api/v1/agencies", """
                {"code":"%s","name":"UBND tỉnh Kiểm Thử","nameEn":"Test Province","kind":"PROVINCE",
                 "parentId":"%s","address":"Số 1 đường Thử","validFrom":"2020-01-01"}""".formatted(code, root));
        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        String id = body.get("id").asString();
        assertThat(created.header("Location")).endsWith("/api/v1/agencies/" + id);
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("name").asString()).isEqualTo("UBND tỉnh Kiểm Thử");
        assertThat(body.get("kind").asString()).isEqualTo("PROVINCE");
        assertThat(body.get("parentId").asString()).isEqualTo(root.toString());
        assertThat(body.get("validFrom").asString()).isEqualTo("2020-01-01");

        ApiClient.Response got = admin.get("/api/v1/agencies/" + id);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.header("ETag")).isEqualTo("\"0\"");
        assertThat(got.json().get("nameEn").asString()).isEqualTo("Test Province");

        String change = """
                {"code":"%s","name":"UBND tỉnh Kiểm Thử Mới","nameEn":"Test Province","kind":"PROVINCE",
                 "parentId":"%s","address":"Số 1 đường Thử","validFrom":"2020-01-01"}"""
                .formatted(code, root);
        assertThat(admin.put("/api/v1/agencies/" + id, change, null).status()).isEqualTo(428);
        assertThat(admin.put("/api/v1/agencies/" + id, change, "\"7\"").status()).isEqualTo(412);
        ApiClient.Response updated = admin.put("/api/v1/agencies/" + id, change, "\"0\"");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"1\"");
        assertThat(admin.get("/api/v1/agencies/" + id).json().get("name").asString()).isEqualTo("UBND tỉnh Kiểm Thử Mới");
        // the same stale ETag again is now refused
        assertThat(admin.put("/api/v1/agencies/" + id, change, "\"0\"").status()).isEqualTo(412);

        String details = jdbc.sql("SELECT details::text FROM audit_event WHERE action = 'agency.updated' AND target_id = ?")
                .param(id).query(String.class).single();
        assertThat(details).contains("UBND tỉnh Kiểm Thử Mới").contains("before").doesNotContain("address")
                .doesNotContain("nameEn");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'agency.created' AND target_id = ?")
                .param(id).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void rejectsUnknownKindBlankNameAndDuplicateCodeWithFieldPaths() {
        ApiClient.Response badKind = admin.post("/api/v1/agencies", """
                {"code":"%s","name":"X","kind":"GALAXY","parentId":"%s"}""".formatted(ApiClient.unique("K"), root));
        assertThat(badKind.status()).as(badKind.body()).isEqualTo(400);
        assertThat(badKind.json().get("errors").get(0).get("field").asString()).isEqualTo("kind");

        ApiClient.Response blank = admin.post("/api/v1/agencies", """
                {"code":"%s","name":"  ","kind":"UNIT","parentId":"%s"}""".formatted(ApiClient.unique("K"), root));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("\"field\":\"name\"");

        ApiClient.Response unknownField = admin.post("/api/v1/agencies", """
                {"code":"%s","name":"X","kind":"UNIT","parentId":"%s","colour":"red"}""".formatted(ApiClient.unique("K"), root));
        assertThat(unknownField.status()).isEqualTo(400);

        String code = ApiClient.unique("DUP");
        admin.create(code, "Một", "UNIT", root, null);
        ApiClient.Response duplicate = admin.post("/api/v1/agencies", """
                {"code":"%s","name":"Hai","kind":"UNIT","parentId":"%s"}""".formatted(code.toLowerCase(), root));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body()).contains("\"field\":\"code\"");
    }

    @Test
    void searchesByCodePrefixAndNameWithKeysetPagingAndListsChildren() {
        String prefix = ApiClient.unique("KS");
        JsonNode parent = admin.create(prefix, "Tỉnh Phân Trang", "PROVINCE", root, "2020-01-01");
        String parentId = parent.get("id").asString();
        for (int i = 1; i <= 6; i++) {
            admin.create(prefix + "-" + i, "Sở số " + i + " " + prefix, i % 2 == 0 ? "DEPARTMENT" : "UNIT", parentId,
                    "2021-01-01");
        }
        ApiClient.Response first = admin.get("/api/v1/agencies?q=" + prefix + "&limit=3");
        assertThat(first.status()).isEqualTo(200);
        assertThat(codes(first.json())).containsExactly(prefix, prefix + "-1", prefix + "-2");
        String next = first.json().get("next").asString();
        JsonNode second = admin.get("/api/v1/agencies?q=" + prefix + "&limit=3&after=" + next).json();
        assertThat(codes(second)).containsExactly(prefix + "-3", prefix + "-4", prefix + "-5");
        JsonNode third = admin.get("/api/v1/agencies?q=" + prefix + "&limit=3&after=" + second.get("next").asString()).json();
        assertThat(codes(third)).containsExactly(prefix + "-6");
        assertThat(third.get("next").isNull()).isTrue();

        // name fragment, case-insensitive, and kind filter
        assertThat(codes(admin.get("/api/v1/agencies?q=s%E1%BB%9F+s%E1%BB%91+4+" + prefix.toLowerCase()).json()))
                .containsExactly(prefix + "-4");
        assertThat(codes(admin.get("/api/v1/agencies?q=" + prefix + "&kind=DEPARTMENT").json()))
                .containsExactly(prefix + "-2", prefix + "-4", prefix + "-6");
        // one or two letters match the beginning of a code or name; three or more, anywhere in the name
        admin.create(prefix + "-VP", "Văn phòng sở " + prefix, "UNIT", parentId, "2021-01-01");
        assertThat(codes(admin.get("/api/v1/agencies?q=s%E1%BB%9F&parentId=" + parentId).json()))
                .containsExactly(prefix + "-1", prefix + "-2", prefix + "-3", prefix + "-4", prefix + "-5", prefix + "-6");
        assertThat(codes(admin.get("/api/v1/agencies?q=ph%C3%B2ng+s%E1%BB%9F&parentId=" + parentId).json()))
                .containsExactly(prefix + "-VP");
        assertThat(codes(admin.get("/api/v1/agencies?q=V&parentId=" + parentId).json())).containsExactly(prefix + "-VP");
        assertThat(admin.get("/api/v1/agencies?kind=PLANET").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/agencies?limit=501").status()).isEqualTo(400);

        JsonNode children = admin.get("/api/v1/agencies/" + parentId + "/children").json();
        assertThat(codes(children)).hasSize(7).allMatch(c -> c.startsWith(prefix + "-"));
        assertThat(admin.get("/api/v1/agencies/" + UUID.randomUUID() + "/children").status()).isEqualTo(404);
    }

    @Test
    void aUserSeesAndChangesOnlyAgenciesInsideTheirSubtree() {
        JsonNode p1 = admin.create(ApiClient.unique("SC1"), "Tỉnh Một", "PROVINCE", root, "2020-01-01");
        JsonNode p2 = admin.create(ApiClient.unique("SC2"), "Tỉnh Hai", "PROVINCE", root, "2020-01-01");
        JsonNode c1 = admin.create(p1.get("code").asString() + "-SO", "Sở của tỉnh Một", "DEPARTMENT",
                p1.get("id").asString(), "2020-01-01");
        JsonNode c2 = admin.create(p2.get("code").asString() + "-SO", "Sở của tỉnh Hai", "DEPARTMENT",
                p2.get("id").asString(), "2020-01-01");
        ApiClient viewer = ApiClient.userWithRole(jdbc, port, "VIEWER", UUID.fromString(p1.get("id").asString()));

        assertThat(viewer.get("/api/v1/agencies/" + p1.get("id").asString()).status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/agencies/" + c1.get("id").asString()).status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/agencies/" + p2.get("id").asString()).status()).isEqualTo(404);
        assertThat(viewer.get("/api/v1/agencies/" + c2.get("id").asString()).status()).isEqualTo(404);
        assertThat(viewer.get("/api/v1/agencies/" + root).status()).isEqualTo(404);
        assertThat(viewer.get("/api/v1/agencies/" + p2.get("id").asString() + "/children").status()).isEqualTo(404);
        assertThat(viewer.get("/api/v1/agencies/" + p2.get("id").asString() + "/roles").status()).isEqualTo(404);
        assertThat(codes(viewer.get("/api/v1/agencies?q=SC").json()))
                .contains(p1.get("code").asString(), c1.get("code").asString())
                .doesNotContain(p2.get("code").asString(), c2.get("code").asString());
        // reading is not changing: no AGENCY_MANAGE at all -> 403
        assertThat(viewer.post("/api/v1/agencies", """
                {"code":"%s","name":"X","kind":"UNIT","parentId":"%s"}""".formatted(ApiClient.unique("V"),
                p1.get("id").asString())).status()).isEqualTo(403);

        ApiClient agencyAdmin = ApiClient.userWithRole(jdbc, port, "AGENCY_ADMIN", UUID.fromString(p1.get("id").asString()));
        assertThat(agencyAdmin.post("/api/v1/agencies", """
                {"code":"%s","name":"Phòng mới","kind":"UNIT","parentId":"%s"}""".formatted(ApiClient.unique("AA"),
                c1.get("id").asString())).status()).isEqualTo(201);
        ApiClient.Response foreignParent = agencyAdmin.post("/api/v1/agencies", """
                {"code":"%s","name":"Phòng lạ","kind":"UNIT","parentId":"%s"}""".formatted(ApiClient.unique("AA"),
                c2.get("id").asString()));
        assertThat(foreignParent.status()).isEqualTo(404);
        assertThat(agencyAdmin.post("/api/v1/agencies", """
                {"code":"%s","name":"Gốc mới","kind":"GOVERNMENT"}""".formatted(ApiClient.unique("AA"))).status())
                .isEqualTo(403);
        assertThat(agencyAdmin.put("/api/v1/agencies/" + c2.get("id").asString(), """
                {"code":"X","name":"Y","kind":"UNIT"}""", "\"0\"").status()).isEqualTo(404);
        // moving an own agency under another province's agency is refused as not found
        assertThat(agencyAdmin.put("/api/v1/agencies/" + c1.get("id").asString(), """
                {"code":"%s","name":"Sở","kind":"DEPARTMENT","parentId":"%s"}""".formatted(c1.get("code").asString(),
                p2.get("id").asString()), "\"0\"").status()).isEqualTo(404);
    }

    @Test
    void movingASubtreeRewritesEveryPathAndCyclesAreRefused() {
        JsonNode a = admin.create(ApiClient.unique("MA"), "A", "PROVINCE", root, "2020-01-01");
        JsonNode b = admin.create(ApiClient.unique("MB"), "B", "DEPARTMENT", a.get("id").asString(), "2020-01-01");
        JsonNode c = admin.create(ApiClient.unique("MC"), "C", "UNIT", b.get("id").asString(), "2020-01-01");
        JsonNode d = admin.create(ApiClient.unique("MD"), "D", "PROVINCE", root, "2020-01-01");

        ApiClient.Response cycle = admin.put("/api/v1/agencies/" + a.get("id").asString(), """
                {"code":"%s","name":"A","kind":"PROVINCE","parentId":"%s"}""".formatted(a.get("code").asString(),
                c.get("id").asString()), "\"0\"");
        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.json().get("errors").get(0).get("field").asString()).isEqualTo("parentId");

        ApiClient.Response moved = admin.put("/api/v1/agencies/" + b.get("id").asString(), """
                {"code":"%s","name":"B","kind":"DEPARTMENT","parentId":"%s","validFrom":"2020-01-01"}"""
                .formatted(b.get("code").asString(), d.get("id").asString()), "\"0\"");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("parentId").asString()).isEqualTo(d.get("id").asString());
        String dPath = jdbc.sql("SELECT path FROM agency WHERE id = ?").param(UUID.fromString(d.get("id").asString()))
                .query(String.class).single();
        String cPath = jdbc.sql("SELECT path FROM agency WHERE id = ?").param(UUID.fromString(c.get("id").asString()))
                .query(String.class).single();
        assertThat(cPath).isEqualTo(dPath + b.get("id").asString() + "/" + c.get("id").asString() + "/");
        assertThat(jdbc.sql("SELECT depth FROM agency WHERE id = ?").param(UUID.fromString(c.get("id").asString()))
                .query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'agency.moved' AND target_id = ?")
                .param(b.get("id").asString()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aParentMustBeInForceWhenTheChildStarts() {
        JsonNode late = admin.create(ApiClient.unique("LATE"), "Tỉnh mới 2025", "PROVINCE", root, "2025-07-01");
        ApiClient.Response early = admin.post("/api/v1/agencies", """
                {"code":"%s","name":"Sở","kind":"DEPARTMENT","parentId":"%s","validFrom":"2024-01-01"}"""
                .formatted(ApiClient.unique("E"), late.get("id").asString()));
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.json().get("errors").get(0).get("field").asString()).isEqualTo("parentId");

        // and a parent cannot later start after its children did
        JsonNode child = admin.create(ApiClient.unique("E"), "Sở", "DEPARTMENT", late.get("id").asString(), "2025-08-01");
        ApiClient.Response shifted = admin.put("/api/v1/agencies/" + late.get("id").asString(), """
                {"code":"%s","name":"Tỉnh mới 2025","kind":"PROVINCE","validFrom":"2025-09-01"}"""
                .formatted(late.get("code").asString()), "\"0\"");
        assertThat(shifted.status()).isEqualTo(400);
        assertThat(shifted.body()).contains("\"field\":\"validFrom\"").contains(child.get("code").asString());
    }

    @Test
    void aMergerClosesThePredecessorAndAsOfQueriesFollowIt() {
        String tag = ApiClient.unique("MG");
        JsonNode old1 = admin.create(tag + "-OLD1", "Tỉnh cũ Một " + tag, "PROVINCE", root, "2008-08-01");
        JsonNode old2 = admin.create(tag + "-OLD2", "Tỉnh cũ Hai " + tag, "PROVINCE", root, "2008-08-01");
        JsonNode merged = admin.create(tag + "-NEW", "Tỉnh hợp nhất " + tag, "PROVINCE", root, "2025-07-01");
        for (JsonNode old : List.of(old1, old2)) {
            ApiClient.Response r = admin.post("/api/v1/agencies/" + old.get("id").asString() + "/successions", """
                    {"successorIds":["%s"],"effectiveOn":"2025-07-01","legalBasis":"Nghị quyết 202/2025/QH15"}"""
                    .formatted(merged.get("id").asString()));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("validTo").asString()).isEqualTo("2025-06-30");
            assertThat(r.json().get("successors").get(0).get("code").asString()).isEqualTo(tag + "-NEW");
        }
        JsonNode detail = admin.get("/api/v1/agencies/" + merged.get("id").asString()).json();
        assertThat(detail.get("predecessors")).hasSize(2);
        assertThat(detail.get("predecessors").get(0).get("effectiveOn").asString()).isEqualTo("2025-07-01");

        assertThat(codes(admin.get("/api/v1/agencies?q=" + tag + "&asOf=2025-06-01").json()))
                .containsExactly(tag + "-OLD1", tag + "-OLD2");
        assertThat(codes(admin.get("/api/v1/agencies?q=" + tag + "&asOf=2025-07-01").json()))
                .containsExactly(tag + "-NEW");
        // the successor must be in force on the effective day
        JsonNode other = admin.create(tag + "-X", "Khác", "PROVINCE", root, "2026-01-01");
        JsonNode old3 = admin.create(tag + "-OLD3", "Tỉnh cũ Ba", "PROVINCE", root, "2008-08-01");
        ApiClient.Response invalid = admin.post("/api/v1/agencies/" + old3.get("id").asString() + "/successions", """
                {"successorIds":["%s"],"effectiveOn":"2025-07-01"}""".formatted(other.get("id").asString()));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("successorIds[0]");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'agency.succeeded' AND target_id = ?")
                .param(old1.get("id").asString()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void rolesNeedALegalBasisAndAnswerWhoHoldsThemOnADate() {
        JsonNode province = admin.create(ApiClient.unique("RP"), "Tỉnh Vai Trò", "PROVINCE", root, "2020-01-01");
        JsonNode unit = admin.create(ApiClient.unique("RU"), "Sở KH&CN", "DEPARTMENT", province.get("id").asString(),
                "2020-01-01");
        String path = "/api/v1/agencies/" + unit.get("id").asString() + "/roles";
        ApiClient.Response noBasis = admin.post(path, """
                {"role":"SECURITY_UNIT","forAgencyId":"%s","validFrom":"2024-01-01"}""".formatted(province.get("id").asString()));
        assertThat(noBasis.status()).isEqualTo(400);
        assertThat(noBasis.body()).contains("legalBasis");
        assertThat(admin.post(path, """
                {"role":"SECURITY_UNIT","validFrom":"2024-01-01","legalBasis":"x"}""").body()).contains("forAgencyId");
        assertThat(admin.post(path, """
                {"role":"WIZARD","legalBasis":"x"}""").status()).isEqualTo(400);

        ApiClient.Response granted = admin.post(path, """
                {"role":"SECURITY_UNIT","forAgencyId":"%s","validFrom":"2024-01-01",
                 "legalBasis":"Nghị định 85/2016/NĐ-CP Điều 3.5"}""".formatted(province.get("id").asString()));
        assertThat(granted.status()).isEqualTo(201);
        String roleId = granted.json().get("id").asString();
        AgencyId provinceId = AgencyId.parse(province.get("id").asString());
        assertThat(agencyRoles.holderOf(AgencyRoleKind.SECURITY_UNIT, provinceId, LocalDate.of(2024, 6, 1)))
                .get().extracting(AgencySummary::code).isEqualTo(unit.get("code").asString());
        assertThat(agencyRoles.holderOf(AgencyRoleKind.SECURITY_UNIT, provinceId, LocalDate.of(2023, 6, 1))).isEmpty();
        // a second security unit for the same owner in an overlapping period is a conflict
        assertThat(admin.post(path, """
                {"role":"SECURITY_UNIT","forAgencyId":"%s","validFrom":"2024-05-01","legalBasis":"x"}"""
                .formatted(province.get("id").asString())).status()).isEqualTo(409);

        ApiClient.Response ended = admin.post(path + "/" + roleId + "/end", """
                {"validTo":"2024-12-31"}""");
        assertThat(ended.status()).isEqualTo(200);
        assertThat(ended.json().get("validTo").asString()).isEqualTo("2024-12-31");
        assertThat(agencyRoles.holderOf(AgencyRoleKind.SECURITY_UNIT, provinceId, LocalDate.of(2025, 1, 1))).isEmpty();
        JsonNode list = admin.get(path).json();
        assertThat(list.get("items").get(0).get("legalBasis").asString()).isEqualTo("Nghị định 85/2016/NĐ-CP Điều 3.5");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action IN ('agency-role.granted','agency-role.ended') "
                + "AND target_id = ?").param(roleId).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aMinistryAppraisesTheLevel4And5DossiersOfItsOwnSystems() {
        // Decree 85/2016 Art 12.3.b-c: the defence and public-security ministries appraise the systems they manage;
        // recorded as a NATIONAL_APPRAISAL_AUTHORITY role held FOR that ministry, beside the national holder.
        JsonNode ministry = admin.create(ApiClient.unique("BQ"), "Bộ Quốc phòng (kiểm thử)", "MINISTRY", root, "2020-01-01");
        JsonNode department = admin.create(ApiClient.unique("BQC"), "Cục CNTT (kiểm thử)", "DEPARTMENT",
                ministry.get("id").asString(), "2020-01-01");
        String path = "/api/v1/agencies/" + department.get("id").asString() + "/roles";
        ApiClient.Response granted = admin.post(path, """
                {"role":"NATIONAL_APPRAISAL_AUTHORITY","forAgencyId":"%s","validFrom":"2024-01-01",
                 "legalBasis":"Nghị định 85/2016/NĐ-CP Điều 12.3.b"}""".formatted(ministry.get("id").asString()));
        assertThat(granted.status()).isEqualTo(201);
        AgencyId ministryId = AgencyId.parse(ministry.get("id").asString());
        assertThat(agencyRoles.holderOf(AgencyRoleKind.NATIONAL_APPRAISAL_AUTHORITY, ministryId, LocalDate.of(2025, 6, 1)))
                .get().extracting(AgencySummary::code).isEqualTo(department.get("code").asString());
        // a serving-only role still needs the agency it serves, and an ordinary national role refuses one
        assertThat(admin.post(path, """
                {"role":"IR_NETWORK_MEMBER","forAgencyId":"%s","legalBasis":"x"}""".formatted(ministry.get("id").asString()))
                .body()).contains("forAgencyId");
    }

    @Test
    void aContactChangeKeepsTheHistoryWithWhoRecordedIt() {
        JsonNode agency = admin.create(ApiClient.unique("CT"), "Cơ quan Liên hệ", "PROVINCE", root, "2020-01-01");
        String path = "/api/v1/agencies/" + agency.get("id").asString() + "/contacts";
        ApiClient.Response first = admin.put(path + "/IR_CONTACT_24X7", """
                {"fullName":"Nguyễn Văn Trực","phone":"024 3999 1111","email":"truc@example.gov.vn"}""", null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(admin.put(path + "/IR_CONTACT_24X7", """
                {"fullName":"Trần Thị Ca","email":"ca@example.gov.vn"}""", null).status()).isEqualTo(400);
        assertThat(admin.put(path + "/IR_CONTACT_24X7", """
                {"fullName":"Trần Thị Ca","phone":"024 3999 2222","email":"ca@example.gov.vn"}""", null).status())
                .isEqualTo(200);
        assertThat(admin.put(path + "/NOBODY", "{\"fullName\":\"X\"}", null).status()).isEqualTo(400);

        JsonNode current = admin.get(path).json().get("items");
        assertThat(current).hasSize(1);
        assertThat(current.get(0).get("fullName").asString()).isEqualTo("Trần Thị Ca");
        JsonNode history = admin.get(path + "?history=true").json().get("items");
        assertThat(history).hasSize(2);
        assertThat(history.get(1).get("fullName").asString()).isEqualTo("Nguyễn Văn Trực");
        assertThat(history.get(1).get("validTo").isNull()).isFalse();
        assertThat(history.get(1).get("recordedByName").asString()).isEqualTo(IntegrationTest.ADMIN_USERNAME);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'agency-contact.changed' AND agency_id = ?")
                .param(UUID.fromString(agency.get("id").asString())).query(Integer.class).single()).isEqualTo(2);
    }
}
