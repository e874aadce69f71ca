package vn.attthub.audit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.TestCallers.Agency;
import vn.attthub.TestCallers.Caller;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.Role;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 2 §4: the trail is shown to those allowed, within their agency scope, filterable and exportable. */
@IntegrationTest
class AuditTrailIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditLog audit;
    final JsonMapper json = JsonMapper.builder().build();

    TestCallers callers;
    Agency provinceA, unitA, provinceB;
    Caller officerA, coordinator, adminOfA, viewer;
    String marker;
    long eventA, eventB, eventPlatform;

    @BeforeEach
    void setUp() {
        callers = new TestCallers(jdbc, port);
        Agency root = callers.root();
        provinceA = callers.agency(root, "PROVINCE", "UBND tỉnh A");
        unitA = callers.agency(provinceA, "UNIT", "Sở A");
        provinceB = callers.agency(root, "PROVINCE", "UBND tỉnh B");
        officerA = callers.caller(provinceA, Role.SECURITY_OFFICER);
        adminOfA = callers.caller(provinceA, Role.PLATFORM_ADMIN);
        coordinator = callers.caller(root, Role.NATIONAL_COORDINATOR);
        viewer = callers.caller(root, Role.VIEWER);
        marker = "test.scope" + UUID.randomUUID().toString().substring(0, 8);
        eventA = record(marker + ".a", unitA, AuditEntry.Outcome.SUCCESS, "agency", "target-a");
        eventB = record(marker + ".b", provinceB, AuditEntry.Outcome.FAILURE, "user", "target-b");
        eventPlatform = record(marker + ".platform", null, AuditEntry.Outcome.DENIED, "system", "target-p");
    }

    long record(String action, Agency agency, AuditEntry.Outcome outcome, String targetType, String targetId) {
        audit.recordFor(null, "kiem-thu", new AuditEntry(action, targetType, targetId,
                agency == null ? null : AgencyId.of(agency.id()), outcome,
                Map.of("tên", AuditEntry.change("Sở cũ", "Sở Khoa học và Công nghệ"))));
        return jdbc.sql("SELECT seq FROM audit_event WHERE action = ? AND target_type = ? AND target_id = ?")
                .params(action, targetType, targetId).query(Long.class).single();
    }

    JsonNode events(Caller caller, String query) {
        HttpResponse<String> r = callers.get("/api/v1/audit/events?" + query, caller.token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    List<Long> seqs(JsonNode page) {
        List<Long> seqs = new ArrayList<>();
        page.get("items").forEach(i -> seqs.add(i.get("seq").asLong()));
        return seqs;
    }

    @Test
    void aProvinceReaderSeesOnlyItsSubtreeAndNoPlatformEvents() {
        assertThat(seqs(events(officerA, "action=" + marker))).containsExactly(eventA);
        assertThat(seqs(events(adminOfA, "action=" + marker))).containsExactly(eventA);
        assertThat(seqs(events(coordinator, "action=" + marker))).containsExactly(eventPlatform, eventB, eventA);
    }

    @Test
    void aSingleEntryOutsideTheScopeIs404() {
        assertThat(callers.get("/api/v1/audit/events/" + eventA, officerA.token()).statusCode()).isEqualTo(200);
        assertThat(callers.get("/api/v1/audit/events/" + eventB, officerA.token()).statusCode()).isEqualTo(404);
        assertThat(callers.get("/api/v1/audit/events/" + eventPlatform, officerA.token()).statusCode()).isEqualTo(404);
        assertThat(callers.get("/api/v1/audit/events/" + eventPlatform, coordinator.token()).statusCode()).isEqualTo(200);
        JsonNode one = json.readTree(callers.get("/api/v1/audit/events/" + eventA, officerA.token()).body());
        assertThat(one.get("action").asString()).isEqualTo(marker + ".a");
        assertThat(one.get("agencyCode").asString()).isEqualTo(unitA.code());
        assertThat(one.at("/details/tên/after").asString()).isEqualTo("Sở Khoa học và Công nghệ");
        assertThat(one.get("hash").asString()).hasSize(64);
    }

    @Test
    void withoutAuditReadTheTrailIs403() {
        assertThat(callers.get("/api/v1/audit/events", viewer.token()).statusCode()).isEqualTo(403);
        assertThat(callers.get("/api/v1/audit/verification", viewer.token()).statusCode()).isEqualTo(403);
    }

    @Test
    void verificationIsForPlatformWideReadersOnly() {
        assertThat(callers.get("/api/v1/audit/verification", officerA.token()).statusCode()).isEqualTo(403);
        assertThat(callers.get("/api/v1/audit/verification", adminOfA.token()).statusCode()).isEqualTo(403);
        HttpResponse<String> r = callers.get("/api/v1/audit/verification", coordinator.token());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode v = json.readTree(r.body());
        assertThat(v.get("valid").asBoolean()).isTrue();
        assertThat(v.get("checked").asLong()).isGreaterThanOrEqualTo(eventPlatform);
        assertThat(v.get("lastSeq").asLong()).isGreaterThanOrEqualTo(eventPlatform);
        assertThat(v.get("lastHash").asString()).hasSize(64);
        assertThat(v.has("firstBrokenSeq")).isTrue();
        assertThat(v.has("verifiedAt")).isTrue();
    }

    @Test
    void filtersNarrowTheList() {
        assertThat(seqs(events(coordinator, "action=" + marker + "&outcome=FAILURE"))).containsExactly(eventB);
        assertThat(seqs(events(coordinator, "action=" + marker + "&targetType=system&targetId=target-p")))
                .containsExactly(eventPlatform);
        assertThat(seqs(events(coordinator, "action=" + marker + "&agencyId=" + provinceA.id())))
                .containsExactly(eventA);
        assertThat(seqs(events(coordinator, "action=" + marker + "&actor=KIEM-THU"))).hasSize(3);
        assertThat(seqs(events(coordinator, "action=" + marker + "&actor=" + UUID.randomUUID()))).isEmpty();
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(1).toString();
        String today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString();
        assertThat(seqs(events(coordinator, "action=" + marker + "&from=" + tomorrow))).isEmpty();
        assertThat(seqs(events(coordinator, "action=" + marker + "&from=" + today + "&to=" + today))).hasSize(3);
        // A prefix is a prefix, not a pattern: '_' and '%' are literal.
        assertThat(seqs(events(coordinator, "action=test%25scope"))).isEmpty();
    }

    @Test
    void badFiltersAre400NamingTheParameter() {
        HttpResponse<String> r = callers.get("/api/v1/audit/events?from=21/11/2026&outcome=MAYBE&limit=5",
                coordinator.token());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"from\"").contains("\"field\":\"outcome\"");
        assertThat(callers.get("/api/v1/audit/events?limit=0", coordinator.token()).statusCode()).isEqualTo(400);
        assertThat(callers.get("/api/v1/audit/events?after=abc", coordinator.token()).statusCode()).isEqualTo(400);
        assertThat(callers.get("/api/v1/audit/events/export?format=xml", coordinator.token()).statusCode()).isEqualTo(400);
    }

    @Test
    void keysetPagingWalksNewestFirstWithoutDuplicates() {
        String pageMarker = marker + ".page";
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(record(pageMarker, unitA, AuditEntry.Outcome.SUCCESS, "agency", "p" + i));
        }
        List<Long> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = events(officerA, "action=" + pageMarker + "&limit=2" + (after == null ? "" : "&after=" + after));
            seen.addAll(seqs(page));
            after = page.get("next").isNull() ? null : page.get("next").asString();
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(3);
        java.util.Collections.reverse(made);
        assertThat(seen).containsExactlyElementsOf(made);
    }

    @Test
    void theCsvExportIsAnAttachmentWithTheSameFiltersAndScope() {
        HttpResponse<String> r = callers.get("/api/v1/audit/events/export?format=csv&action=" + marker,
                officerA.token());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        assertThat(r.headers().firstValue("Content-Disposition")).get().asString().startsWith("attachment")
                .contains(".csv");
        String[] lines = r.body().replace("\uFEFF", "").split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("seq,occurred_at,actor_name");
        assertThat(lines[1]).startsWith(eventA + ",").contains("Sở Khoa học và Công nghệ").contains("+07:00");

        String all = callers.get("/api/v1/audit/events/export?action=" + marker, coordinator.token()).body();
        assertThat(all.split("\r\n")).hasSize(4);

        JsonNode exports = events(coordinator, "action=audit.exported&actor=" + officerA.username());
        assertThat(exports.get("items")).hasSize(1);
        assertThat(exports.at("/items/0/details/filters").asString()).isEqualTo("action=" + marker);
    }

    @Test
    void thePageShowsTheScopedTrailWithFiltersKeptAndVerificationForPlatformReaders() {
        HttpResponse<String> officerPage = callers.send(callers.request("/audit?action=" + marker, officerA.token())
                .header("Accept", "text/html"));
        assertThat(officerPage.statusCode()).isEqualTo(200);
        assertThat(officerPage.body()).contains("Nhật ký kiểm toán").contains(marker + ".a")
                .doesNotContain(marker + ".b").contains("value=\"" + marker + "\"")
                .contains("Sở Khoa học và Công nghệ").contains("/api/v1/audit/events/export?format=csv&amp;action=")
                .doesNotContain("Kiểm tra ngay");

        HttpResponse<String> coordinatorPage = callers.send(callers.request("/audit?action=" + marker,
                coordinator.token()).header("Accept", "text/html"));
        assertThat(coordinatorPage.body()).contains("Kiểm tra ngay").contains(marker + ".b");

        HttpResponse<String> fragment = callers.send(callers.request("/audit/verification", coordinator.token())
                .header("HX-Request", "true"));
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body()).contains("Nguyên vẹn").doesNotContain("<html");
        assertThat(callers.get("/audit/verification", officerA.token()).statusCode()).isEqualTo(403);
    }

    @Test
    void aBadFilterOnThePageIsExplainedInVietnamese() {
        HttpResponse<String> page = callers.send(callers.request("/audit?from=hom-qua", coordinator.token())
                .header("Accept", "text/html"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Bộ lọc không hợp lệ").contains("from");
    }
}
