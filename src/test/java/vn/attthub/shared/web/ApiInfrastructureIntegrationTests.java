package vn.attthub.shared.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.shared.Role;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 2 §5: errors are RFC 9457 problems with field paths, never a 500 for bad input; Idempotency-Key. */
@IntegrationTest
class ApiInfrastructureIntegrationTests {
    static final String PROBE = "/api/v1/test-probe";
    static final String ADMIN = IntegrationTest.BOOTSTRAP_TOKEN;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdempotencyKeys idempotencyKeys;
    TestCallers callers;

    @BeforeEach
    void setUp() {
        callers = new TestCallers(jdbc, port);
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at vn.attthub");
    }

    @Test
    void aBodyDeclaredOverOneMegabyteIs413BeforeItIsRead() {
        String big = "{\"name\":\"" + "a".repeat(1_100_000) + "\"}";
        HttpResponse<String> r = callers.postJson(PROBE, ADMIN, big);
        assertProblem(r, 413);
        assertThat(r.body()).contains("Content too large");
    }

    @Test
    void aChunkedBodyOverOneMegabyteIs413Too() {
        byte[] big = ("{\"name\":\"" + "b".repeat(1_200_000) + "\"}").getBytes();
        HttpResponse<String> r = callers.send(callers.request(PROBE, ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertProblem(r, 413);
    }

    @Test
    void aBodyJustUnderTheLimitIsAccepted() {
        String ok = "{\"name\":\"" + "c".repeat(900_000) + "\"}";
        assertThat(callers.postJson(PROBE, ADMIN, ok).statusCode()).isEqualTo(201);
    }

    @Test
    void aWrongContentTypeIs415() {
        HttpResponse<String> r = callers.send(callers.request(PROBE, ADMIN).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=x")));
        assertProblem(r, 415);
    }

    @Test
    void malformedJsonIs400() {
        HttpResponse<String> r = callers.postJson(PROBE, ADMIN, "{\"name\": \"x\",");
        assertProblem(r, 400);
        assertThat(r.body()).contains("Malformed request");
    }

    @Test
    void anUnknownEnumValueIs400NamingTheFieldAndTheAllowedValues() {
        HttpResponse<String> r = callers.postJson(PROBE, ADMIN, "{\"name\":\"x\",\"colour\":\"PURPLE\"}");
        assertProblem(r, 400);
        assertThat(r.body()).contains("\"field\":\"colour\"").contains("RED").contains("GREEN");
    }

    @Test
    void aWrongTypeIs400NamingTheFieldEvenWhenNested() {
        HttpResponse<String> top = callers.postJson(PROBE, ADMIN, "{\"name\":\"x\",\"count\":\"many\"}");
        assertProblem(top, 400);
        assertThat(top.body()).contains("\"field\":\"count\"");
        HttpResponse<String> nested = callers.postJson(PROBE, ADMIN,
                "{\"name\":\"x\",\"items\":[{\"label\":\"a\",\"weight\":{}}]}");
        assertProblem(nested, 400);
        assertThat(nested.body()).contains("\"field\":\"items[0].weight\"");
    }

    @Test
    void anUnknownFieldIs400NamingIt() {
        HttpResponse<String> r = callers.postJson(PROBE, ADMIN, "{\"name\":\"x\",\"isAdmin\":true}");
        assertProblem(r, 400);
        assertThat(r.body()).contains("\"field\":\"isAdmin\"").contains("unknown field");
    }

    @Test
    void aMissingRequiredValueIs400NamingIt() {
        HttpResponse<String> blank = callers.postJson(PROBE, ADMIN, "{\"name\":\" \"}");
        assertProblem(blank, 400);
        assertThat(blank.body()).contains("\"field\":\"name\"");
    }

    // --- Idempotency-Key ---

    HttpResponse<String> postWithKey(String path, String token, String key, String json) {
        return callers.send(callers.request(path, token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void aRepeatedKeyReplaysTheFirstResponseWithoutExecutingAgain() {
        String key = "k-" + UUID.randomUUID();
        HttpResponse<String> first = postWithKey(PROBE, ADMIN, key, "{\"name\":\"once\"}");
        int executions = ProbeController.EXECUTIONS.get();
        HttpResponse<String> second = postWithKey(PROBE, ADMIN, key, "{\"name\":\"once\"}");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue(IdempotencyKeys.REPLAYED)).isEmpty();
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(second.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
        assertThat(second.headers().firstValue(IdempotencyKeys.REPLAYED)).contains("true");
        assertThat(ProbeController.EXECUTIONS.get()).isEqualTo(executions);
    }

    @Test
    void aClientErrorIsStoredAndReplayedToo() {
        String key = "k-" + UUID.randomUUID();
        HttpResponse<String> first = postWithKey(PROBE, ADMIN, key, "{\"name\":\"\"}");
        HttpResponse<String> second = postWithKey(PROBE, ADMIN, key, "{\"name\":\"\"}");
        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(second.headers().firstValue(IdempotencyKeys.REPLAYED)).contains("true");
    }

    @Test
    void theSameKeyWithADifferentBodyIs422() {
        String key = "k-" + UUID.randomUUID();
        assertThat(postWithKey(PROBE, ADMIN, key, "{\"name\":\"first\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> other = postWithKey(PROBE, ADMIN, key, "{\"name\":\"second\"}");
        assertProblem(other, 422);
    }

    @Test
    void keysBelongToOneCaller() {
        TestCallers.Caller viewer = callers.caller(callers.root(), Role.VIEWER);
        String key = "k-" + UUID.randomUUID();
        HttpResponse<String> admin = postWithKey(PROBE, ADMIN, key, "{\"name\":\"mine\"}");
        HttpResponse<String> other = postWithKey(PROBE, viewer.token(), key, "{\"name\":\"mine\"}");
        assertThat(other.statusCode()).isEqualTo(201);
        assertThat(other.headers().firstValue(IdempotencyKeys.REPLAYED)).isEmpty();
        assertThat(other.body()).isNotEqualTo(admin.body());
    }

    // --- a handler whose changes commit with its stored answer (@IdempotentWithItsAnswer) ---

    long changes(String name) {
        return jdbc.sql("SELECT count(*) FROM probe_change WHERE name = ?").param(name).query(Long.class).single();
    }

    Integer storedStatus(String key) {
        return jdbc.sql("SELECT status FROM idempotent_request WHERE key = ?").param(key).query(Integer.class)
                .optional().orElse(null);
    }

    /** POST to the probe's atomic handler ({@code then}: see {@link ProbeController#atomic}) with {@code key}. */
    HttpResponse<String> postAtomic(String then, String key, String name) {
        jdbc.sql("CREATE TABLE IF NOT EXISTS probe_change (name TEXT, "
                + "CONSTRAINT probe_change_name_uq UNIQUE (name) DEFERRABLE INITIALLY DEFERRED)").update();
        return postWithKey(PROBE + "/atomic?then=" + then, ADMIN, key, "{\"name\":\"" + name + "\"}");
    }

    @Test
    void changesAndTheStoredAnswerCommitTogetherAndAreReplayed() {
        String key = "k-" + UUID.randomUUID();
        String name = "atomic-" + key;
        HttpResponse<String> first = postAtomic("commit", key, name);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(ProbeController.ATOMIC_CLAIM_ROWS.get()).as("no claim row: the answer is inserted with the change")
                .isZero();
        assertThat(changes(name)).isEqualTo(1);
        assertThat(storedStatus(key)).isEqualTo(201);
        int executions = ProbeController.EXECUTIONS.get();
        HttpResponse<String> again = postAtomic("commit", key, name);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue(IdempotencyKeys.REPLAYED)).contains("true");
        assertThat(ProbeController.EXECUTIONS.get()).isEqualTo(executions);
        assertThat(changes(name)).isEqualTo(1);
    }

    @Test
    void aSuccessWhoseChangesCannotCommitIs503AndTheKeyCanBeRetried() {
        String key = "k-" + UUID.randomUUID();
        String name = "twice-" + key;
        int before = ProbeController.EXECUTIONS.get();
        HttpResponse<String> first = postAtomic("twice", key, name);
        assertProblem(first, 503);
        assertThat(first.headers().firstValue("Location")).isEmpty();
        assertThat(changes(name)).isZero();
        assertThat(storedStatus(key)).as("the claim is released, nothing stored").isNull();
        HttpResponse<String> retry = postAtomic("twice", key, name);
        assertProblem(retry, 503);
        assertThat(retry.headers().firstValue(IdempotencyKeys.REPLAYED)).isEmpty();
        assertThat(ProbeController.EXECUTIONS.get()).as("executed again").isEqualTo(before + 2);
    }

    /** A group commit that fails is written again unit by unit: only the unit that cannot commit fails. */
    @Test
    void aUnitThatCannotCommitFailsAloneInItsGroupCommit() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> thens = List.of("commit", "twice", "commit", "commit", "twice", "commit", "commit", "commit");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(thens.size());
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < thens.size(); i++) {
                String then = thens.get(i);
                String name = then + "-" + i + "-" + run;
                answers.add(pool.submit(() -> {
                    start.await();
                    return postAtomic(then, "k-" + name, name);
                }));
            }
            start.countDown();
            for (int i = 0; i < thens.size(); i++) {
                String name = thens.get(i) + "-" + i + "-" + run;
                HttpResponse<String> answer = answers.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS);
                if (thens.get(i).equals("twice")) {
                    assertProblem(answer, 503);
                    assertThat(changes(name)).as(name).isZero();
                    assertThat(storedStatus("k-" + name)).as(name).isNull();
                } else {
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                    assertThat(changes(name)).as(name).isEqualTo(1);
                    assertThat(storedStatus("k-" + name)).as(name).isEqualTo(201);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClientErrorOfAnAtomicHandlerRollsBackItsChangesAndIsReplayed() {
        String key = "k-" + UUID.randomUUID();
        String name = "invalid-" + key;
        HttpResponse<String> first = postAtomic("invalid", key, name);
        assertProblem(first, 400);
        assertThat(changes(name)).isZero();
        assertThat(storedStatus(key)).isEqualTo(400);
        HttpResponse<String> again = postAtomic("invalid", key, name);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.headers().firstValue(IdempotencyKeys.REPLAYED)).contains("true");
    }

    @Test
    void serverErrorsAreNotStoredSoTheSameKeyCanBeRetried() {
        String key = "k-" + UUID.randomUUID();
        int before = ProbeController.EXECUTIONS.get();
        assertThat(postWithKey(PROBE + "/fail", ADMIN, key, "{\"name\":\"x\"}").statusCode()).isEqualTo(500);
        assertThat(postWithKey(PROBE + "/fail", ADMIN, key, "{\"name\":\"x\"}").statusCode()).isEqualTo(500);
        assertThat(ProbeController.EXECUTIONS.get()).isEqualTo(before + 2);
        assertThat(jdbc.sql("SELECT count(*) FROM idempotent_request WHERE key = ?").param(key)
                .query(Long.class).single()).isZero();
    }

    @Test
    void concurrentDuplicatesExecuteOnce() throws Exception {
        String key = "k-" + UUID.randomUUID();
        int before = ProbeController.EXECUTIONS.get();
        Callable<HttpResponse<String>> call = () -> postWithKey(PROBE + "/slow", ADMIN, key, "{\"name\":\"race\"}");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<HttpResponse<String>>> results = pool.invokeAll(List.of(call, call, call));
            for (Future<HttpResponse<String>> f : results) {
                assertThat(f.get().statusCode()).isEqualTo(201);
                assertThat(f.get().body()).isEqualTo(results.get(0).get().body());
            }
            assertThat(results.stream().filter(f -> {
                try {
                    return f.get().headers().firstValue(IdempotencyKeys.REPLAYED).isPresent();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).count()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ProbeController.EXECUTIONS.get()).isEqualTo(before + 1);
    }

    @Test
    void expiredKeysAreCleanedUpAndCanBeUsedAgain() {
        String key = "k-" + UUID.randomUUID();
        assertThat(postWithKey(PROBE, ADMIN, key, "{\"name\":\"old\"}").statusCode()).isEqualTo(201);
        jdbc.sql("UPDATE idempotent_request SET created_at = now() - interval '25 hours' WHERE key = ?")
                .param(key).update();
        // An expired key is a new key: a different body executes instead of answering 422.
        HttpResponse<String> again = postWithKey(PROBE, ADMIN, key, "{\"name\":\"new\"}");
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).contains("\"name\":\"new\"");

        jdbc.sql("UPDATE idempotent_request SET created_at = now() - interval '25 hours' WHERE key = ?")
                .param(key).update();
        assertThat(idempotencyKeys.deleteExpired()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM idempotent_request WHERE key = ?").param(key)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anInvalidKeyIs400() {
        HttpResponse<String> r = postWithKey(PROBE, ADMIN, "x".repeat(201), "{\"name\":\"x\"}");
        assertProblem(r, 400);
    }
}
