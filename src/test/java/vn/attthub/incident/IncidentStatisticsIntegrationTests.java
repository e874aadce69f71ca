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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.attthub.incident.IncidentFixtures.json;

/**
 * Statistics per agency subtree and period over known incidents (issue 4 §4): counts, median and p90 durations, and
 * the share of notices filed within 5 days of detection (Circular 20/2017 Art 9.2.a).
 */
@IntegrationTest
class IncidentStatisticsIntegrationTests {
    static final OffsetDateTime DETECTED = OffsetDateTime.parse("2026-03-10T09:00:00+07:00");
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    TestCallers callers;
    Agency province;
    Agency department;
    Caller viewer;

    /** One known incident: reporter/owner, delay to notice, category, severity, TLP, close and acknowledgement. */
    record Known(String who, Duration notifyAfter, String category, String severity, String tlp, Duration closeAfter,
                 Duration ackAfter, OffsetDateTime detected) {
    }

    @BeforeEach
    void setUp() {
        callers = new TestCallers(jdbc, port);
        province = callers.agency(callers.root(), "PROVINCE", "Tỉnh thống kê sự cố");
        department = callers.agency(province, "DEPARTMENT", "Sở thống kê sự cố");
        Agency elsewhere = callers.agency(callers.root(), "PROVINCE", "Tỉnh khác thống kê");
        viewer = callers.caller(province, Role.VIEWER);
        Map<String, Agency> who = Map.of("D", department, "P", province, "X", elsewhere);
        List<Known> table = List.of(
                new Known("D", Duration.ofHours(1), "availability/ddos", "SERIOUS", "AMBER", Duration.ofHours(10),
                        Duration.ofMinutes(30), DETECTED),
                new Known("P", Duration.ofHours(3), "availability/ddos", "NORMAL", "GREEN", null,
                        Duration.ofMinutes(90), DETECTED),
                new Known("D", Duration.ofDays(6), "malicious-code/infected-system", null, "AMBER", null, null,
                        DETECTED),
                // TLP:RED reported by the department: the province's viewer is not a named party, so not counted.
                new Known("D", Duration.ofHours(2), "availability/ddos", "SERIOUS", "RED", null, null, DETECTED),
                // Outside the period.
                new Known("D", Duration.ofHours(2), "availability/ddos", "NORMAL", "AMBER", null, null,
                        DETECTED.minusYears(1)),
                // Outside the subtree.
                new Known("X", Duration.ofHours(2), "availability/ddos", "NORMAL", "AMBER", null, null, DETECTED));
        for (Known k : table) insert(who.get(k.who()), k);
    }

    void insert(Agency agency, Known k) {
        UUID id = UUID.randomUUID();
        OffsetDateTime reported = k.detected().plus(k.notifyAfter());
        jdbc.sql("""
                        INSERT INTO incident (id, reference, title, description, affected_asset, owner_id,
                            reporter_agency_id, reporter_name, detected_at, reported_at, category, beyond_capacity, tlp,
                            state, severity, proposed_severity, closed_at)
                        VALUES (?, ?, 'Sự cố thống kê', 'Mô tả', '203.0.113.1', ?, ?, 'Người báo', ?, ?, ?, false, ?,
                            ?, ?, 'NORMAL', ?)""")
                .params(id, "TK-" + id.toString().substring(0, 18), agency.id(), agency.id(),
                        Timestamp.from(k.detected().toInstant()), Timestamp.from(reported.toInstant()), k.category(),
                        k.tlp(), k.closeAfter() == null ? "RECEIVED" : "CLOSED", k.severity(),
                        k.closeAfter() == null ? null : Timestamp.from(reported.plus(k.closeAfter()).toInstant()))
                .update();
        jdbc.sql("""
                        INSERT INTO incident_recipient (incident_id, agency_id, role, delivered_at, acknowledged_at)
                        VALUES (?, ?, 'SYSTEM_OWNER', ?, ?)""")
                .params(id, agency.id(), Timestamp.from(reported.toInstant()),
                        k.ackAfter() == null ? null : Timestamp.from(reported.plus(k.ackAfter()).toInstant()))
                .update();
    }

    /** Expected figures for one query; durations in seconds, null when nothing to measure. */
    record Expected(String name, String agency, String from, String to, long total, Map<String, Long> byCategory,
                    Map<String, Long> bySeverity, Double notifyMedian, Double notifyP90, long acks, Double ackMedian,
                    Double ackP90, Double closeMedian, long onTime) {
    }

    @Test
    void figuresMatchTheKnownIncidents() {
        double h = 3600;
        List<Expected> table = List.of(
                new Expected("province subtree, March", "P", "2026-03-01", "2026-03-31", 3,
                        Map.of("availability/ddos", 2L, "malicious-code/infected-system", 1L),
                        Map.of("SERIOUS", 1L, "NORMAL", 1L, "UNCLASSIFIED", 1L),
                        3 * h, 3 * h + 0.8 * (144 - 3) * h, 2, 3600.0, 30 * 60 + 0.9 * 3600, 10 * h, 2),
                new Expected("department only", "D", "2026-03-01", "2026-03-31", 2,
                        Map.of("availability/ddos", 1L, "malicious-code/infected-system", 1L),
                        Map.of("SERIOUS", 1L, "UNCLASSIFIED", 1L),
                        (1 + 144) / 2.0 * h, (1 + 0.9 * 143) * h, 1, 1800.0, 1800.0, 10 * h, 1),
                new Expected("late notice only (reported 16/03)", "P", "2026-03-11", "2026-03-31", 1,
                        Map.of("malicious-code/infected-system", 1L), Map.of("UNCLASSIFIED", 1L),
                        144 * h, 144 * h, 0, null, null, null, 0),
                new Expected("empty period", "P", "2026-04-01", "2026-04-30", 0, Map.of(), Map.of(),
                        null, null, 0, null, null, null, 0));
        for (Expected e : table) {
            String agency = (e.agency().equals("P") ? province : department).id().toString();
            HttpResponse<String> r = callers.get("/api/v1/incident-statistics?agencyId=" + agency + "&from="
                    + e.from() + "&to=" + e.to(), viewer.token());
            assertThat(r.statusCode()).as(e.name() + ": " + r.body()).isEqualTo(200);
            JsonNode s = json(r);
            assertThat(s.get("total").asLong()).as(e.name()).isEqualTo(e.total());
            assertThat(counts(s.get("byCategory"))).as(e.name()).isEqualTo(e.byCategory());
            assertThat(counts(s.get("bySeverity"))).as(e.name()).isEqualTo(e.bySeverity());
            check(e.name() + " notify median", s.get("timeToNotify").get("medianSeconds"), e.notifyMedian());
            check(e.name() + " notify p90", s.get("timeToNotify").get("p90Seconds"), e.notifyP90());
            assertThat(s.get("timeToAcknowledge").get("count").asLong()).as(e.name()).isEqualTo(e.acks());
            check(e.name() + " ack median", s.get("timeToAcknowledge").get("medianSeconds"), e.ackMedian());
            check(e.name() + " ack p90", s.get("timeToAcknowledge").get("p90Seconds"), e.ackP90());
            check(e.name() + " close median", s.get("timeToClose").get("medianSeconds"), e.closeMedian());
            assertThat(s.get("notifiedOnTime").get("onTime").asLong()).as(e.name()).isEqualTo(e.onTime());
            if (e.total() > 0) {
                assertThat(s.get("notifiedOnTime").get("share").asDouble()).as(e.name())
                        .isCloseTo((double) e.onTime() / e.total(), within(1e-9));
            } else {
                assertThat(s.get("notifiedOnTime").get("share").isNull()).as(e.name()).isTrue();
            }
        }
    }

    @Test
    void outOfScopeAgencyIs404AndBadDatesAre400() {
        Caller outsider = callers.caller(callers.agency(callers.root(), "PROVINCE", "Tỉnh ngoài thống kê"),
                Role.VIEWER);
        assertThat(callers.get("/api/v1/incident-statistics?agencyId=" + province.id(), outsider.token())
                .statusCode()).isEqualTo(404);
        HttpResponse<String> bad = callers.get("/api/v1/incident-statistics?from=01/03/2026&to=2026-02-01",
                viewer.token());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"from\"");
        HttpResponse<String> reversed = callers.get("/api/v1/incident-statistics?from=2026-03-02&to=2026-03-01",
                viewer.token());
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.body()).contains("\"to\"");
    }

    @Test
    void theStatisticsPageShowsTheFigures() {
        HttpResponse<String> page = callers.get("/incidents/statistics?from=2026-03-01&to=2026-03-31",
                viewer.token());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Thống kê sự cố", "availability/ddos", "Tỷ lệ thông báo đúng hạn");
    }

    static Map<String, Long> counts(JsonNode list) {
        Map<String, Long> m = new HashMap<>();
        list.forEach(c -> m.put(c.get("key").asString(), c.get("count").asLong()));
        return m;
    }

    static void check(String what, JsonNode actual, Double expected) {
        if (expected == null) assertThat(actual == null || actual.isNull()).as(what).isTrue();
        else assertThat(actual.asDouble()).as(what).isCloseTo(expected, within(0.001));
    }
}
