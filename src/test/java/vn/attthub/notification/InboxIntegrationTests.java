package vn.attthub.notification;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.shared.AgencyId;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-app inbox API: a user sees and marks only their own notifications, newest first, keyset-paged. */
@IntegrationTest
class InboxIntegrationTests {
    static final JsonMapper JSON = JsonMapper.builder().build();
    @Autowired
    Notifications notifications;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    void send(TestCallers.Agency agency, String title) {
        notifications.send(new Message("test-greeting", AgencyId.of(agency.id()), Map.of("title", title, "who", "bạn"),
                "/dossiers", null));
    }

    @Test
    void aUserListsReadsAndPagesOnlyTheirOwnNotifications() {
        TestCallers c = new TestCallers(jdbc, port);
        TestCallers.Agency agency = c.agency(c.root(), "PROVINCE", "Tỉnh Hộp Thư");
        TestCallers.Caller me = c.caller(agency, null);
        TestCallers.Caller colleague = c.caller(agency, null);
        for (int i = 1; i <= 5; i++) send(agency, "Thông báo số " + i);

        JsonNode all = json(c.get("/api/v1/notifications?limit=2", me.token()));
        assertThat(all.get("unreadCount").asInt()).isEqualTo(5);
        assertThat(all.get("items")).hasSize(2);
        assertThat(all.get("items").get(0).get("subject").asString()).isEqualTo("Thông báo thử: Thông báo số 5");
        assertThat(all.get("items").get(0).get("unread").asBoolean()).isTrue();
        assertThat(all.get("items").get(0).get("link").asString()).isEqualTo("/dossiers");
        List<String> subjects = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = json(c.get("/api/v1/notifications?limit=2" + (after == null ? "" : "&after=" + after),
                    me.token()));
            page.get("items").forEach(n -> subjects.add(n.get("subject").asString()));
            after = page.get("next").isNull() ? null : page.get("next").asString();
        } while (after != null);
        assertThat(subjects).hasSize(5).doesNotHaveDuplicates();
        assertThat(subjects.get(4)).isEqualTo("Thông báo thử: Thông báo số 1");

        String newest = all.get("items").get(0).get("id").asString();
        HttpResponse<String> others = c.postJson("/api/v1/notifications/" + newest + "/read", colleague.token(), "");
        assertThat(others.statusCode()).as("another user's notification does not exist for them").isEqualTo(404);
        assertThat(others.headers().firstValue("Content-Type").orElse("")).contains("problem+json");

        HttpResponse<String> read = c.postJson("/api/v1/notifications/" + newest + "/read", me.token(), "");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(json(read).get("unread").asBoolean()).isFalse();
        assertThat(json(read).get("readAt").isNull()).isFalse();
        JsonNode unread = json(c.get("/api/v1/notifications?unread=true&limit=50", me.token()));
        assertThat(unread.get("unreadCount").asInt()).isEqualTo(4);
        assertThat(unread.get("items")).hasSize(4);
        unread.get("items").forEach(n -> assertThat(n.get("id").asString()).isNotEqualTo(newest));
        assertThat(json(c.get("/api/v1/notifications", colleague.token())).get("unreadCount").asInt()).isEqualTo(5);
    }

    @Test
    void badPagingParametersAre400WithTheFieldNamed() {
        TestCallers c = new TestCallers(jdbc, port);
        TestCallers.Caller me = c.caller(c.agency(c.root(), "PROVINCE", "Tỉnh Tham Số"), null);
        for (String query : List.of("limit=0", "limit=201", "after=not-a-cursor", "limit=abc", "unread=maybe")) {
            HttpResponse<String> r = c.get("/api/v1/notifications?" + query, me.token());
            assertThat(r.statusCode()).as(query + ": " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        }
        assertThat(c.get("/api/v1/notifications?limit=0", me.token()).body()).contains("limit");
        assertThat(c.get("/api/v1/notifications?after=zzz", me.token()).body()).contains("after");
    }
}
