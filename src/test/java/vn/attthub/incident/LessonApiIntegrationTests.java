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

import static org.assertj.core.api.Assertions.assertThat;
import static vn.attthub.incident.IncidentFixtures.json;
import static vn.attthub.incident.IncidentFixtures.notice;

/**
 * Lessons learned (issue 4 §3): written after recovery by a responder or the coordinator, previewed sanitised,
 * published on confirmation, read by network members only.
 */
@IntegrationTest
class LessonApiIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    IncidentFixtures f;
    Caller irUser;
    Caller memberUser;

    @BeforeEach
    void setUp() {
        f = new IncidentFixtures(jdbc, new TestCallers(jdbc, port));
        irUser = f.callers.caller(f.irUnit, Role.INCIDENT_RESPONDER);
        f.role(f.provider.id(), "IR_NETWORK_MEMBER", null);
        memberUser = f.callers.caller(f.provider, Role.VIEWER);
    }

    String incident(String tlp) {
        String at = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(3).withNano(0).toString();
        var r = f.callers.postJson("/api/v1/incidents", f.callers.caller(f.owner, Role.SYSTEM_OPERATOR).token(),
                notice(f.system, tlp, false, at));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asString();
    }

    void recovered(String id) {
        jdbc.sql("UPDATE incident SET state = 'RECOVERED' WHERE id = ?::uuid").param(id).update();
    }

    static final String LESSON = "{\"title\":\"DDoS vào Cổng dịch vụ công kiểm thử\",\"body\":\"Sở kiểm thử sự cố bị "
            + "tấn công từ 203.0.113.7 và 198.51.100.9; liên hệ vanhanh@example.vn; tên miền botnet cnc.example.org. "
            + "Bài học: ký hợp đồng lọc lưu lượng trước, diễn tập hằng năm.\"}";

    @Test
    void writtenAfterRecoveryPreviewedSanitisedAndPublishedOnConfirmation() {
        String id = incident("AMBER");
        var early = f.callers.postJson("/api/v1/incidents/" + id + "/lessons", irUser.token(), LESSON);
        assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
        recovered(id);
        var operator = f.callers.postJson("/api/v1/incidents/" + id + "/lessons",
                f.callers.caller(f.owner, Role.SYSTEM_OPERATOR).token(), LESSON);
        assertThat(operator.statusCode()).as("a system operator is no responder").isEqualTo(403);
        var bad = f.callers.postJson("/api/v1/incidents/" + id + "/lessons", irUser.token(), "{\"title\":\" \"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("title", "body");
        var r = f.callers.postJson("/api/v1/incidents/" + id + "/lessons", irUser.token(), LESSON);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode l = json(r);
        String lessonId = l.get("id").asString();
        assertThat(l.get("published").asBoolean()).isFalse();
        String preview = l.get("preview").get("title").asString() + " " + l.get("preview").get("body").asString();
        assertThat(preview).doesNotContain("203.0.113.7", "198.51.100.9", "vanhanh@example.vn", "cnc.example.org",
                "Sở kiểm thử sự cố", "Cổng dịch vụ công kiểm thử").contains("[địa chỉ IP]", "[cơ quan]", "[hệ thống]",
                "ký hợp đồng lọc lưu lượng");
        assertThat(l.get("preview").get("removed").size()).isPositive();
        // the note stays with the case, unsanitised, for those who see the case
        var list = json(f.callers.get("/api/v1/incidents/" + id + "/lessons", irUser.token()));
        assertThat(list.get("items").get(0).get("body").asString()).contains("203.0.113.7");

        // nothing in the feed before publication
        String feedBefore = f.callers.get("/api/v1/lessons", memberUser.token()).body();
        assertThat(feedBefore).doesNotContain(lessonId);
        var unconfirmed = f.callers.postJson("/api/v1/incidents/" + id + "/lessons/" + lessonId + "/publication",
                irUser.token(), "{}");
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("confirm");
        var published = f.callers.postJson("/api/v1/incidents/" + id + "/lessons/" + lessonId + "/publication",
                irUser.token(), "{\"confirm\":true}");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(json(published).get("published").asBoolean()).isTrue();
        var twice = f.callers.postJson("/api/v1/incidents/" + id + "/lessons/" + lessonId + "/publication",
                irUser.token(), "{\"confirm\":true}");
        assertThat(twice.statusCode()).isEqualTo(409);

        // a network member far from the case reads the sanitised note
        var feed = f.callers.get("/api/v1/lessons", memberUser.token());
        assertThat(feed.statusCode()).as(feed.body()).isEqualTo(200);
        JsonNode item = null;
        for (JsonNode i : json(feed).get("items")) if (i.get("id").asString().equals(lessonId)) item = i;
        assertThat(item).isNotNull();
        assertThat(item.toString()).doesNotContain("203.0.113", "198.51.100", "example.vn", "example.org",
                "Sở kiểm thử", "Cổng dịch vụ công kiểm thử", "incidentId", id);
        assertThat(item.get("tlp").asString()).isEqualTo("GREEN");
        assertThat(item.get("category").asString()).isEqualTo("availability/ddos");
    }

    @Test
    void nonMembersCannotReadTheFeedAndRedCasesAreNeverPublished() {
        Agency outsider = f.callers.agency(f.root, "ENTERPRISE", "Doanh nghiệp ngoài mạng lưới");
        var denied = f.callers.get("/api/v1/lessons", f.callers.caller(outsider, Role.INCIDENT_RESPONDER).token());
        assertThat(denied.statusCode()).as(denied.body()).isEqualTo(403);
        // a unit below a member reads as part of the member's organisation
        Agency team = f.callers.agency(f.provider, "UNIT", "Đội ứng cứu của nhà cung cấp");
        assertThat(f.callers.get("/api/v1/lessons", f.callers.caller(team, Role.VIEWER).token()).statusCode())
                .isEqualTo(200);
        // the coordinator always reads
        assertThat(f.callers.get("/api/v1/lessons", f.coordinatorUser().token()).statusCode()).isEqualTo(200);

        String red = incident("RED");
        recovered(red);
        var r = f.callers.postJson("/api/v1/incidents/" + red + "/lessons", irUser.token(), LESSON);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        var pub = f.callers.postJson("/api/v1/incidents/" + red + "/lessons/" + json(r).get("id").asString()
                + "/publication", irUser.token(), "{\"confirm\":true}");
        assertThat(pub.statusCode()).as(pub.body()).isEqualTo(409);
        // a caller who does not see the case gets 404 for its lessons
        Agency other = f.callers.agency(f.root, "PROVINCE", "Tỉnh khác (bài học)");
        assertThat(f.callers.postJson("/api/v1/incidents/" + red + "/lessons",
                f.callers.caller(other, Role.INCIDENT_RESPONDER).token(), LESSON).statusCode()).isEqualTo(404);
    }
}
