package vn.attthub.incident;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
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
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.attthub.incident.IncidentFixtures.json;

/**
 * Intake of notices (issue 4 §5): the filing agency is a named party of its own notice (TLP:RED included), the 201
 * answer is the detail a later GET shows, and the notification fan-out runs after commit from a durable outbox.
 */
@IntegrationTest
class IncidentIntakeIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IncidentNoticeOutbox outbox;
    @Autowired
    TransactionTemplate tx;
    IncidentFixtures f;

    @BeforeEach
    void setUp() {
        f = new IncidentFixtures(jdbc, new TestCallers(jdbc, port));
    }

    static String recent() {
        return OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(2).withNano(0).toString();
    }

    HttpResponse<String> fileWithKey(Caller c, String key, String body) {
        return f.callers.send(f.callers.request("/api/v1/incidents", c.token())
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * A department files a TLP:RED notice for one of its units about another agency's asset: neither the department
     * nor its unit is on the routing list (owner, IR unit, coordinator), yet the department filed it, so it is a named
     * party of its own notice (FIRST TLP 2.0: RED stays with the named parties; the filer is one).
     */
    @Test
    void aRedNoticeFiledForAnotherAgencyIsVisibleToTheAgencyThatFiledIt() {
        Agency department = f.callers.agency(f.province, "DEPARTMENT", "Sở báo cáo thay đơn vị");
        Agency unit = f.callers.agency(department, "UNIT", "Trung tâm trực thuộc sở");
        Caller filer = f.callers.caller(department, Role.AGENCY_ADMIN);
        String body = "{\"ownerId\":\"" + f.owner.id() + "\",\"reporterAgencyId\":\"" + unit.id() + "\","
                + "\"affectedAsset\":\"mail.so-bao-cao.gov.vn\",\"title\":\"Lộ thông tin đăng nhập thư công vụ\","
                + "\"description\":\"Tài khoản bị đăng nhập từ IP lạ.\",\"detectedAt\":\"" + recent() + "\","
                + "\"category\":\"intrusions/system-compromise\",\"beyondCapacity\":false,\"tlp\":\"RED\"}";
        String key = "red-" + UUID.randomUUID();

        HttpResponse<String> first = fileWithKey(filer, key, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode d = json(first);
        String id = d.get("id").asString();
        assertThat(d.get("tlp").asString()).isEqualTo("RED");
        assertThat(d.get("reporterAgency").get("id").asString()).isEqualTo(unit.id().toString());
        assertThat(d.get("recipients").toString()).doesNotContain(department.id().toString())
                .doesNotContain(unit.id().toString());

        HttpResponse<String> again = fileWithKey(filer, key, body);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(json(again).get("id").asString()).isEqualTo(id);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE reporter_agency_id = ?").param(unit.id())
                .query(Long.class).single()).isEqualTo(1);

        HttpResponse<String> read = f.callers.get("/api/v1/incidents/" + id, filer.token());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read)).isEqualTo(d);
        assertThat(f.callers.get("/api/v1/incidents?size=200", filer.token()).body()).contains(id);
        // RED stays with the named parties: not a third province, not the province above the department
        Agency third = f.callers.agency(f.root, "PROVINCE", "Tỉnh thứ ba");
        Caller outsider = f.callers.caller(third, Role.AGENCY_ADMIN);
        assertThat(f.callers.get("/api/v1/incidents/" + id, outsider.token()).statusCode()).isEqualTo(404);
        Caller provinceAdmin = f.callers.caller(f.province, Role.AGENCY_ADMIN);
        assertThat(f.callers.get("/api/v1/incidents/" + id, provinceAdmin.token()).statusCode()).isEqualTo(404);
    }

    /** Waits until the fan-out of {@code incident} ran (the worker, or this thread's own drain, took its row). */
    static void fannedOut(JdbcClient jdbc, IncidentNoticeOutbox outbox, String incident) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            outbox.drain();
            boolean pending = jdbc.sql("SELECT EXISTS (SELECT 1 FROM incident_notice_outbox WHERE incident_id = ?::uuid)")
                    .param(incident).query(Boolean.class).single();
            if (!pending) return;
            if (System.nanoTime() > deadline) throw new AssertionError("fan-out of " + incident + " still pending");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * V121: the intake's children and the fan-out's deliveries no longer run foreign key checks; what the keys also
     * guarded stays. A case is a legal record and cannot be deleted, and a notification or a user still takes its
     * deliveries with it (the cascade of the dropped keys).
     */
    @Test
    void anIncidentIsNeverDeletedAndDeliveriesGoWithTheirNotificationOrUser() {
        HttpResponse<String> r = fileAsOperatorAndFanOut();
        String id = json(r).get("id").asString();

        assertThatThrownBy(() -> jdbc.sql("DELETE FROM incident WHERE id = ?::uuid").param(id).update())
                .hasMessageContaining("incidents are never deleted");
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> { // rolled back even if it were not refused
            status.setRollbackOnly();
            jdbc.sql("TRUNCATE incident CASCADE").update();
        })).hasMessageContaining("incidents are never deleted");
        assertThat(jdbc.sql("SELECT count(*) FROM incident_recipient WHERE incident_id = ?::uuid").param(id)
                .query(Long.class).single()).isEqualTo(recipientsOf(json(r)).size());

        UUID[] notifications = jdbc.sql("SELECT id FROM notification WHERE link = ?").param("/incidents/" + id)
                .query(UUID.class).list().toArray(UUID[]::new);
        UUID member = UUID.randomUUID();
        jdbc.sql("INSERT INTO app_user (id, username, full_name, email, agency_id) VALUES (?, ?, ?, ?, ?)")
                .params(member, "v121-" + member, "Người nhận thử", "v121@example.gov.vn", f.owner.id()).update();
        UUID hers = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO notification_delivery (id, notification_id, channel, user_id, status)
                        VALUES (?, ?, 'IN_APP', ?, 'SENT')""").params(hers, notifications[0], member).update();
        assertThat(deliveriesOf(notifications)).isGreaterThan(1);

        jdbc.sql("DELETE FROM app_user WHERE id = ?").param(member).update();
        assertThat(jdbc.sql("SELECT count(*) FROM notification_delivery WHERE id = ?").param(hers)
                .query(Long.class).single()).isZero();
        assertThat(deliveriesOf(notifications)).isPositive();
        jdbc.sql("DELETE FROM notification WHERE id = ANY(?)").param(notifications).update();
        assertThat(deliveriesOf(notifications)).isZero();
    }

    /** The owner's operator files a notice (201) and its fan-out has run. */
    HttpResponse<String> fileAsOperatorAndFanOut() {
        Caller operator = f.callers.caller(f.owner, Role.SYSTEM_OPERATOR);
        HttpResponse<String> r = f.callers.postJson("/api/v1/incidents", operator.token(),
                IncidentFixtures.notice(f.system, "GREEN", true, recent()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        fannedOut(jdbc, outbox, json(r).get("id").asString());
        return r;
    }

    long deliveriesOf(UUID[] notifications) {
        return jdbc.sql("SELECT count(*) FROM notification_delivery WHERE notification_id = ANY(?)")
                .param(notifications).query(Long.class).single();
    }

    List<String> notified(String incident) {
        return jdbc.sql("SELECT agency_id::text FROM notification WHERE template = 'incident-notice' AND link = ?")
                .param("/incidents/" + incident).query(String.class).list();
    }

    long deliveries(String incident) {
        return jdbc.sql("""
                        SELECT count(*) FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
                        WHERE n.template = 'incident-notice' AND n.link = ?""")
                .param("/incidents/" + incident).query(Long.class).single();
    }

    List<String> recipientsOf(JsonNode d) {
        List<String> out = new java.util.ArrayList<>();
        d.get("recipients").forEach(r -> out.add(r.get("agencyId").asString()));
        return out;
    }

    /**
     * The 201 answer is built from memory; a later GET by the same caller shows exactly the same JSON, whether the
     * notice was written in the request's transaction (no key) or in a group commit with its stored answer (a key),
     * and with observables other cases already hold.
     */
    @Test
    void theCreatedAnswerEqualsALaterRead() {
        Caller operator = f.callers.caller(f.owner, Role.SYSTEM_OPERATOR);
        String phishing = "gia-mao-" + UUID.randomUUID() + ".example.com";
        // a level 4 system, beyond capacity, with observables: SERIOUS proposed, LOCAL plan, four recipients
        for (String body : List.of(IncidentFixtures.notice(f.system, "AMBER", true, recent()),
                IncidentFixtures.notice(f.system, "GREEN", false,
                        OffsetDateTime.now(ZoneOffset.ofHours(7)).minusDays(6).withNano(0).toString()),
                "{\"affectedAsset\":\"mail.so-kiem-thu.gov.vn\",\"title\":\"Lừa đảo\",\"description\":\"Thư giả mạo\","
                        + "\"detectedAt\":\"" + recent() + "\",\"category\":\"fraud/phishing\","
                        + "\"beyondCapacity\":false,\"tlp\":\"CLEAR\",\"observables\":[{\"type\":\"DOMAIN\","
                        + "\"value\":\"" + phishing + "\"},{\"type\":\"IP\",\"value\":\"203.0.113.7\"},"
                        + "{\"type\":\"DOMAIN\",\"value\":\"" + phishing.toUpperCase() + "\"}]}")) {
            for (boolean withKey : List.of(false, true)) {
                HttpResponse<String> created = withKey ? fileWithKey(operator, "read-" + UUID.randomUUID(), body)
                        : f.callers.postJson("/api/v1/incidents", operator.token(), body);
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                JsonNode d = json(created);
                HttpResponse<String> read = f.callers.get("/api/v1/incidents/" + d.get("id").asString(),
                        operator.token());
                assertThat(read.statusCode()).isEqualTo(200);
                assertThat(json(read)).as("key: " + withKey).isEqualTo(d);
                assertThat(read.headers().firstValue("ETag")).isEqualTo(created.headers().firstValue("ETag"));
                if (body.contains(phishing)) {
                    assertThat(d.get("observables").size()).as("the same domain twice is kept once").isEqualTo(2);
                    JsonNode domain = null;
                    for (JsonNode o : d.get("observables")) if (o.get("type").asString().equals("DOMAIN")) domain = o;
                    assertThat(domain.get("value").asString()).isEqualTo(phishing);
                    assertThat(domain.get("seenInOtherIncidents").asLong()).as("the second notice sees the first")
                            .isEqualTo(withKey ? 1 : 0);
                }
            }
        }
        // the coordinator's view of its own notice: allowed transitions and coordinator flag as a GET shows them
        Caller coordinator = f.coordinatorUser();
        HttpResponse<String> created = f.callers.postJson("/api/v1/incidents", coordinator.token(),
                IncidentFixtures.notice(f.system, "GREEN", false, recent()).replace("{\"systemId\"",
                        "{\"reporterAgencyId\":\"" + f.owner.id() + "\",\"systemId\""));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode d = json(created);
        assertThat(d.get("coordinator").asBoolean()).isTrue();
        assertThat(d.get("allowedTransitions").toString()).contains("VERIFIED");
        assertThat(json(f.callers.get("/api/v1/incidents/" + d.get("id").asString(), coordinator.token())))
                .isEqualTo(d);
    }

    /**
     * Concurrent retries of one notice with one key (a client that timed out and sent again at once): one incident,
     * and every answer is the first one's (TT20 Art 9: one notice, one case).
     */
    @Test
    void concurrentRetriesOfANoticeFileItOnce() throws Exception {
        Caller operator = f.callers.caller(f.owner, Role.SYSTEM_OPERATOR);
        String title = "Thử gửi lại đồng thời " + UUID.randomUUID();
        String body = IncidentFixtures.notice(f.system, "GREEN", false, recent())
                .replaceFirst("\"title\":\"[^\"]*\"", "\"title\":\"" + title + "\"");
        assertThat(body).contains(title);
        String key = "retry-" + UUID.randomUUID();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<HttpResponse<String>>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return fileWithKey(operator, key, body);
                }));
            }
            start.countDown();
            List<HttpResponse<String>> answers = new java.util.ArrayList<>();
            for (var s : sent) answers.add(s.get(30, java.util.concurrent.TimeUnit.SECONDS));
            assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isEqualTo(201));
            assertThat(answers.stream().map(HttpResponse::body).distinct()).hasSize(1);
            assertThat(answers.stream().filter(a -> a.headers().firstValue("Idempotent-Replayed").isEmpty()))
                    .as("executed once, replayed to the others").hasSize(1);
            assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE title = ?").param(title).query(Long.class)
                    .single()).isEqualTo(1);
            String id = json(answers.get(0)).get("id").asString();
            assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'incident.filed' AND target_id = ?")
                    .param(id).query(Long.class).single() + jdbc.sql("SELECT count(*) FROM audit_pending "
                    + "WHERE action = 'incident.filed' AND target_id = ?").param(id).query(Long.class).single())
                    .as("one audit entry").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The fan-out runs after commit: one notification per recipient, with its in-app and e-mail deliveries. */
    @Test
    void theNotificationsOfANoticeAreSentAfterCommitFromTheOutbox() {
        Caller operator = f.callers.caller(f.owner, Role.SYSTEM_OPERATOR);
        f.callers.caller(f.irUnit, Role.INCIDENT_RESPONDER); // a user of the IR unit: an in-app delivery
        HttpResponse<String> r = f.callers.postJson("/api/v1/incidents", operator.token(),
                IncidentFixtures.notice(f.system, "AMBER", false, recent()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = json(r).get("id").asString();
        fannedOut(jdbc, outbox, id);
        assertThat(notified(id)).containsExactlyInAnyOrderElementsOf(recipientsOf(json(r)));
        assertThat(deliveries(id)).isGreaterThanOrEqualTo(2); // the operator and the IR user, in-app at least
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
                        WHERE n.link = ? AND d.channel = 'IN_APP' AND d.user_id = ?""")
                .params("/incidents/" + id, operator.userId()).query(Long.class).single()).isEqualTo(1);
    }

    /**
     * A crash between the notice's commit and its fan-out leaves the outbox row pending and no notification: the next
     * run sends them; running a row again (a worker that died after sending, before deleting) sends nothing twice.
     */
    @Test
    void aFanOutInterruptedByACrashIsSentByTheNextRunAndNeverTwice() {
        HttpResponse<String> r = fileAsOperatorAndFanOut();
        String id = json(r).get("id").asString();
        long sent = deliveries(id);
        // the state a crash right after the commit leaves: the incident and its outbox row, no notification
        jdbc.sql("DELETE FROM notification_delivery WHERE notification_id IN (SELECT id FROM notification "
                + "WHERE link = ?)").param("/incidents/" + id).update();
        jdbc.sql("DELETE FROM notification WHERE link = ?").param("/incidents/" + id).update();
        jdbc.sql("INSERT INTO incident_notice_outbox (incident_id) VALUES (?::uuid)").param(id).update();
        assertThat(notified(id)).isEmpty();
        fannedOut(jdbc, outbox, id); // the next run (on start-up, by the poll, or here)
        assertThat(notified(id)).containsExactlyInAnyOrderElementsOf(recipientsOf(json(r)));
        assertThat(deliveries(id)).isEqualTo(sent);
        // a worker that sent and then died before deleting its row: the row comes back, nothing is sent twice
        jdbc.sql("INSERT INTO incident_notice_outbox (incident_id) VALUES (?::uuid)").param(id).update();
        fannedOut(jdbc, outbox, id);
        assertThat(notified(id)).hasSize(recipientsOf(json(r)).size());
        assertThat(deliveries(id)).isEqualTo(sent);
    }
}
