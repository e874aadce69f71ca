package loadgen;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The load generator against a stub agencies API (the JDK's HttpServer), so that what it reports can be checked
 * against what the server really saw: request counts, errors by status, latency and the seeded tree.
 */
class LoadGeneratorTests {
    static final String TOKEN = "attt_loadgen-test-token";
    static final Set<String> KINDS = Set.of("GOVERNMENT", "MINISTRY", "PROVINCE", "CITY", "DEPARTMENT", "UNIT",
            "DISTRICT", "COMMUNE", "ENTERPRISE");

    static {
        // Without TCP_NODELAY the JDK's HttpServer answers keep-alive requests only after the client's delayed ACK
        // (about 40 ms), which would make the stub, not the generator, the bottleneck.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    @TempDir
    Path dir;
    HttpServer server;
    ExecutorService serverThreads;
    String baseUrl;
    final String rootId = UUID.randomUUID().toString();

    // What the stub saw.
    final AtomicLong requests = new AtomicLong();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final Set<String> created = ConcurrentHashMap.newKeySet();
    final List<Map<String, Object>> posted = Collections.synchronizedList(new ArrayList<>());
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    volatile long delayMillis;
    final Map<String, AtomicInteger> coverageRequests = new ConcurrentHashMap<>();

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serverThreads = Executors.newFixedThreadPool(32);
        server.setExecutor(serverThreads);
        server.createContext("/api/v1/agencies", this::agencies);
        server.createContext("/api/v1/compliance", this::compliance);
        server.createContext("/api/v1/incidents", this::incidents);
        server.createContext("/incidents/board", this::board);
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        created.add(rootId);
    }

    @AfterEach
    void stopStub() throws InterruptedException {
        server.stop(0);
        serverThreads.shutdownNow();
        serverThreads.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** GET /{id}: 200, except every 10th request (503) and every 7th otherwise (404); POST creates; GET ?q= lists. */
    void agencies(HttpExchange exchange) throws IOException {
        long n = requests.incrementAndGet();
        try (exchange) {
            sleep(delayMillis);
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"status\":401}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = (Map<String, Object>) LoadGenerator.Json.parse(
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                if (!created.contains(String.valueOf(body.get("parentId")))) {
                    violations.add("parent not created before child: " + body);
                }
                posted.add(body);
                String id = UUID.randomUUID().toString();
                created.add(id);
                respond(exchange, 201, "{\"id\":\"" + id + "\",\"code\":" + LoadGenerator.Json.quote((String) body.get("code"))
                        + ",\"parentId\":\"" + body.get("parentId") + "\",\"version\":0}");
            } else if (path.equals("/api/v1/agencies")) {
                String query = exchange.getRequestURI().getQuery();
                assertThat(query).startsWith("q=");
                respond(exchange, 200, "{\"items\":[{\"id\":\"" + rootId + "\",\"code\":\"CP\",\"name\":\"Chính phủ\","
                        + "\"parentId\":null}],\"next\":null}");
            } else {
                respond(exchange, n % 10 == 0 ? 503 : n % 7 == 0 ? 404 : 200, "{\"id\":\"x\"}");
            }
        }
    }

    // The incident stub: notices by id, the id each Idempotency-Key got, and knobs to break it.
    final Map<String, Map<String, Object>> notices = new ConcurrentHashMap<>();
    final Map<String, String> idByKey = new ConcurrentHashMap<>();
    final Map<String, String> bodyByKey = new ConcurrentHashMap<>();
    final AtomicInteger posts = new AtomicInteger();
    final AtomicInteger replays = new AtomicInteger();
    final List<String> listQueries = Collections.synchronizedList(new ArrayList<>());
    final List<String> boardAccepts = Collections.synchronizedList(new ArrayList<>());
    volatile boolean ignoreIdempotencyKeys; // every retry creates a second incident
    volatile boolean forgetEveryFifth;      // every fifth notice is answered 201 but not kept
    volatile boolean failAfterEveryThird;   // every third new notice is kept, but answered 503 (a lost answer)

    /** POST files a notice (replaying the first answer for a known key); GET /{id} reads it; GET ?.. lists. */
    void incidents(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"status\":401}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST")) {
                String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                @SuppressWarnings("unchecked")
                Map<String, Object> body = (Map<String, Object>) LoadGenerator.Json.parse(text);
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                if (key == null) {
                    violations.add("notice without Idempotency-Key");
                }
                String known = key == null ? null : idByKey.get(key);
                if (known != null && !ignoreIdempotencyKeys) {
                    if (!text.equals(bodyByKey.get(key))) {
                        respond(exchange, 422, "{\"status\":422,\"title\":\"Idempotency key reused\"}");
                        return;
                    }
                    replays.incrementAndGet();
                    respond(exchange, 201, "{\"id\":\"" + known + "\",\"title\":"
                            + LoadGenerator.Json.quote((String) body.get("title")) + "}");
                    return;
                }
                for (String field : List.of("title", "description", "detectedAt", "category", "tlp")) {
                    if (!(body.get(field) instanceof String v) || v.isBlank()) {
                        violations.add("notice without " + field + ": " + text);
                    }
                }
                if (body.get("systemId") == null && body.get("affectedAsset") == null) {
                    violations.add("notice without systemId or affectedAsset: " + text);
                }
                String id = UUID.randomUUID().toString();
                if (key != null) {
                    idByKey.putIfAbsent(key, id);
                    bodyByKey.putIfAbsent(key, text);
                }
                int n = posts.incrementAndGet();
                if (!(forgetEveryFifth && n % 5 == 0)) {
                    notices.put(id, body);
                }
                if (failAfterEveryThird && n % 3 == 0) {
                    respond(exchange, 503, "{\"status\":503}");
                    return;
                }
                respond(exchange, 201, "{\"id\":\"" + id + "\",\"title\":"
                        + LoadGenerator.Json.quote((String) body.get("title")) + ",\"version\":0}");
            } else if (path.equals("/api/v1/incidents")) {
                listQueries.add(exchange.getRequestURI().getRawQuery());
                respond(exchange, 200, "{\"items\":[],\"page\":0,\"size\":25,\"total\":0}");
            } else {
                Map<String, Object> notice = notices.get(path.substring(path.lastIndexOf('/') + 1));
                if (notice == null) {
                    respond(exchange, 404, "{\"status\":404}");
                } else {
                    respond(exchange, 200, "{\"id\":\"" + path.substring(path.lastIndexOf('/') + 1)
                            + "\",\"title\":" + LoadGenerator.Json.quote((String) notice.get("title")) + "}");
                }
            }
        }
    }

    void board(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            boardAccepts.add(exchange.getRequestHeaders().getFirst("Accept"));
            byte[] bytes = "<html><body>Bảng điều phối</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html;charset=UTF-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    Path noticeTargets() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add(UUID.randomUUID() + "\t" + UUID.randomUUID() + "\tSYSTEM\tCổng dịch vụ công số " + i);
        }
        lines.add(UUID.randomUUID() + "\tBC-P01\tPROVINCE\tTỉnh số 1");
        lines.add(UUID.randomUUID() + "\tBC-P02\tCITY\tThành phố số 2");
        return Files.write(dir.resolve("notice-targets.tsv"), lines);
    }

    /** GET /api/v1/compliance?agencyId=: counts the requested agencies; 200 with a coverage report. */
    void compliance(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            sleep(delayMillis);
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"status\":401}");
                return;
            }
            String query = exchange.getRequestURI().getQuery();
            if (!exchange.getRequestMethod().equals("GET") || query == null || !query.startsWith("agencyId=")) {
                violations.add("unexpected request " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
                respond(exchange, 400, "{\"status\":400}");
                return;
            }
            String agency = query.substring("agencyId=".length());
            coverageRequests.computeIfAbsent(agency, a -> new AtomicInteger()).incrementAndGet();
            respond(exchange, 200, "{\"rootId\":\"" + agency + "\",\"targetPercent\":100,\"rows\":[]}");
        }
    }

    /** An ids file as bench-coverage.sh writes it: the root, then the provincial-level units. */
    Path coverageIds(List<String> provinces) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(rootId + "\tCP\tGOVERNMENT\tChính phủ");
        for (int i = 0; i < provinces.size(); i++) {
            lines.add(provinces.get(i) + "\tBC-P%02d\t%s\tTỉnh số %d".formatted(i + 1, i < 2 ? "CITY" : "PROVINCE", i + 1));
        }
        lines.add(UUID.randomUUID() + "\tBC-P01-S01\tDEPARTMENT\tSở Y tế");
        return Files.write(dir.resolve("coverage-ids.tsv"), lines);
    }

    void respond(HttpExchange exchange, int status, String json) throws IOException {
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Path idsFile(int n) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(UUID.randomUUID() + "\tLG-T%02d\tPROVINCE\tỦy ban nhân dân tỉnh Số %d".formatted(i, i));
        }
        return Files.write(dir.resolve("ids.tsv"), lines);
    }

    LoadGenerator.Report execute(String... args) {
        return LoadGenerator.execute(LoadGenerator.Options.parse(args), new PrintStream(new ByteArrayOutputStream()));
    }

    int status(int code) {
        AtomicInteger n = statuses.get(code);
        return n == null ? 0 : n.get();
    }

    @Test
    void histogramIsExactBelowTwoMillisecondsAndWithinATenthOfAPercentAbove() {
        LoadGenerator.Histogram small = new LoadGenerator.Histogram();
        for (int v = 1; v <= 1000; v++) {
            small.record(v);
        }
        assertThat(small.count()).isEqualTo(1000);
        assertThat(small.percentile(50)).isEqualTo(500);
        assertThat(small.percentile(95)).isEqualTo(950);
        assertThat(small.percentile(99)).isEqualTo(990);
        assertThat(small.percentile(100)).isEqualTo(1000);
        assertThat(small.max()).isEqualTo(1000);
        assertThat(small.mean()).isEqualTo(500.5);

        LoadGenerator.Histogram wide = new LoadGenerator.Histogram();
        for (long v = 1; v <= 100_000; v++) {
            wide.record(v * 100); // 100 µs .. 10 s
        }
        assertThat((double) wide.percentile(50)).isCloseTo(5_000_000, within(5_000.0));
        assertThat((double) wide.percentile(99)).isCloseTo(9_900_000, within(9_900.0));
        assertThat(wide.percentile(99)).isGreaterThanOrEqualTo(9_900_000); // never optimistic
        assertThat(wide.percentile(100)).isEqualTo(10_000_000);
        for (long v : new long[]{2047, 2048, 4095, 4096, 123_456_789L}) {
            long reported = LoadGenerator.Histogram.highestEquivalent(LoadGenerator.Histogram.index(v));
            assertThat(reported).isGreaterThanOrEqualTo(v).isLessThanOrEqualTo(v + v / 1000);
        }
    }

    @Test
    void everyResponseIsCountedByStatusAndNon2xxAreErrors() throws IOException {
        Path ids = idsFile(50);

        LoadGenerator.Report report = execute("--base-url", baseUrl, "--token", TOKEN, "--scenario", "get-agency",
                "--ids-file", ids.toString(), "--concurrency", "4", "--warmup", "0", "--duration", "1s");

        assertThat(report.requests()).isEqualTo(requests.get()).isGreaterThan(20);
        assertThat(report.outcomes()).containsEntry("200", (long) status(200))
                .containsEntry("404", (long) status(404)).containsEntry("503", (long) status(503));
        assertThat(report.errors()).isEqualTo(status(404) + status(503)).isPositive();
        assertThat(report.ok()).isEqualTo(status(200));
        assertThat(report.timed()).isEqualTo(report.requests());
        assertThat(report.seconds()).isEqualTo(1.0);
        assertThat(report.throughput()).isEqualTo(report.requests() / 1.0);
        assertThat(report.errorPercent()).isCloseTo(100.0 * report.errors() / report.requests(), within(1e-9));
    }

    @Test
    void latencyAndThroughputFollowTheServersDelayAndWarmUpIsNotMeasured() throws IOException {
        Path ids = idsFile(10);
        delayMillis = 40;

        LoadGenerator.Report report = execute("--base-url", baseUrl, "--token", TOKEN, "--scenario", "get-agency",
                "--ids-file", ids.toString(), "--concurrency", "2", "--warmup", "400ms", "--duration", "1200ms");

        assertThat(report.p50Micros()).isBetween(40_000L, 140_000L);
        assertThat(report.p95Micros()).isGreaterThanOrEqualTo(report.p50Micros());
        assertThat(report.p99Micros()).isGreaterThanOrEqualTo(report.p95Micros());
        assertThat(report.maxMicros()).isGreaterThanOrEqualTo(report.p99Micros());
        // Two clients waiting 40 ms each: at most 50 requests/s in all.
        assertThat(report.throughput()).isBetween(10.0, 50.0);
        // The warm-up requests reached the server but are not in the report.
        assertThat(report.requests()).isPositive().isLessThan(requests.get() - 5);
    }

    @Test
    void assertionsDecideTheExitCode() throws IOException {
        Path ids = idsFile(10);
        delayMillis = 20;
        String[] common = {"--base-url", baseUrl, "--token", TOKEN, "--scenario", "get-agency", "--ids-file",
                ids.toString(), "--concurrency", "2", "--warmup", "0", "--duration", "500ms"};

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int tooSlow = LoadGenerator.run(concat(common, "--assert-rps", "100000", "--assert-p99-ms", "1"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(tooSlow).isEqualTo(LoadGenerator.EXIT_ASSERTION_FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("ASSERTION FAILED: successful throughput")
                .contains("ASSERTION FAILED: p99 latency");

        out.reset();
        int tooManyErrors = LoadGenerator.run(concat(common, "--assert-max-error-pct", "0"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(tooManyErrors).isEqualTo(LoadGenerator.EXIT_ASSERTION_FAILED); // the stub fails every 10th
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ASSERTION FAILED: errors");

        out.reset();
        Path json = dir.resolve("report.json");
        int met = LoadGenerator.run(concat(common, "--assert-rps", "1", "--assert-p99-ms", "5000",
                "--json-out", json.toString()), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(met).isEqualTo(LoadGenerator.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("All assertions met.").contains("p99");
        Map<?, ?> written = (Map<?, ?>) LoadGenerator.Json.parse(Files.readString(json));
        assertThat(written.get("scenario")).isEqualTo("get-agency");
        assertThat((Double) written.get("p99Ms")).isGreaterThanOrEqualTo(20.0);
    }

    @Test
    void seedingCreatesARealisticTreeParentsFirstWithUniqueCodes() throws IOException {
        Path ids = dir.resolve("seeded.tsv");

        LoadGenerator.Report report = execute("--base-url", baseUrl, "--token", TOKEN, "--scenario", "seed-agencies",
                "--count", "1000", "--concurrency", "8", "--ids-file", ids.toString(), "--code-prefix", "LGT");

        assertThat(violations).isEmpty();
        assertThat(posted).hasSize(1000);
        assertThat(report.requests()).isEqualTo(1000);
        assertThat(report.ok()).isEqualTo(1000);
        Set<String> codes = new HashSet<>();
        Set<String> siblingNames = new HashSet<>();
        for (Map<String, Object> body : posted) {
            assertThat(body.keySet()).containsExactlyInAnyOrder("code", "name", "kind", "parentId");
            assertThat(codes.add(((String) body.get("code")).toUpperCase())).as("unique code %s", body).isTrue();
            assertThat(siblingNames.add(body.get("parentId") + "/" + body.get("name"))).as("sibling %s", body).isTrue();
            assertThat(KINDS).contains((String) body.get("kind"));
            assertThat((String) body.get("code")).startsWith("LGT-").hasSizeLessThanOrEqualTo(64);
        }
        List<Map<String, Object>> top = posted.stream().filter(b -> rootId.equals(b.get("parentId"))).toList();
        assertThat(top).hasSize(34 + 17);
        assertThat(top.stream().filter(b -> b.get("kind").equals("CITY")).map(b -> (String) b.get("name")))
                .contains("Ủy ban nhân dân thành phố Hà Nội").hasSize(6);
        assertThat(top.stream().filter(b -> b.get("kind").equals("PROVINCE")).map(b -> (String) b.get("name")))
                .contains("Ủy ban nhân dân tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Tây Ninh").hasSize(28);
        assertThat(top.stream().filter(b -> b.get("kind").equals("MINISTRY")).map(b -> (String) b.get("name")))
                .contains("Bộ Công an").hasSize(17);
        assertThat(posted.stream().map(b -> (String) b.get("kind")).distinct())
                .contains("DEPARTMENT", "UNIT", "COMMUNE", "ENTERPRISE");
        assertThat(posted.stream().map(b -> (String) b.get("name")))
                .anyMatch(name -> name.startsWith("Xã ")).anyMatch(name -> name.startsWith("Phường "))
                .contains("Sở Y tế", "Trung tâm Công nghệ thông tin");

        List<String> lines = Files.readAllLines(ids);
        assertThat(lines).hasSize(1000);
        assertThat(lines.stream().map(l -> l.split("\t")[0]).toList()).allMatch(created::contains);
    }

    @Test
    void theRootIsFoundBySearchAndAWrongTokenIsReportedNotHidden() throws IOException {
        Path ids = idsFile(5);
        LoadGenerator.Report unauthorised = execute("--base-url", baseUrl, "--token", "wrong", "--scenario",
                "search-agencies", "--ids-file", ids.toString(), "--concurrency", "2", "--warmup", "0",
                "--duration", "300ms");
        assertThat(unauthorised.errors()).isEqualTo(unauthorised.requests()).isPositive();
        assertThat(unauthorised.outcomes()).containsOnlyKeys("401");
        assertThat(unauthorised.errorSamples()).containsEntry("401", "{\"status\":401}"); // shown to explain errors

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = LoadGenerator.run(new String[]{"--base-url", baseUrl, "--token", "wrong", "--scenario",
                "seed-agencies", "--count", "5"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(LoadGenerator.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot find the root agency").contains("401");
    }

    @Test
    void runsAsASingleFileSourceProgramWithPlainJava() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Process help = new ProcessBuilder(java, "tools/loadgen/LoadGenerator.java", "--help")
                .redirectErrorStream(true).start();
        String helpText = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help.waitFor()).isZero();
        assertThat(helpText).contains("Usage: java tools/loadgen/LoadGenerator.java").contains("--assert-p99-ms");

        Path ids = idsFile(5);
        Process run = new ProcessBuilder(java, "tools/loadgen/LoadGenerator.java", "--base-url", baseUrl,
                "--token", TOKEN, "--scenario", "get-agency", "--ids-file", ids.toString(), "--concurrency", "2",
                "--warmup", "0", "--duration", "500ms", "--assert-p99-ms", "0.001").redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor()).as(output).isEqualTo(LoadGenerator.EXIT_ASSERTION_FAILED);
        assertThat(output).contains("throughput").contains("ASSERTION FAILED: p99 latency");
    }

    @Test
    void coverageAsksForTheNationalRootOrForRandomProvincesOnly() throws IOException {
        List<String> provinces = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());
        Path ids = coverageIds(provinces);

        LoadGenerator.Report national = execute("--base-url", baseUrl, "--token", TOKEN, "--scenario", "coverage",
                "--ids-file", ids.toString(), "--concurrency", "2", "--warmup", "0", "--duration", "500ms");
        assertThat(violations).isEmpty();
        assertThat(national.scenario()).isEqualTo("coverage-national");
        assertThat(coverageRequests).containsOnlyKeys(rootId);
        assertThat(national.requests()).isEqualTo(coverageRequests.get(rootId).get()).isGreaterThan(10);
        assertThat(national.ok()).isEqualTo(national.requests());

        coverageRequests.clear();
        LoadGenerator.Report province = execute("--base-url", baseUrl, "--token", TOKEN, "--scenario", "coverage",
                "--coverage-root", "province", "--ids-file", ids.toString(), "--concurrency", "4", "--warmup", "0",
                "--duration", "1s");
        assertThat(violations).isEmpty();
        assertThat(province.scenario()).isEqualTo("coverage-province");
        // Both kinds of provincial-level unit (CITY and PROVINCE) are asked for; never the root or a department.
        assertThat(coverageRequests.keySet()).containsExactlyInAnyOrderElementsOf(provinces);
        assertThat(province.requests()).isEqualTo(coverageRequests.values().stream().mapToInt(AtomicInteger::get).sum());

        coverageRequests.clear();
        String given = UUID.randomUUID().toString();
        execute("--base-url", baseUrl, "--token", TOKEN, "--scenario", "coverage", "--root-id", given,
                "--ids-file", ids.toString(), "--concurrency", "1", "--warmup", "0", "--duration", "200ms");
        assertThat(coverageRequests).containsOnlyKeys(given);
    }

    @Test
    void coverageChecksTheP95AgainstTheTargetAndRejectsBadSettings() throws IOException {
        Path ids = coverageIds(List.of(UUID.randomUUID().toString()));
        delayMillis = 30;
        String[] common = {"--base-url", baseUrl, "--token", TOKEN, "--scenario", "coverage", "--coverage-root",
                "province", "--ids-file", ids.toString(), "--concurrency", "2", "--warmup", "0", "--duration", "600ms"};

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int missed = LoadGenerator.run(concat(common, "--assert-p95-ms", "30"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(missed).isEqualTo(LoadGenerator.EXIT_ASSERTION_FAILED); // every answer takes at least 30 ms
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ASSERTION FAILED: p95 latency");

        out.reset();
        Path json = dir.resolve("coverage.json");
        int met = LoadGenerator.run(concat(common, "--assert-p95-ms", "5000", "--json-out", json.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(met).isEqualTo(LoadGenerator.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("All assertions met.");
        Map<?, ?> written = (Map<?, ?>) LoadGenerator.Json.parse(Files.readString(json));
        assertThat(written.get("scenario")).isEqualTo("coverage-province");
        assertThat((Double) written.get("p95Ms")).isGreaterThanOrEqualTo(30.0);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(LoadGenerator.run(new String[]{"--scenario", "coverage", "--coverage-root", "district"},
                new PrintStream(new ByteArrayOutputStream()), errStream)).isEqualTo(LoadGenerator.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--coverage-root is national or province");

        err.reset();
        Path noRoot = Files.write(dir.resolve("no-root.tsv"), List.of(UUID.randomUUID() + "\tX\tPROVINCE\tTỉnh"));
        assertThat(LoadGenerator.run(new String[]{"--base-url", baseUrl, "--token", TOKEN, "--scenario", "coverage",
                "--ids-file", noRoot.toString(), "--warmup", "0", "--duration", "100ms"},
                new PrintStream(new ByteArrayOutputStream()), errStream)).isEqualTo(LoadGenerator.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no GOVERNMENT agency").contains("--root-id");
    }

    @Test
    void fileNoticesRetriesWithTheSameKeyAndBodyAndFindsNothingLostOrDuplicatedOnASoundServer() throws IOException {
        Path targets = noticeTargets();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path json = dir.resolve("notices.json");

        int exit = LoadGenerator.run(new String[]{"--base-url", baseUrl, "--token", TOKEN, "--scenario",
                "file-notices", "--ids-file", targets.toString(), "--concurrency", "4", "--warmup", "0",
                "--duration", "1500ms", "--retry-pct", "30", "--verify", "all", "--assert-max-error-pct", "0",
                "--json-out", json.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(LoadGenerator.EXIT_OK);
        assertThat(violations).isEmpty();
        Map<?, ?> written = (Map<?, ?>) LoadGenerator.Json.parse(Files.readString(json));
        Map<?, ?> checks = (Map<?, ?>) written.get("checks");
        // Every new key created one notice; every retry was a replay of its first answer.
        assertThat(((Double) checks.get("created")).longValue()).isEqualTo(notices.size()).isGreaterThan(10);
        assertThat(((Double) checks.get("retries")).longValue()).isEqualTo(replays.get()).isPositive();
        assertThat(checks.get("retriesMatched")).isEqualTo(checks.get("retries"));
        assertThat(checks.get("duplicated")).isEqualTo(0.0);
        assertThat(checks.get("lost")).isEqualTo(0.0);
        assertThat(checks.get("readBack")).isEqualTo(checks.get("created"));
        // About 30 % retries, and both kinds of notice bodies (by system, by agency asset) were sent.
        double share = (Double) checks.get("retries") / (Double) checks.get("notices");
        assertThat(share).isBetween(0.05, 0.6);
        assertThat(notices.values()).anyMatch(n -> n.containsKey("systemId"))
                .anyMatch(n -> n.containsKey("affectedAsset") && n.containsKey("ownerId"));
        assertThat(notices.values().stream().map(n -> n.get("category")).distinct().count()).isGreaterThan(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("integrity    notices=").contains("duplicated=0");
    }

    @Test
    void aNoticeAnsweredWithAnErrorIsSentAgainWithItsKeyAndYieldsOneIncident() throws IOException {
        Path targets = noticeTargets();
        failAfterEveryThird = true;

        LoadGenerator.Report report = execute("--base-url", baseUrl, "--token", TOKEN, "--scenario", "file-notices",
                "--ids-file", targets.toString(), "--concurrency", "2", "--warmup", "0", "--duration", "600ms",
                "--retry-pct", "0", "--verify", "all");

        // Every third key was answered 503 the first time; sent again, it got the stored incident, not a new one.
        assertThat(report.check("resentAfterError")).isPositive().isEqualTo(replays.get());
        assertThat(report.check("unanswered")).isZero();
        assertThat(report.check("created")).isEqualTo(report.check("notices")).isEqualTo(notices.size())
                .isEqualTo(idByKey.size());
        assertThat(report.check("lost")).isZero();
        assertThat(report.outcomes()).containsKey("503");
    }

    @Test
    void fileNoticesCatchesDuplicatesWhenTheServerIgnoresTheKey() throws IOException {
        Path targets = noticeTargets();
        ignoreIdempotencyKeys = true;
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = LoadGenerator.run(new String[]{"--base-url", baseUrl, "--token", TOKEN, "--scenario",
                "file-notices", "--ids-file", targets.toString(), "--concurrency", "2", "--warmup", "0",
                "--duration", "500ms", "--retry-pct", "50", "--verify", "0", "--assert-max-error-pct", "0"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(exit).isEqualTo(LoadGenerator.EXIT_ASSERTION_FAILED);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).containsPattern("ASSERTION FAILED: [1-9][0-9]* notice\\(s\\) duplicated")
                .contains("first duplicated key lg-");
        assertThat(replays.get()).isZero();
    }

    @Test
    void fileNoticesCatchesNoticesThatCannotBeReadBack() throws IOException {
        Path targets = noticeTargets();
        forgetEveryFifth = true;

        LoadGenerator.Report report = execute("--base-url", baseUrl, "--token", TOKEN, "--scenario", "file-notices",
                "--ids-file", targets.toString(), "--concurrency", "2", "--warmup", "0", "--duration", "500ms",
                "--retry-pct", "0", "--verify", "all");

        long forgotten = posts.get() / 5;
        assertThat(forgotten).isPositive();
        assertThat(report.check("lost")).isEqualTo(forgotten);
        assertThat(report.check("readBack")).isEqualTo(posts.get());
        assertThat(report.check("retries")).isZero();
        assertThat(report.failures(LoadGenerator.Options.parse(new String[]{"--scenario", "file-notices",
                "--assert-p99-ms", "100000"}))).containsExactly(forgotten + " notice(s) lost");
        // A sample reads back only that many.
        LoadGenerator.Report sampled = execute("--base-url", baseUrl, "--token", TOKEN, "--scenario", "file-notices",
                "--ids-file", targets.toString(), "--concurrency", "2", "--warmup", "0", "--duration", "300ms",
                "--retry-pct", "0", "--verify", "7");
        assertThat(sampled.check("readBack")).isEqualTo(7);
    }

    @Test
    void incidentListUsesThePageFiltersAndTheBoardIsAskedForAsAPage() throws IOException {
        Path ids = coverageIds(List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString()));

        LoadGenerator.Report list = execute("--base-url", baseUrl, "--token", TOKEN, "--scenario", "incident-list",
                "--ids-file", ids.toString(), "--concurrency", "2", "--warmup", "0", "--duration", "600ms");
        LoadGenerator.Report board = execute("--base-url", baseUrl, "--token", TOKEN, "--scenario",
                "incident-board", "--concurrency", "1", "--warmup", "0", "--duration", "200ms");

        assertThat(list.errors()).isZero();
        assertThat(list.requests()).isEqualTo(listQueries.size()).isPositive();
        assertThat(listQueries).allMatch(q -> q.contains("size=25") && q.contains("sort="));
        // The mix, drawn directly (independent of how fast a loaded machine runs the stub).
        LoadGenerator.IncidentQueries queries = new LoadGenerator.IncidentQueries(LoadGenerator.readSeeded(ids));
        List<String> drawn = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            drawn.add(queries.next(java.util.concurrent.ThreadLocalRandom.current()));
        }
        assertThat(drawn).allMatch(q -> q.contains("size=25") && q.contains("sort="))
                .anyMatch(q -> q.contains("state=CLOSED")).anyMatch(q -> q.contains("overdue=true"))
                .anyMatch(q -> q.contains("open=true&sort=severity")).anyMatch(q -> q.contains("category="))
                .anyMatch(q -> q.contains("severity=SERIOUS")).anyMatch(q -> q.contains("page=0"))
                .anyMatch(q -> q.contains("page=4")).noneMatch(q -> q.contains("page=5"));
        // Only provincial-level units of the ids file are used as the agency filter.
        String idsText = Files.readString(ids);
        assertThat(drawn.stream().filter(q -> q.contains("agencyId=")).map(q -> q.replaceAll(".*agencyId=([^&]+).*", "$1"))
                .distinct()).isNotEmpty().allMatch(id -> idsText.contains(id + "\tBC-P"));
        assertThat(board.scenario()).isEqualTo("incident-board");
        assertThat(board.requests()).isEqualTo(boardAccepts.size()).isPositive();
        assertThat(boardAccepts).allMatch("text/html"::equals);
        assertThat(LoadGenerator.run(new String[]{"--scenario", "file-notices", "--retry-pct", "101"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(LoadGenerator.EXIT_USAGE);
    }

    static String[] concat(String[] a, String... b) {
        String[] result = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    /**
     * The socket transport (the default) and the JDK's HttpClient send the same request (method, path and query,
     * headers, UTF-8 body) and read the same answer, whether it comes with a Content-Length or chunked, over one
     * kept-alive connection; an answer that never comes is a timeout, and the next request connects again.
     */
    @Test
    void bothHttpClientsSendAndReadTheSameWithFixedLengthAndChunkedAnswers() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        server.createContext("/echo", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery();
            seen.add(exchange.getRequestMethod() + " " + query + " " + exchange.getRequestHeaders().getFirst("Idempotency-Key")
                    + " " + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            if ("slow".equals(query)) sleep(1_500);
            byte[] answer = ("{\"echo\":\"" + body.replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
            boolean chunked = "chunked".equals(query);
            exchange.sendResponseHeaders(query != null && query.startsWith("s=") ? Integer.parseInt(query.substring(2))
                    : 201, chunked ? 0 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        for (String client : List.of("socket", "jdk")) {
            LoadGenerator.Options o = LoadGenerator.Options.parse(new String[]{"--base-url", baseUrl, "--token", TOKEN,
                    "--scenario", "get-agency", "--http-client", client, "--timeout", "500ms"});
            var c = new LoadGenerator.Client(java.net.http.HttpClient.newHttpClient(), o);
            String notice = "{\"title\":\"Tấn công từ chối dịch vụ\"}";
            for (String query : List.of("fixed", "chunked", "fixed")) {
                LoadGenerator.Outcome posted = c.send(c.post("/echo?" + query, notice, "key-" + client));
                assertThat(posted.key()).as(client).isEqualTo("201");
                assertThat(posted.ok()).isTrue();
                assertThat(posted.body()).as(client + " " + query).isEqualTo("{\"echo\":\"{'title':'Tấn công từ chối dịch vụ'}\"}");
            }
            LoadGenerator.Outcome notFound = c.send(c.get("/echo?s=404"));
            assertThat(notFound.key()).isEqualTo("404");
            assertThat(notFound.ok()).isFalse();
            assertThat(c.send(c.get("/echo?slow")).key()).as(client).isEqualTo("timeout");
            assertThat(c.send(c.get("/echo?s=200")).key()).as("after a timeout, " + client).isEqualTo("200");
        }
        String auth = "Bearer " + TOKEN;
        List<String> expected = new ArrayList<>();
        for (String client : List.of("socket", "jdk")) {
            for (String query : List.of("fixed", "chunked", "fixed")) {
                expected.add("POST " + query + " key-" + client + " " + auth + " {\"title\":\"Tấn công từ chối dịch vụ\"}");
            }
            expected.addAll(List.of("GET s=404 null " + auth + " ", "GET slow null " + auth + " ",
                    "GET s=200 null " + auth + " "));
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }
}
