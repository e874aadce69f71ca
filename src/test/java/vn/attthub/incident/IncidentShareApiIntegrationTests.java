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

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.attthub.incident.IncidentFixtures.json;
import static vn.attthub.incident.IncidentFixtures.notice;

/**
 * Sharing a case under a TLP cap (issue 4 §3 "sharing with TLP caps (a TLP:RED item never leaves the named
 * recipients)"; FIRST TLP 2.0): who may share, what the shared agency sees, AMBER+STRICT without the subtree, the
 * national network from the agency registry, refusal of RED, revocation, timeline, audit and notification.
 */
@IntegrationTest
class IncidentShareApiIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    IncidentFixtures f;
    Caller operator;
    Caller irUser;
    Caller coordinator;
    String tag;

    @BeforeEach
    void setUp() {
        f = new IncidentFixtures(jdbc, new TestCallers(jdbc, port));
        operator = f.callers.caller(f.owner, Role.SYSTEM_OPERATOR);
        irUser = f.callers.caller(f.irUnit, Role.INCIDENT_RESPONDER);
        coordinator = f.coordinatorUser();
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    static String recent() {
        return OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(2).withNano(0).toString();
    }

    /** An AMBER case with one observable at each marking. */
    String incident(String tlp) {
        String obs = "[{\"type\":\"IP\",\"value\":\"192.0.2.1\",\"tlp\":\"CLEAR\"},"
                + "{\"type\":\"DOMAIN\",\"value\":\"green-" + tag + ".example\",\"tlp\":\"GREEN\"},"
                + "{\"type\":\"DOMAIN\",\"value\":\"amber-" + tag + ".example\",\"tlp\":\"AMBER\"},"
                + "{\"type\":\"DOMAIN\",\"value\":\"strict-" + tag + ".example\",\"tlp\":\"AMBER_STRICT\"},"
                + "{\"type\":\"DOMAIN\",\"value\":\"red-" + tag + ".example\",\"tlp\":\"RED\"}]";
        var r = f.callers.postJson("/api/v1/incidents", operator.token(), notice(f.system, tlp, false, recent())
                .replace("\"observables\":[{\"type\":\"IP\",\"value\":\"203.0.113.7\"}]", "\"observables\":" + obs));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asString();
    }

    HttpResponse<String> share(Caller c, String incident, String body) {
        return f.callers.postJson("/api/v1/incidents/" + incident + "/shares", c.token(), body);
    }

    static String to(UUID agency, String cap) {
        return "{\"agencyId\":\"" + agency + "\",\"cap\":\"" + cap + "\",\"reason\":\"Cùng chiến dịch tấn công\"}";
    }

    java.util.List<String> values(String incident, Caller c) {
        var r = f.callers.get("/api/v1/incidents/" + incident + "/observables", c.token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("items").findValuesAsString("value");
    }

    @Test
    void aSharedAgencyAndItsSubtreeSeeTheCaseAndOnlyItemsAtOrBelowTheCap() {
        String id = incident("AMBER");
        Agency partner = f.callers.agency(f.root, "PROVINCE", "Tỉnh đối tác " + tag);
        Agency partnerUnit = f.callers.agency(partner, "UNIT", "Đơn vị thuộc tỉnh đối tác");
        Caller partnerUser = f.callers.caller(partner, Role.INCIDENT_RESPONDER);
        Caller partnerUnitUser = f.callers.caller(partnerUnit, Role.VIEWER);
        assertThat(f.callers.get("/api/v1/incidents/" + id, partnerUser.token()).statusCode()).isEqualTo(404);

        // only the coordinator or a recipient shares: the operator lacks INCIDENT_RESPOND (403), an outsider sees nothing (404)
        assertThat(share(operator, id, to(partner.id(), "GREEN")).statusCode()).isEqualTo(403);
        assertThat(share(partnerUser, id, to(partner.id(), "GREEN")).statusCode()).isEqualTo(404);
        var invalid = share(irUser, id, "{\"target\":\"AGENCY\",\"cap\":\"PURPLE\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("agencyId", "cap");

        var r = share(irUser, id, to(partner.id(), "GREEN"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode s = json(r);
        String shareId = s.get("id").asString();
        assertThat(s.get("cap").asString()).isEqualTo("GREEN");
        assertThat(s.get("reachesSubtree").asBoolean()).isTrue();
        assertThat(s.get("active").asBoolean()).isTrue();
        assertThat(share(irUser, id, to(partner.id(), "AMBER")).statusCode()).as("already shared").isEqualTo(409);

        // the partner and its subtree see the case, and only the CLEAR and GREEN items (TLP ≤ cap)
        assertThat(f.callers.get("/api/v1/incidents/" + id, partnerUser.token()).statusCode()).isEqualTo(200);
        assertThat(values(id, partnerUser)).containsExactlyInAnyOrder("192.0.2.1", "green-" + tag + ".example");
        assertThat(json(f.callers.get("/api/v1/incidents/" + id, partnerUnitUser.token())).get("observables")
                .findValuesAsString("value")).containsExactlyInAnyOrder("192.0.2.1", "green-" + tag + ".example");
        // the parties see everything but the RED item, which only named recipients see
        assertThat(values(id, f.callers.caller(f.province, Role.VIEWER))).hasSize(4)
                .doesNotContain("red-" + tag + ".example");
        assertThat(values(id, irUser)).hasSize(5);
        // a shared agency reads the case, it does not act on it
        assertThat(f.callers.postJson("/api/v1/incidents/" + id + "/observables", partnerUser.token(),
                "{\"observables\":[{\"type\":\"IP\",\"value\":\"192.0.2.9\"}]}").statusCode()).isEqualTo(403);
        assertThat(share(partnerUser, id, to(partnerUnit.id(), "CLEAR")).statusCode()).isEqualTo(403);
        assertThat(json(f.callers.get("/api/v1/incidents/" + id + "/shares", partnerUser.token())).get("items")
                .findValuesAsString("id")).containsExactly(shareId);

        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE template = 'incident-shared' AND agency_id = ?")
                .param(partner.id()).query(Long.class).single()).isEqualTo(1);

        // revocation: by the sharer's side or the coordinator; the partner loses the case
        assertThat(f.callers.send(f.callers.request("/api/v1/incidents/" + id + "/shares/" + shareId,
                partnerUser.token()).DELETE()).statusCode()).isEqualTo(403);
        var revoked = f.callers.send(f.callers.request("/api/v1/incidents/" + id + "/shares/" + shareId,
                irUser.token()).DELETE());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(json(revoked).get("active").asBoolean()).isFalse();
        assertThat(f.callers.get("/api/v1/incidents/" + id, partnerUser.token()).statusCode()).isEqualTo(404);
        assertThat(f.callers.send(f.callers.request("/api/v1/incidents/" + id + "/shares/" + shareId,
                irUser.token()).DELETE()).statusCode()).isEqualTo(409);
        assertThat(f.callers.send(f.callers.request("/api/v1/incidents/" + id + "/shares/" + UUID.randomUUID(),
                irUser.token()).DELETE()).statusCode()).isEqualTo(404);

        assertThat(jdbc.sql("SELECT kind FROM incident_event WHERE incident_id = ?::uuid AND kind LIKE 'SHARE%' ORDER BY id")
                .param(id).query(String.class).list()).containsExactly("SHARED", "SHARE_REVOKED");
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE target_id = ? AND action LIKE 'incident.share%'")
                .param(id).query(String.class).list()).containsExactlyInAnyOrder("incident.shared",
                "incident.share.revoked");
    }

    @Test
    void amberStrictReachesTheNamedAgencyOnly() {
        String id = incident("AMBER");
        Agency partner = f.callers.agency(f.root, "MINISTRY", "Bộ đối tác " + tag);
        Agency partnerUnit = f.callers.agency(partner, "UNIT", "Cục thuộc bộ đối tác");
        Caller partnerUser = f.callers.caller(partner, Role.VIEWER);
        Caller partnerUnitUser = f.callers.caller(partnerUnit, Role.VIEWER);
        var r = share(coordinator, id, to(partner.id(), "AMBER_STRICT"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).get("reachesSubtree").asBoolean()).isFalse();
        assertThat(values(id, partnerUser)).hasSize(4).doesNotContain("red-" + tag + ".example");
        assertThat(f.callers.get("/api/v1/incidents/" + id, partnerUnitUser.token()).statusCode()).isEqualTo(404);
        // a case marked AMBER+STRICT never reaches a subtree, whatever the cap
        String strict = incident("AMBER_STRICT");
        var green = share(coordinator, strict, to(partner.id(), "GREEN"));
        assertThat(green.statusCode()).as(green.body()).isEqualTo(201);
        assertThat(json(green).get("reachesSubtree").asBoolean()).isFalse();
        assertThat(f.callers.get("/api/v1/incidents/" + strict, partnerUnitUser.token()).statusCode()).isEqualTo(404);
        assertThat(f.callers.get("/api/v1/incidents/" + strict, partnerUser.token()).statusCode()).isEqualTo(200);
    }

    @Test
    void redIsNeverShared() {
        String red = incident("RED");
        Agency partner = f.callers.agency(f.root, "PROVINCE", "Tỉnh đối tác " + tag);
        var refused = share(coordinator, red, to(partner.id(), "GREEN"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(refused.body()).contains("TLP:RED");
        String amber = incident("AMBER");
        var redCap = share(coordinator, amber, to(partner.id(), "RED"));
        assertThat(redCap.statusCode()).as(redCap.body()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT count(*) FROM incident_share WHERE incident_id IN (?::uuid, ?::uuid)")
                .params(red, amber).query(Long.class).single()).isZero();
        // defence in depth: the database refuses a share of a RED case too
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("""
                        INSERT INTO incident_share (id, incident_id, target, agency_id, cap, subtree, shared_by, shared_at)
                        VALUES (?, ?::uuid, 'AGENCY', ?, 'CLEAR', true, 'x', now())""")
                .params(UUID.randomUUID(), red, partner.id()).update()).hasMessageContaining("TLP:RED");
    }

    @Test
    void theNationalNetworkIsTheRegistrysMembersOnTheDay() {
        String id = incident("GREEN");
        Agency member = f.callers.agency(f.root, "ENTERPRISE", "Thành viên mạng lưới " + tag);
        Agency former = f.callers.agency(f.root, "ENTERPRISE", "Cựu thành viên " + tag);
        f.role(member.id(), "IR_NETWORK_MEMBER", null);
        jdbc.sql("""
                        INSERT INTO agency_role (id, agency_id, role, for_agency_id, valid_from, valid_to, legal_basis)
                        VALUES (?, ?, 'IR_NETWORK_MEMBER', NULL, DATE '2018-01-01', DATE '2019-12-31', 'QĐ05 Điều 7.1')""")
                .params(UUID.randomUUID(), former.id()).update();
        var r = share(coordinator, id, "{\"target\":\"NETWORK\",\"cap\":\"CLEAR\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode s = json(r);
        assertThat(s.get("target").asString()).isEqualTo("NETWORK");
        assertThat(s.get("reached").findValuesAsString("agencyId")).contains(member.id().toString())
                .doesNotContain(former.id().toString());
        Caller memberUser = f.callers.caller(member, Role.VIEWER);
        assertThat(values(id, memberUser)).containsExactly("192.0.2.1"); // CLEAR cap: the CLEAR item only
        assertThat(f.callers.get("/api/v1/incidents/" + id, f.callers.caller(former, Role.VIEWER).token()).statusCode())
                .isEqualTo(404);
        assertThat(share(coordinator, id, "{\"target\":\"NETWORK\",\"agencyId\":\"" + member.id()
                + "\",\"cap\":\"CLEAR\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void evidenceFollowsTheShareCapToo() {
        String id = incident("AMBER");
        java.util.Map<String, String> ids = new java.util.HashMap<>();
        for (String tlp : java.util.List.of("GREEN", "AMBER", "RED")) {
            var up = IncidentEvidenceApiIntegrationTests.upload(f.callers, id, irUser.token(), tlp.toLowerCase() + ".log",
                    ("nhật ký " + tlp).getBytes(java.nio.charset.StandardCharsets.UTF_8), tlp);
            assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
            ids.put(tlp, json(up).get("id").asString());
        }
        Agency partner = f.callers.agency(f.root, "PROVINCE", "Tỉnh đối tác chứng cứ " + tag);
        Caller partnerUser = f.callers.caller(partner, Role.INCIDENT_RESPONDER);
        assertThat(share(irUser, id, to(partner.id(), "GREEN")).statusCode()).isEqualTo(201);

        // issue 4 §3: a GREEN share shows the GREEN file only; AMBER and RED files are absent and 404 by id
        var list = f.callers.get("/api/v1/incidents/" + id + "/evidence", partnerUser.token());
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains(ids.get("GREEN")).doesNotContain(ids.get("AMBER"), ids.get("RED"));
        for (String tlp : java.util.List.of("AMBER", "RED")) {
            assertThat(f.callers.get("/api/v1/incidents/" + id + "/evidence/" + ids.get(tlp) + "/content",
                    partnerUser.token()).statusCode()).isEqualTo(404);
        }
        assertThat(f.callers.get("/api/v1/incidents/" + id + "/evidence/" + ids.get("GREEN"),
                partnerUser.token()).statusCode()).isEqualTo(200);
        // the case's IR unit, a named recipient, sees all three
        assertThat(f.callers.get("/api/v1/incidents/" + id + "/evidence", irUser.token()).body())
                .contains(ids.get("GREEN"), ids.get("AMBER"), ids.get("RED"));
    }
}
