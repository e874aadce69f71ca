package vn.attthub.regime;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.shared.Role;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/level-determinations} (issue 3 §2) and the calendar API (D5) over HTTP. */
@IntegrationTest
class RegimeApiIntegrationTests {
    static final JsonMapper JSON = JsonMapper.builder().build();
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WorkingCalendar calendar;

    TestCallers callers() {
        return new TestCallers(jdbc, port);
    }

    HttpResponse<String> determine(String token, String body) {
        return callers().postJson("/api/v1/level-determinations", token, body);
    }

    static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    static List<String> fields(HttpResponse<String> r) {
        List<String> names = new ArrayList<>();
        json(r).path("errors").forEach(e -> names.add(e.path("field").stringValue()));
        return names;
    }

    @Test
    void aPortalWithTenThousandUsersIsLevelThreeByArticle9Point2c() {
        var viewer = callers().caller(callers().root(), Role.VIEWER);
        var r = determine(viewer.token(), """
                {"systemType":"CITIZEN_BUSINESS_SERVICE","informationTypes":["PUBLIC","PERSONAL"],
                 "onlinePublicServiceLevel":2,"personalDataSubjects":10000}""");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.path("level").asInt()).isEqualTo(3);
        assertThat(body.path("regime").stringValue()).isEqualTo("ND85");
        assertThat(body.path("needsJustification").booleanValue()).isFalse();
        List<String> articles = new ArrayList<>();
        body.path("matched").forEach(m -> articles.add(m.path("article").stringValue()));
        assertThat(articles).containsExactly("ND85-8.2.a", "ND85-9.2.c");
        assertThat(body.path("matched").get(1).path("level").asInt()).isEqualTo(3);
        assertThat(body.path("matched").get(1).path("text").stringValue()).contains("10.000 người sử dụng");
    }

    @Test
    void nothingMatchedAnswersANullLevelThatNeedsJustification() {
        var r = determine(IntegrationTest.BOOTSTRAP_TOKEN, "{\"systemType\":\"OTHER\"}");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.has("level")).isTrue();
        assertThat(body.get("level").isNull()).isTrue();
        assertThat(body.path("matched").isEmpty()).isTrue();
        assertThat(body.path("needsJustification").booleanValue()).isTrue();
    }

    @Test
    void componentLevelsAppearAsArticle5Point2() {
        var r = determine(IntegrationTest.BOOTSTRAP_TOKEN, """
                {"systemType":"INTERNAL_OPERATIONS","informationTypes":["PUBLIC"],"componentLevels":[1,4]}""");

        JsonNode body = json(r);
        assertThat(body.path("level").asInt()).isEqualTo(4);
        assertThat(body.path("matched").get(1).path("article").stringValue()).isEqualTo("ND85-5.2");
    }

    @Test
    void badRequestsAnswer400WithFieldPaths() {
        String token = IntegrationTest.BOOTSTRAP_TOKEN;
        var missingType = determine(token, "{}");
        assertThat(missingType.statusCode()).isEqualTo(400);
        assertThat(missingType.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(fields(missingType)).containsExactly("systemType");

        var unknown = determine(token, "{\"systemType\":\"OTHER\",\"users\":5}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("users");

        var ranges = determine(token, """
                {"systemType":"OTHER","onlinePublicServiceLevel":5,"personalDataSubjects":-1,
                 "componentLevels":[1,6,0]}""");
        assertThat(ranges.statusCode()).isEqualTo(400);
        assertThat(fields(ranges)).containsExactlyInAnyOrder("onlinePublicServiceLevel", "personalDataSubjects",
                "componentLevels[1]", "componentLevels[2]");

        var badEnum = determine(token, "{\"systemType\":\"SPACESHIP\"}");
        assertThat(badEnum.statusCode()).isEqualTo(400);
        assertThat(fields(badEnum)).containsExactly("systemType");

        var badType = determine(token, "{\"systemType\":\"OTHER\",\"personalDataSubjects\":\"many\"}");
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(fields(badType)).containsExactly("personalDataSubjects");

        var badItem = determine(token, "{\"systemType\":\"OTHER\",\"informationTypes\":[\"PUBLIC\",\"SECRET\"]}");
        assertThat(badItem.statusCode()).isEqualTo(400);
        assertThat(fields(badItem)).singleElement().asString().startsWith("informationTypes");

        var huge = determine(token, "{\"systemType\":\"OTHER\",\"personalDataSubjects\":99999999999}");
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(fields(huge)).containsExactly("personalDataSubjects");

        var malformed = determine(token, "{\"systemType\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
    }

    @Test
    void anyoneSignedInReadsTheCalendar() {
        var viewer = callers().caller(callers().root(), Role.VIEWER);
        var r = callers().get("/api/v1/calendar/days?year=2026", viewer.token());

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.path("year").asInt()).isEqualTo(2026);
        List<String> dates = new ArrayList<>();
        body.path("items").forEach(i -> dates.add(i.path("date").stringValue()));
        assertThat(dates).contains("2026-01-01", "2026-02-17", "2026-04-27", "2026-09-02");
        assertThat(body.path("items").get(0).path("legalBasis").stringValue()).contains("Bộ luật Lao động 2019");

        var bad = callers().get("/api/v1/calendar/days?year=1800", viewer.token());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(fields(bad)).containsExactly("year");

        var day = callers().get("/api/v1/calendar/working-days?date=2026-04-27", viewer.token());
        assertThat(json(day).path("workingDay").booleanValue()).as("compensatory day off").isFalse();
    }

    @Test
    void anAdministratorAddsAndRemovesADayAndBothAreAudited() {
        // A day far in the future so that other tests' deadlines are not affected: Monday 03/09/2091.
        LocalDate monday = LocalDate.of(2091, 9, 3);
        String token = IntegrationTest.BOOTSTRAP_TOKEN;
        assertThat(calendar.isWorkingDay(monday)).isTrue();

        var added = callers().postJson("/api/v1/calendar/days", token, """
                {"date":"2091-09-03","kind":"HOLIDAY","name":"Quốc khánh (ngày liền kề)",
                 "legalBasis":"Bộ luật Lao động 2019, Điều 112.1.đ; thông báo của Chính phủ"}""");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(json(added).path("workingDay").booleanValue()).isFalse();
        assertThat(calendar.isWorkingDay(monday)).as("the cache was dropped after the edit").isFalse();

        var again = callers().postJson("/api/v1/calendar/days", token, """
                {"date":"2091-09-03","kind":"HOLIDAY","name":"x","legalBasis":"y"}""");
        assertThat(again.statusCode()).isEqualTo(409);

        var removed = callers().send(callers().request("/api/v1/calendar/days?date=2091-09-03", token).DELETE());
        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(calendar.isWorkingDay(monday)).isTrue();
        var missing = callers().send(callers().request("/api/v1/calendar/days?date=2091-09-03", token).DELETE());
        assertThat(missing.statusCode()).isEqualTo(404);

        List<String> actions = jdbc.sql("""
                        SELECT action FROM audit_event WHERE target_type = 'calendar_day' AND target_id = '2091-09-03'
                        ORDER BY seq""").query(String.class).list();
        assertThat(actions).containsExactly("calendar.day.added", "calendar.day.removed");
    }

    @Test
    void invalidDaysAreRefusedWithReadableMessages() {
        String token = IntegrationTest.BOOTSTRAP_TOKEN;
        var weekdayWorking = callers().postJson("/api/v1/calendar/days", token, """
                {"date":"2091-09-04","kind":"WORKING_DAY","name":"Làm bù","legalBasis":""}""");
        assertThat(weekdayWorking.statusCode()).isEqualTo(400);
        assertThat(fields(weekdayWorking)).containsExactlyInAnyOrder("kind", "legalBasis");
        assertThat(weekdayWorking.body()).contains("thứ Bảy hoặc Chủ nhật");

        var empty = callers().postJson("/api/v1/calendar/days", token, "{}");
        assertThat(fields(empty)).containsExactlyInAnyOrder("date", "kind", "name", "legalBasis");

        var badDate = callers().postJson("/api/v1/calendar/days", token, "{\"date\":\"31/02/2091\"}");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(fields(badDate)).containsExactly("date");
    }

    @Test
    void editingTheCalendarNeedsCalendarManage() {
        var agencyAdmin = callers().caller(callers().root(), Role.AGENCY_ADMIN);
        var r = callers().postJson("/api/v1/calendar/days", agencyAdmin.token(), """
                {"date":"2091-09-05","kind":"HOLIDAY","name":"x","legalBasis":"y"}""");
        assertThat(r.statusCode()).isEqualTo(403);
        var delete = callers().send(callers().request("/api/v1/calendar/days?date=2026-01-01", agencyAdmin.token())
                .DELETE());
        assertThat(delete.statusCode()).isEqualTo(403);
    }
}
