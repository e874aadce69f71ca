package loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load generator for the ATTT Hub agencies API: N concurrent HTTP/1.1 keep-alive clients (platform threads, or
 * virtual threads on JDK 21+), using only the JDK. Runs as a single-file source program:
 * <pre>java tools/loadgen/LoadGenerator.java --help</pre>
 * Scenarios: {@code seed-agencies} builds a realistic agency tree through {@code POST /api/v1/agencies} and writes
 * the created ids to a file; {@code get-agency} reads random seeded agencies; {@code search-agencies} searches by
 * name or code prefixes; {@code coverage} reads the coverage dashboard ({@code GET /api/v1/compliance}) of the
 * national root or of random provinces; {@code file-notices} files incident notices with idempotency keys and
 * retries and checks that none is lost or duplicated; {@code incident-list} and {@code incident-board} read the
 * incident list and the coordinator's board. Reports requests, errors by status, throughput and p50/p95/p99/max latency, and exits 2
 * when an {@code --assert-*} threshold is not met. See docs/benchmarks.md.
 */
public final class LoadGenerator {
    static final int EXIT_OK = 0;
    static final int EXIT_USAGE = 1;
    static final int EXIT_ASSERTION_FAILED = 2;

    private LoadGenerator() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Parses {@code args}, runs the scenario, prints the report; returns the process exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("loadgen: " + e.getMessage());
            err.println("Try --help.");
            return EXIT_USAGE;
        }
        if (options.help) {
            out.print(Options.HELP);
            return EXIT_OK;
        }
        Report report;
        try {
            report = execute(options, out);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            err.println("loadgen: " + e.getMessage());
            return EXIT_USAGE;
        }
        report.print(out);
        if (options.jsonOut != null) {
            write(options.jsonOut, report.toJson() + "\n");
        }
        List<String> failures = report.failures(options);
        for (String failure : failures) {
            out.println("ASSERTION FAILED: " + failure);
        }
        if (failures.isEmpty() && options.hasAssertions()) {
            out.println("All assertions met.");
        }
        return failures.isEmpty() ? EXIT_OK : EXIT_ASSERTION_FAILED;
    }

    static Report execute(Options o, PrintStream out) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Client client = new Client(http, o);
        return switch (o.scenario) {
            case "seed-agencies" -> seed(o, client, out);
            case "get-agency" -> {
                List<String> ids = readSeeded(o.idsFile).stream().map(s -> s.id).toList();
                yield timed(o, client, random -> client.get("/api/v1/agencies/" + ids.get(random.nextInt(ids.size()))));
            }
            case "search-agencies" -> {
                SearchPrefixes prefixes = new SearchPrefixes(Files.exists(o.idsFile) ? readSeeded(o.idsFile) : List.of());
                yield timed(o, client, random -> client.get("/api/v1/agencies?q=" + encode(prefixes.next(random))
                        + "&limit=" + o.limit));
            }
            case "coverage" -> {
                List<String> roots = coverageRoots(readSeeded(o.idsFile), o);
                yield timed(o, client, random -> client.get("/api/v1/compliance?agencyId="
                        + roots.get(random.nextInt(roots.size()))));
            }
            case "file-notices" -> fileNotices(o, client, out);
            case "incident-list" -> {
                IncidentQueries queries = new IncidentQueries(Files.exists(o.idsFile) ? readSeeded(o.idsFile) : List.of());
                yield timed(o, client, random -> client.get("/api/v1/incidents?" + queries.next(random)));
            }
            case "incident-board" -> timed(o, client, random -> client.page("/incidents/board"));
            default -> throw new IllegalArgumentException("unknown scenario " + o.scenario);
        };
    }

    /**
     * The agencies whose coverage dashboard the {@code coverage} scenario asks for: the national root (kind
     * GOVERNMENT, or {@code --root-id}) or the provincial-level units (kinds PROVINCE and CITY) of the ids file.
     */
    static List<String> coverageRoots(List<Seeded> seeded, Options o) {
        List<String> roots = switch (o.coverageRoot) {
            case "national" -> o.rootId != null ? List.of(o.rootId)
                    : seeded.stream().filter(s -> s.kind.equals("GOVERNMENT")).map(s -> s.id).toList();
            case "province" -> seeded.stream().filter(s -> s.kind.equals("PROVINCE") || s.kind.equals("CITY"))
                    .map(s -> s.id).toList();
            default -> throw new IllegalArgumentException("--coverage-root is national or province");
        };
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no " + (o.coverageRoot.equals("national") ? "GOVERNMENT" : "PROVINCE or CITY")
                    + " agency in " + o.idsFile + (o.coverageRoot.equals("national") ? " (or pass --root-id)" : ""));
        }
        return roots;
    }

    // ---------------------------------------------------------------- timed scenarios (get, search)

    interface RequestSource {
        HttpRequest next(ThreadLocalRandom random);
    }

    /** Runs {@code concurrency} workers for warm-up + duration; only requests started inside the window count. */
    static Report timed(Options o, Client client, RequestSource source) {
        Recorder recorder = new Recorder();
        long start = System.nanoTime();
        long measureFrom = start + o.warmup.toNanos();
        long measureUntil = measureFrom + o.duration.toNanos();
        runWorkers(o, () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (true) {
                long begin = System.nanoTime();
                if (begin >= measureUntil) {
                    return;
                }
                Outcome outcome = client.send(source.next(random));
                if (begin >= measureFrom) {
                    recorder.record(outcome);
                }
            }
        });
        return recorder.report(o.scenario.equals("coverage") ? "coverage-" + o.coverageRoot : o.scenario, o,
                o.duration);
    }

    static void runWorkers(Options o, Runnable body) {
        ThreadFactory factory = threadFactory(o.virtualThreads);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < o.concurrency; i++) {
            Thread t = factory.newThread(body);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
    }

    static ThreadFactory threadFactory(boolean virtual) {
        if (!virtual) {
            AtomicLong n = new AtomicLong();
            return r -> {
                Thread t = new Thread(r, "loadgen-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }
        try { // Thread.ofVirtual().factory(), by reflection so that the file still compiles and runs on JDK 17
            Method ofVirtual = Thread.class.getMethod("ofVirtual");
            Object builder = ofVirtual.invoke(null);
            Method factory = Class.forName("java.lang.Thread$Builder").getMethod("factory");
            return (ThreadFactory) factory.invoke(builder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("--threads virtual needs JDK 21 or newer (running "
                    + System.getProperty("java.version") + ")");
        }
    }

    // ---------------------------------------------------------------- seed-agencies

    static Report seed(Options o, Client client, PrintStream out) {
        String rootId = o.rootId != null ? o.rootId : findRoot(client);
        List<List<Node>> levels = AgencyPlan.build(o.count, o.codePrefix);
        Recorder recorder = new Recorder();
        long start = System.nanoTime();
        int created = 0;
        for (List<Node> level : levels) {
            Queue<Node> queue = new ConcurrentLinkedQueue<>(level);
            runWorkers(o, () -> {
                Node node;
                while ((node = queue.poll()) != null) {
                    String parentId = node.parent == null ? rootId : node.parent.id;
                    if (parentId == null) {
                        recorder.record(new Outcome("skipped: parent not created", false, -1));
                        continue;
                    }
                    Outcome outcome = client.send(client.post("/api/v1/agencies", node.json(parentId)));
                    recorder.record(outcome);
                    if (outcome.ok && outcome.body != null) {
                        node.id = idIn(outcome.body);
                    }
                }
            });
            for (Node node : level) {
                if (node.id != null) {
                    created++;
                }
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        StringBuilder lines = new StringBuilder();
        for (List<Node> level : levels) {
            for (Node node : level) {
                if (node.id != null) {
                    lines.append(node.id).append('\t').append(node.code).append('\t').append(node.kind).append('\t')
                            .append(node.name).append('\n');
                }
            }
        }
        write(o.idsFile, lines.toString());
        out.printf(Locale.ROOT, "Created %d of %d agencies under root %s; ids written to %s%n", created,
                levels.stream().mapToInt(List::size).sum(), rootId, o.idsFile);
        return recorder.report(o.scenario, o, elapsed);
    }

    static String idIn(String body) {
        try {
            Object id = Json.find(Json.parse(body), "id");
            return id == null ? null : id.toString();
        } catch (RuntimeException e) {
            return null; // counted below as not created; its children are skipped
        }
    }

    /** The root agency (code CP): {@code GET /api/v1/agencies?q=CP}, whatever the envelope of the list. */
    static String findRoot(Client client) {
        Outcome outcome = client.send(client.get("/api/v1/agencies?q=CP&limit=20"));
        if (!outcome.ok) {
            throw new IllegalStateException("cannot find the root agency: GET /api/v1/agencies?q=CP answered "
                    + outcome.key + " (pass --root-id)");
        }
        Object root = Json.findObject(Json.parse(outcome.body), "code", "CP");
        if (!(root instanceof Map<?, ?> map) || map.get("id") == null) {
            throw new IllegalStateException("no agency with code CP in GET /api/v1/agencies?q=CP (pass --root-id)");
        }
        return map.get("id").toString();
    }

    /** One agency to create; {@code id} is set once the API has created it. */
    static final class Node {
        final String code;
        final String name;
        final String kind;
        final Node parent;
        volatile String id;

        Node(String code, String name, String kind, Node parent) {
            this.code = code;
            this.name = name;
            this.kind = kind;
            this.parent = parent;
        }

        String json(String parentId) {
            return "{\"code\":" + Json.quote(code) + ",\"name\":" + Json.quote(name) + ",\"kind\":"
                    + Json.quote(kind) + ",\"parentId\":" + Json.quote(parentId) + "}";
        }
    }

    /**
     * A tree shaped like Viet Nam's administration after the 2025 reorganisation: the 34 provincial-level units
     * (28 provinces, 6 centrally-run cities) and the ministries under the Government; departments (sở, vụ, cục),
     * a state enterprise per ministry, and communes/wards under the provinces; units under the departments.
     * Levels are created in order so that every parent exists before its children.
     */
    static final class AgencyPlan {
        static final String[] CITIES = {"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"};
        static final String[] PROVINCES = {"Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
                "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
                "Hưng Yên", "Ninh Bình", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk",
                "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang"};
        static final String[] MINISTRIES = {"Bộ Quốc phòng", "Bộ Công an", "Bộ Ngoại giao", "Bộ Nội vụ", "Bộ Tư pháp",
                "Bộ Tài chính", "Bộ Công Thương", "Bộ Nông nghiệp và Môi trường", "Bộ Xây dựng",
                "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Khoa học và Công nghệ", "Bộ Giáo dục và Đào tạo", "Bộ Y tế",
                "Bộ Dân tộc và Tôn giáo", "Ngân hàng Nhà nước Việt Nam", "Thanh tra Chính phủ", "Văn phòng Chính phủ"};
        static final String[] MINISTRY_DEPARTMENTS = {"Văn phòng", "Vụ Tổ chức cán bộ", "Vụ Kế hoạch - Tài chính",
                "Vụ Pháp chế", "Vụ Hợp tác quốc tế", "Thanh tra", "Cục Chuyển đổi số", "Trung tâm Thông tin"};
        static final String[] PROVINCE_DEPARTMENTS = {"Văn phòng Ủy ban nhân dân", "Sở Nội vụ", "Sở Tư pháp",
                "Sở Tài chính", "Sở Công Thương", "Sở Nông nghiệp và Môi trường", "Sở Xây dựng",
                "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ", "Sở Giáo dục và Đào tạo", "Sở Y tế",
                "Sở Dân tộc và Tôn giáo", "Thanh tra"};
        static final String[] UNITS = {"Trung tâm Công nghệ thông tin", "Phòng Hành chính - Tổng hợp",
                "Phòng Kế hoạch - Tài chính", "Trung tâm Giám sát an toàn thông tin", "Phòng Tổ chức cán bộ"};
        static final String[] COMMUNE_FIRST = {"An", "Bình", "Hòa", "Tân", "Phú", "Long", "Thanh", "Hưng", "Vĩnh",
                "Đông", "Tây", "Nam", "Bắc", "Quảng", "Đức", "Thuận", "Mỹ", "Phước", "Kim", "Minh", "Xuân", "Hiệp",
                "Trung", "Thạnh"};
        static final String[] COMMUNE_SECOND = {"Phú", "Lợi", "Thành", "Sơn", "Hòa", "Hưng", "Lộc", "Thịnh", "Tiến",
                "Phong", "Mỹ", "An", "Bình", "Long", "Điền", "Lâm", "Hải", "Hà", "Khánh", "Nghĩa", "Thái", "Quang"};
        static final int UNITS_PER_DEPARTMENT = UNITS.length;

        static List<List<Node>> build(int count, String prefix) {
            List<Node> top = new ArrayList<>();
            List<Node> provinces = new ArrayList<>();
            List<Node> ministries = new ArrayList<>();
            List<Node> departments = new ArrayList<>();
            List<Node> second = new ArrayList<>();
            for (int i = 0; i < CITIES.length + PROVINCES.length; i++) {
                boolean city = i < CITIES.length;
                String place = (city ? "thành phố " : "tỉnh ") + (city ? CITIES[i] : PROVINCES[i - CITIES.length]);
                Node province = new Node("%s-T%02d".formatted(prefix, i + 1), "Ủy ban nhân dân " + place,
                        city ? "CITY" : "PROVINCE", null);
                provinces.add(province);
                top.add(province);
                for (int d = 0; d < PROVINCE_DEPARTMENTS.length; d++) {
                    String name = PROVINCE_DEPARTMENTS[d];
                    // "Sở Y tế" is unambiguous under its province; the office and the inspectorate carry the place.
                    if (name.equals("Thanh tra") || name.startsWith("Văn phòng")) {
                        name = name + " " + place;
                    }
                    departments.add(new Node("%s-S%02d".formatted(province.code, d + 1), name, "DEPARTMENT",
                            province));
                }
            }
            for (int i = 0; i < MINISTRIES.length; i++) {
                Node n = new Node("%s-B%02d".formatted(prefix, i + 1), MINISTRIES[i], "MINISTRY", null);
                ministries.add(n);
                top.add(n);
            }
            for (Node ministry : ministries) {
                for (int i = 0; i < MINISTRY_DEPARTMENTS.length; i++) {
                    String name = MINISTRY_DEPARTMENTS[i];
                    if (ministry.name.startsWith("Bộ ") && (name.equals("Văn phòng") || name.equals("Thanh tra"))) {
                        name = name + " Bộ";
                    }
                    departments.add(new Node("%s-V%02d".formatted(ministry.code, i + 1), name, "DEPARTMENT",
                            ministry));
                }
                second.add(new Node(ministry.code + "-DN1", "Công ty TNHH Một thành viên Dịch vụ số "
                        + ministry.name.replaceFirst("^(Bộ|Ngân hàng|Thanh tra|Văn phòng) ", ""), "ENTERPRISE",
                        ministry));
            }
            // Interleave so that a small count still covers provinces and ministries alike.
            second.addAll(0, roundRobin(departments));
            List<Node> levelOne = take(top, count);
            int left = count - levelOne.size();
            List<Node> levelTwo = new ArrayList<>(take(second, left));
            left -= levelTwo.size();
            List<Node> createdDepartments = levelTwo.stream().filter(n -> n.kind.equals("DEPARTMENT")).toList();
            int units = Math.min(left / 3, createdDepartments.size() * UNITS_PER_DEPARTMENT);
            List<Node> levelThree = new ArrayList<>();
            for (int round = 0; levelThree.size() < units; round++) {
                for (Node department : createdDepartments) {
                    if (levelThree.size() == units) {
                        break;
                    }
                    levelThree.add(new Node("%s-U%d".formatted(department.code, round + 1), UNITS[round], "UNIT",
                            department));
                }
            }
            left -= levelThree.size();
            List<Node> createdProvinces = levelOne.stream().filter(provinces::contains).toList();
            int[] perProvince = new int[createdProvinces.size()];
            for (int i = 0; left > 0 && !createdProvinces.isEmpty(); i++, left--) {
                int p = i % createdProvinces.size();
                Node province = createdProvinces.get(p);
                levelTwo.add(new Node("%s-X%04d".formatted(province.code, perProvince[p] + 1),
                        communeName(p, perProvince[p]), "COMMUNE", province));
                perProvince[p]++;
            }
            List<List<Node>> levels = new ArrayList<>();
            for (List<Node> level : List.of(levelOne, levelTwo, levelThree)) {
                if (!level.isEmpty()) {
                    levels.add(level);
                }
            }
            return levels;
        }

        /** "Xã Tân Lộc", "Phường An Phú", ...: unique within a province, different from province to province. */
        static String communeName(int province, int n) {
            int pairs = COMMUNE_FIRST.length * COMMUNE_SECOND.length;
            int k = (n * 7 + province * 31) % pairs;
            String first = COMMUNE_FIRST[k / COMMUNE_SECOND.length];
            String second = COMMUNE_SECOND[k % COMMUNE_SECOND.length];
            String name = (n % 4 == 0 ? "Phường " : "Xã ") + first + " " + (first.equals(second) ? "Tây" : second);
            return n >= pairs ? name + " " + (n / pairs + 1) : name;
        }

        private static List<Node> roundRobin(List<Node> nodes) {
            Map<Node, List<Node>> byParent = new LinkedHashMap<>();
            for (Node n : nodes) {
                byParent.computeIfAbsent(n.parent, k -> new ArrayList<>()).add(n);
            }
            List<Node> result = new ArrayList<>();
            for (int i = 0; result.size() < nodes.size(); i++) {
                for (List<Node> children : byParent.values()) {
                    if (i < children.size()) {
                        result.add(children.get(i));
                    }
                }
            }
            return result;
        }

        private static List<Node> take(List<Node> nodes, int n) {
            return new ArrayList<>(nodes.subList(0, Math.max(0, Math.min(n, nodes.size()))));
        }
    }

    // ---------------------------------------------------------------- file-notices

    /**
     * Files incident notices through {@code POST /api/v1/incidents}, each with its own {@code Idempotency-Key}; a share
     * ({@code --retry-pct}) of the requests are retries of an earlier notice with the same key and the same body,
     * which must answer with the same incident id (else the notice was duplicated). Afterwards reads notices back
     * with {@code GET /api/v1/incidents/{id}} ({@code --verify N|all}): a 2xx whose incident cannot be read back,
     * or whose id could not be read from the answer, was lost. A notice answered with an error or not at all (timeout)
     * is sent again with its key and body until it gets a 2xx ({@code resentAfterError}; {@code unanswered}: still
     * without one at the end); that the server then holds exactly one incident per key is for the caller to check
     * against the database ({@code created}; scripts/bench-incidents.sh does). All requests, warm-up included, count.
     */
    static Report fileNotices(Options o, Client client, PrintStream out) {
        List<Seeded> targets = readSeeded(o.idsFile);
        NoticeBook book = new NoticeBook();
        NoticeBodies bodies = new NoticeBodies(targets);
        Recorder recorder = new Recorder();
        long start = System.nanoTime();
        long measureFrom = start + o.warmup.toNanos();
        long measureUntil = measureFrom + o.duration.toNanos();
        runWorkers(o, () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (true) {
                long begin = System.nanoTime();
                if (begin >= measureUntil) {
                    return;
                }
                Sent unanswered = book.unanswered.poll();
                Sent retry = unanswered == null && random.nextInt(100) < o.retryPercent ? book.recent(random) : null;
                Outcome outcome;
                if (unanswered != null) {
                    // A client whose notice failed or timed out sends it again with the same key and body.
                    outcome = client.send(client.post("/api/v1/incidents", unanswered.body(), unanswered.key()));
                    book.resent(unanswered, outcome);
                } else if (retry != null) {
                    outcome = client.send(client.post("/api/v1/incidents", retry.body(), retry.key()));
                    book.retried(retry, outcome);
                } else {
                    String key = "lg-" + UUID.randomUUID();
                    String body = bodies.next(random);
                    outcome = client.send(client.post("/api/v1/incidents", body, key));
                    book.filed(key, body, outcome);
                }
                if (begin >= measureFrom) {
                    recorder.record(outcome);
                }
            }
        });
        // Notices still without an answer when the time is up get a few more tries (not measured).
        for (int round = 0; round < 5 && !book.unanswered.isEmpty(); round++) {
            List<Sent> left = new ArrayList<>(book.unanswered);
            book.unanswered.clear();
            for (Sent notice : left) {
                book.resent(notice, client.send(client.post("/api/v1/incidents", notice.body(), notice.key())));
            }
        }
        book.verify(o, client);
        Report report = recorder.report(o.scenario, o, o.duration);
        return report.withChecks(book.checks(), new TreeMap<>(book.samples));
    }

    /** One notice as first sent and answered. */
    record Sent(String key, String body, String id, String title) {
    }

    /** What file-notices sent and got back: the ids per key, retries that matched or not, notices read back. */
    static final class NoticeBook {
        static final int RECENT = 4096;
        final java.util.concurrent.atomic.AtomicReferenceArray<Sent> recent =
                new java.util.concurrent.atomic.AtomicReferenceArray<>(RECENT);
        final AtomicLong filedCount = new AtomicLong();
        final Map<String, String> titleById = new ConcurrentHashMap<>();
        final LongAdder notices = new LongAdder();
        final LongAdder created = new LongAdder();
        final LongAdder retries = new LongAdder();
        final LongAdder resent = new LongAdder();
        final Queue<Sent> unanswered = new ConcurrentLinkedQueue<>();
        final LongAdder retriesMatched = new LongAdder();
        final LongAdder duplicated = new LongAdder();
        final LongAdder noId = new LongAdder();
        final LongAdder verified = new LongAdder();
        final LongAdder lostOnReadBack = new LongAdder();
        final LongAdder unverified = new LongAdder();
        final Map<String, String> samples = new ConcurrentHashMap<>();

        void filed(String key, String body, Outcome outcome) {
            notices.increment();
            answered(key, body, outcome);
        }

        /** A notice sent again after an error or a timeout (same key, same body). */
        void resent(Sent notice, Outcome outcome) {
            resent.increment();
            answered(notice.key(), notice.body(), outcome);
        }

        private void answered(String key, String body, Outcome outcome) {
            String title = titleIn(body);
            if (!outcome.ok()) {
                // An error or a timeout (counted by status): the notice may or may not be on the server, so the
                // client sends it again with the same key, and must then get exactly one incident.
                unanswered.add(new Sent(key, body, null, title));
                return;
            }
            String id = outcome.body() == null ? null : idIn(outcome.body());
            if (id == null) {
                noId.increment();
                samples.putIfAbsent("lost", "2xx without a readable id for key " + key);
                return;
            }
            created.increment();
            titleById.put(id, title == null ? "" : title);
            recent.set((int) (filedCount.getAndIncrement() % RECENT), new Sent(key, body, id, title));
        }

        /** A random notice answered earlier, or null before the first one. */
        Sent recent(ThreadLocalRandom random) {
            long n = Math.min(filedCount.get(), RECENT);
            return n == 0 ? null : recent.get(random.nextInt((int) n));
        }

        void retried(Sent first, Outcome outcome) {
            retries.increment();
            if (!outcome.ok()) {
                return;
            }
            String id = outcome.body() == null ? null : idIn(outcome.body());
            if (first.id().equals(id)) {
                retriesMatched.increment();
            } else {
                duplicated.increment();
                samples.putIfAbsent("duplicated", "key " + first.key() + " answered " + first.id() + ", then " + id);
            }
        }

        /** Reads back {@code --verify} notices (a random sample, or all). */
        void verify(Options o, Client client) {
            List<String> ids = new ArrayList<>(titleById.keySet());
            java.util.Collections.shuffle(ids);
            List<String> chosen = o.verify < 0 ? ids : ids.subList(0, Math.min(o.verify, ids.size()));
            Queue<String> queue = new ConcurrentLinkedQueue<>(chosen);
            runWorkers(o, () -> {
                String id;
                while ((id = queue.poll()) != null) {
                    Outcome outcome = client.send(client.get("/api/v1/incidents/" + id));
                    if (outcome.key().equals("404")) {
                        lostOnReadBack.increment();
                        samples.putIfAbsent("lost", "GET /api/v1/incidents/" + id + " answered 404");
                    } else if (!outcome.ok() || outcome.body() == null) {
                        unverified.increment();
                        samples.putIfAbsent("unverified", "GET /api/v1/incidents/" + id + " answered " + outcome.key());
                    } else {
                        Object body = Json.parse(outcome.body());
                        String title = Json.find(body, "title") instanceof String t ? t : null;
                        if (id.equals(idIn(outcome.body())) && titleById.get(id).equals(title)) {
                            verified.increment();
                        } else {
                            lostOnReadBack.increment();
                            samples.putIfAbsent("lost", "GET /api/v1/incidents/" + id + " is not the notice sent");
                        }
                    }
                }
            });
        }

        long lost() {
            return noId.sum() + lostOnReadBack.sum();
        }

        Map<String, Long> checks() {
            Map<String, Long> checks = new LinkedHashMap<>();
            checks.put("notices", notices.sum());
            checks.put("created", created.sum());
            checks.put("resentAfterError", resent.sum());
            checks.put("unanswered", (long) unanswered.size());
            checks.put("retries", retries.sum());
            checks.put("retriesMatched", retriesMatched.sum());
            checks.put("duplicated", duplicated.sum());
            checks.put("readBack", verified.sum() + lostOnReadBack.sum() + unverified.sum());
            checks.put("lost", lost());
            checks.put("unverified", unverified.sum());
            return checks;
        }

        static String titleIn(String body) {
            try {
                return Json.find(Json.parse(body), "title") instanceof String t ? t : null;
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * Realistic, varied notices: against a seeded information system (id file rows of kind SYSTEM, code = the owner
     * agency) or, for one in five, an asset named by hand with the owner agency; RSIT categories, TLP markings,
     * Decision 05/2017 Art 9.1 impacts, observables, detection 10 minutes to 6 days ago (some notices are late).
     */
    static final class NoticeBodies {
        static final String[] CATEGORIES = {"intrusions/system-compromise", "intrusion-attempts/brute-force",
                "availability/ddos", "malicious-code/infected-system", "fraud/phishing", "information-gathering/scanner",
                "intrusions/application-compromise", "availability/dos", "vulnerable/vulnerable-system",
                "information-content-security/unauthorised-information-modification", "malicious-code/c2-server",
                "intrusion-attempts/exploit", "other/other"};
        static final String[] TITLES = {"Tấn công từ chối dịch vụ vào cổng thông tin", "Thay đổi giao diện trang chủ",
                "Mã độc mã hóa dữ liệu trên máy chủ tệp", "Dò quét mật khẩu tài khoản quản trị",
                "Thư điện tử giả mạo lãnh đạo đơn vị", "Máy trạm kết nối tới máy chủ điều khiển mã độc",
                "Khai thác lỗ hổng trên ứng dụng dịch vụ công", "Rò rỉ dữ liệu người dùng hệ thống một cửa",
                "Truy cập trái phép cơ sở dữ liệu", "Dò quét cổng từ địa chỉ IP nước ngoài"};
        // TLP:RED too: the token files for agencies it is not named at, but the filing agency is a named party of its
        // own notice (V109), so the 201 answer and the read-back see it.
        static final String[] TLPS = {"CLEAR", "GREEN", "GREEN", "AMBER", "AMBER", "AMBER", "AMBER_STRICT", "RED"};
        static final String[] IMPACTS = {"SERVICE_DISRUPTION", "STATE_SECRET_DISCLOSURE", "DATA_UNRECOVERABLE",
                "LOSS_OF_CONTROL", "CHAIN_EFFECT"};
        final List<Seeded> systems;
        final List<Seeded> agencies;
        final AtomicLong sequence = new AtomicLong();

        NoticeBodies(List<Seeded> targets) {
            systems = targets.stream().filter(t -> t.kind.equals("SYSTEM")).toList();
            agencies = targets.stream().filter(t -> !t.kind.equals("SYSTEM")).toList();
            if (systems.isEmpty() && agencies.isEmpty()) {
                throw new IllegalArgumentException("no systems or agencies to file notices against");
            }
        }

        String next(ThreadLocalRandom random) {
            long n = sequence.incrementAndGet();
            StringBuilder b = new StringBuilder("{");
            boolean bySystem = !systems.isEmpty() && (agencies.isEmpty() || random.nextInt(5) != 0);
            String owner;
            if (bySystem) {
                Seeded s = systems.get(random.nextInt(systems.size()));
                owner = s.code;
                b.append("\"systemId\":").append(Json.quote(s.id));
            } else {
                Seeded a = agencies.get(random.nextInt(agencies.size()));
                owner = a.id;
                b.append("\"ownerId\":").append(Json.quote(a.id)).append(",\"affectedAsset\":")
                        .append(Json.quote("cong" + n + ".example.gov.vn"));
            }
            if (owner != null && owner.length() == 36) {
                b.append(",\"reporterAgencyId\":").append(Json.quote(owner));
            }
            String title = TITLES[random.nextInt(TITLES.length)] + " #" + n;
            long minutesAgo = random.nextInt(20) == 0 ? 6 * 24 * 60 : 10 + random.nextInt(2 * 24 * 60);
            String detected = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(7)).minusMinutes(minutesAgo)
                    .withNano(0).toString();
            b.append(",\"title\":").append(Json.quote(title))
                    .append(",\"description\":").append(Json.quote("Phát hiện lúc " + detected + " qua hệ thống giám "
                            + "sát; đã cô lập máy chủ bị ảnh hưởng, đang thu thập nhật ký để phân tích. Mã theo dõi "
                            + Long.toHexString(random.nextLong())))
                    .append(",\"detectedAt\":").append(Json.quote(detected))
                    .append(",\"category\":").append(Json.quote(CATEGORIES[random.nextInt(CATEGORIES.length)]))
                    .append(",\"beyondCapacity\":").append(random.nextInt(10) == 0)
                    .append(",\"tlp\":").append(Json.quote(TLPS[random.nextInt(TLPS.length)]))
                    .append(",\"reporterName\":\"Nguyễn Văn An\",\"reporterTitle\":\"Chuyên viên an toàn thông tin\"")
                    .append(",\"reporterPhone\":\"0912345678\",\"reporterEmail\":\"attt@example.gov.vn\"");
            b.append(",\"impacts\":[");
            if (random.nextInt(4) == 0) {
                b.append(Json.quote(IMPACTS[random.nextInt(IMPACTS.length)]));
            }
            b.append("],\"observables\":[");
            int observables = random.nextInt(3);
            for (int i = 0; i < observables; i++) {
                b.append(i == 0 ? "" : ",").append("{\"type\":\"IP\",\"value\":\"")
                        .append(random.nextInt(1, 224)).append('.').append(random.nextInt(256)).append('.')
                        .append(random.nextInt(256)).append('.').append(random.nextInt(1, 255)).append("\"}");
            }
            b.append("],\"resultsSoFar\":\"Đã chặn địa chỉ nguồn trên tường lửa.\"}");
            return b.toString();
        }
    }

    // ---------------------------------------------------------------- incident-list

    /**
     * Queries of the incident list as its page and its users make them: the default newest-first page, filtered by
     * state, severity, category, overdue clocks, open cases by severity, or an agency subtree (a province of the ids
     * file), first pages mostly; 25 per page.
     */
    static final class IncidentQueries {
        static final String[] STATES = {"RECEIVED", "VERIFIED", "CLASSIFIED", "RESPONDING", "CONTAINED",
                "ERADICATED", "RECOVERED", "CLOSED"};
        final List<Seeded> provinces;

        IncidentQueries(List<Seeded> seeded) {
            provinces = seeded.stream().filter(s -> s.kind.equals("PROVINCE") || s.kind.equals("CITY")).toList();
        }

        String next(ThreadLocalRandom random) {
            int page = random.nextInt(10) < 7 ? 0 : random.nextInt(1, 5);
            String tail = "&page=" + page + "&size=25";
            return switch (random.nextInt(provinces.isEmpty() ? 7 : 8)) {
                case 0 -> "sort=-reportedAt" + tail;
                case 1 -> "state=" + STATES[random.nextInt(STATES.length)] + "&sort=-reportedAt" + tail;
                case 2 -> "severity=SERIOUS&sort=-reportedAt" + tail;
                case 3 -> "category=" + encode(NoticeBodies.CATEGORIES[random.nextInt(NoticeBodies.CATEGORIES.length)])
                        + "&sort=-reportedAt" + tail;
                case 4 -> "overdue=true&sort=-reportedAt" + tail;
                case 5 -> "open=true&sort=severity" + tail;
                case 6 -> "sort=-detectedAt" + tail;
                default -> "agencyId=" + provinces.get(random.nextInt(provinces.size())).id + "&sort=-reportedAt"
                        + tail;
            };
        }
    }

    // ---------------------------------------------------------------- search prefixes

    /** What people type into a search box: beginnings of agency names (any case) and of codes. */
    static final class SearchPrefixes {
        static final String[] COMMON = {"Ủy ban", "ủy ban nhân dân tỉnh", "Ủy ban nhân dân thành phố H", "Sở Y",
                "sở tài", "Sở Khoa học", "Sở Nội", "Bộ", "Bộ Công", "bộ tư", "Trung tâm", "Trung tâm Giám",
                "Xã Tân", "xã an", "Xã Hòa", "Phường", "Phường Phú", "Văn phòng", "Thanh tra", "Vụ", "Cục",
                "Phòng Kế", "CP"};
        private final List<Seeded> seeded;

        SearchPrefixes(List<Seeded> seeded) {
            this.seeded = seeded;
        }

        String next(ThreadLocalRandom random) {
            int dice = random.nextInt(10);
            if (seeded.isEmpty() || dice < 3) {
                return COMMON[random.nextInt(COMMON.length)];
            }
            Seeded s = seeded.get(random.nextInt(seeded.size()));
            String text = dice == 9 ? s.code : s.name;
            int length = Math.min(text.length(), 3 + random.nextInt(10));
            return text.substring(0, length).strip();
        }
    }

    record Seeded(String id, String code, String kind, String name) {
    }

    static List<Seeded> readSeeded(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("ids file " + file + " not found: run the seed-agencies scenario "
                    + "first or pass --ids-file");
        }
        try {
            List<Seeded> result = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 4);
                result.add(new Seeded(f[0].strip(), f.length > 1 ? f[1] : f[0], f.length > 2 ? f[2] : "",
                        f.length > 3 ? f[3] : ""));
            }
            if (result.isEmpty()) {
                throw new IllegalArgumentException("ids file " + file + " is empty");
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    // ---------------------------------------------------------------- HTTP

    /** The result of one request: a status code ("200", "404") or a failure ("timeout", "ConnectException"). */
    record Outcome(String key, boolean ok, long micros, String body) {
        Outcome(String key, boolean ok, long micros) {
            this(key, ok, micros, null);
        }
    }

    static final class Client {
        private final HttpClient http;
        private final Options o;

        Client(HttpClient http, Options o) {
            this.http = http;
            this.o = o;
        }

        HttpRequest get(String path) {
            return builder(path).GET().build();
        }

        HttpRequest post(String path, String json) {
            return builder(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        }

        HttpRequest post(String path, String json, String idempotencyKey) {
            return builder(path).header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        }

        /** A page (HTML), as a browser asks for it. */
        HttpRequest page(String path) {
            return builder(path).setHeader("Accept", "text/html").GET().build();
        }

        private HttpRequest.Builder builder(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(o.baseUrl + path)).timeout(o.timeout)
                    .header("Accept", "application/json");
            if (o.token != null) {
                b.header("Authorization", "Bearer " + o.token);
            }
            return b;
        }

        Outcome send(HttpRequest request) {
            if (o.socketTransport) {
                return Sockets.send(request, o.timeout);
            }
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long micros = (System.nanoTime() - start) / 1_000;
                int status = response.statusCode();
                boolean ok = status >= 200 && status < 300;
                return new Outcome(Integer.toString(status), ok, micros, response.body());
            } catch (HttpTimeoutException e) {
                return new Outcome("timeout", false, -1);
            } catch (IOException e) {
                return new Outcome(e.getClass().getSimpleName(), false, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome("interrupted", false, -1);
            }
        }
    }

    /**
     * The default transport ({@code --http-client socket}): one blocking HTTP/1.1 keep-alive connection per worker
     * thread, written and read directly. It spends about a quarter of the JDK HttpClient's CPU per request (no
     * selector thread, no futures), which matters when the generator shares the server's cores. Plain http only;
     * understands Content-Length and chunked answers; a timeout or an I/O error closes the connection.
     */
    static final class Sockets {
        private static final ThreadLocal<Connection> CONNECTION = new ThreadLocal<>();

        record Connection(URI origin, java.net.Socket socket, java.io.BufferedInputStream in, java.io.OutputStream out) {
        }

        static Outcome send(HttpRequest request, Duration timeout) {
            long start = System.nanoTime();
            Connection c = CONNECTION.get();
            try {
                URI uri = request.uri();
                int port = uri.getPort() < 0 ? 80 : uri.getPort();
                if (c == null || !c.origin().getHost().equals(uri.getHost()) || c.origin().getPort() != uri.getPort()) {
                    close(c);
                    java.net.Socket socket = new java.net.Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(new java.net.InetSocketAddress(uri.getHost(), port), 5_000);
                    c = new Connection(uri, socket, new java.io.BufferedInputStream(socket.getInputStream(), 65_536),
                            new java.io.BufferedOutputStream(socket.getOutputStream(), 16_384));
                    CONNECTION.set(c);
                }
                c.socket().setSoTimeout((int) Math.max(1, timeout.toMillis()));
                byte[] body = bodyOf(request);
                StringBuilder head = new StringBuilder(512).append(request.method()).append(' ')
                        .append(uri.getRawPath()).append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                        .append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(port)
                        .append("\r\n");
                request.headers().map().forEach((name, values) -> values.forEach(v ->
                        head.append(name).append(": ").append(v).append("\r\n")));
                if (body.length > 0 || request.method().equals("POST")) {
                    head.append("Content-Length: ").append(body.length).append("\r\n");
                }
                head.append("\r\n");
                c.out().write(head.toString().getBytes(StandardCharsets.UTF_8));
                c.out().write(body);
                c.out().flush();
                String statusLine = line(c.in());
                if (statusLine == null) throw new java.io.EOFException("connection closed");
                int status = Integer.parseInt(statusLine.substring(9, 12));
                long length = -1;
                boolean chunked = false;
                boolean closeAfter = false;
                for (String h = line(c.in()); h != null && !h.isEmpty(); h = line(c.in())) {
                    int colon = h.indexOf(':');
                    if (colon < 0) continue;
                    String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = h.substring(colon + 1).trim();
                    switch (name) {
                        case "content-length" -> length = Long.parseLong(value);
                        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                        case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                        default -> { }
                    }
                }
                java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
                if (request.method().equals("HEAD") || status == 204 || status == 304 || status / 100 == 1) {
                    // no body
                } else if (chunked) {
                    for (long size = Long.parseLong(line(c.in()).split(";")[0].trim(), 16); size > 0;
                         size = Long.parseLong(line(c.in()).split(";")[0].trim(), 16)) {
                        answer.write(c.in().readNBytes((int) size));
                        line(c.in());
                    }
                    for (String trailer = line(c.in()); trailer != null && !trailer.isEmpty(); trailer = line(c.in())) {
                        // trailers are not used
                    }
                } else if (length >= 0) {
                    byte[] bytes = c.in().readNBytes((int) length);
                    if (bytes.length < length) throw new java.io.EOFException("body cut short");
                    answer.write(bytes);
                } else {
                    answer.write(c.in().readAllBytes());
                    closeAfter = true;
                }
                long micros = (System.nanoTime() - start) / 1_000;
                if (closeAfter) {
                    close(c);
                }
                return new Outcome(Integer.toString(status), status >= 200 && status < 300, micros,
                        answer.toString(StandardCharsets.UTF_8));
            } catch (java.net.SocketTimeoutException e) {
                close(c);
                return new Outcome("timeout", false, -1);
            } catch (IOException | RuntimeException e) {
                close(c);
                return new Outcome(e.getClass().getSimpleName(), false, -1);
            }
        }

        /** A header line without its CRLF; null at the end of the stream. */
        private static String line(java.io.InputStream in) throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int ch = in.read(); ch != '\n'; ch = in.read()) {
                if (ch < 0) return b.isEmpty() ? null : b.toString();
                if (ch != '\r') b.append((char) ch);
            }
            return b.toString();
        }

        private static byte[] bodyOf(HttpRequest request) {
            if (request.bodyPublisher().isEmpty()) return new byte[0];
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
            request.bodyPublisher().get().subscribe(new java.util.concurrent.Flow.Subscriber<>() {
                @Override
                public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(java.nio.ByteBuffer item) {
                    byte[] bytes = new byte[item.remaining()];
                    item.get(bytes);
                    out.writeBytes(bytes);
                }

                @Override
                public void onError(Throwable throwable) {
                    done.completeExceptionally(throwable);
                }

                @Override
                public void onComplete() {
                    done.complete(null);
                }
            });
            done.join();
            return out.toByteArray();
        }

        private static void close(Connection c) {
            if (c == null) return;
            CONNECTION.remove();
            try {
                c.socket().close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static void write(Path file, String text) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    // ---------------------------------------------------------------- statistics

    /** Thread-safe collection of outcomes: counts by status and a latency histogram of every response. */
    static final class Recorder {
        final Histogram latencies = new Histogram();
        final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        final LongAdder ok = new LongAdder();
        final LongAdder errors = new LongAdder();
        final Map<String, String> errorSamples = new ConcurrentHashMap<>();

        void record(Outcome outcome) {
            outcomes.computeIfAbsent(outcome.key(), k -> new LongAdder()).increment();
            if (!outcome.ok() && outcome.body() != null && !outcome.body().isBlank()) {
                String body = outcome.body().strip().replaceAll("\\s+", " ");
                errorSamples.putIfAbsent(outcome.key(), body.length() > 300 ? body.substring(0, 300) + "…" : body);
            }
            (outcome.ok() ? ok : errors).increment();
            if (outcome.micros() >= 0) {
                latencies.record(outcome.micros());
            }
        }

        Report report(String scenario, Options o, Duration window) {
            Map<String, Long> byOutcome = new TreeMap<>();
            outcomes.forEach((k, v) -> byOutcome.put(k, v.sum()));
            return new Report(scenario, o.baseUrl, o.concurrency, o.virtualThreads ? "virtual" : "platform",
                    window.toNanos() / 1e9, ok.sum() + errors.sum(), ok.sum(), errors.sum(), byOutcome,
                    latencies.count(), latencies.percentile(50), latencies.percentile(95), latencies.percentile(99),
                    latencies.max(), latencies.mean(), new TreeMap<>(errorSamples));
        }
    }

    /**
     * Log-linear histogram of microsecond values in the manner of HdrHistogram: exact below 2,048 µs, then 1,024
     * sub-buckets per power of two (relative error below 0.1 %). Percentiles are nearest-rank and report the
     * highest value equivalent to the bucket (never above the exact maximum).
     */
    static final class Histogram {
        static final int SUB = 1024;
        static final long LIMIT = 1L << 36; // about 19 hours in µs; larger values are clamped
        private final AtomicLongArray counts = new AtomicLongArray(2 * SUB + (36 - 11) * SUB);
        private final LongAdder total = new LongAdder();
        private final LongAdder sum = new LongAdder();
        private final AtomicLong max = new AtomicLong(-1);

        void record(long micros) {
            long v = Math.max(0, Math.min(micros, LIMIT - 1));
            counts.incrementAndGet(index(v));
            total.increment();
            sum.add(v);
            max.accumulateAndGet(v, Math::max);
        }

        static int index(long v) {
            if (v < 2 * SUB) {
                return (int) v;
            }
            int shift = 63 - Long.numberOfLeadingZeros(v) - 10;
            return 2 * SUB + (shift - 1) * SUB + (int) ((v >> shift) - SUB);
        }

        static long highestEquivalent(int index) {
            if (index < 2 * SUB) {
                return index;
            }
            int k = index - 2 * SUB;
            int shift = k / SUB + 1;
            long mantissa = k % SUB + SUB;
            return ((mantissa + 1) << shift) - 1;
        }

        long count() {
            return total.sum();
        }

        long max() {
            return max.get();
        }

        double mean() {
            long n = count();
            return n == 0 ? 0 : (double) sum.sum() / n;
        }

        /** The smallest recorded value (to bucket precision) that at least {@code percent} % of values do not exceed. */
        long percentile(double percent) {
            long n = count();
            if (n == 0) {
                return -1;
            }
            long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * n));
            long seen = 0;
            for (int i = 0; i < counts.length(); i++) {
                seen += counts.get(i);
                if (seen >= rank) {
                    return Math.min(highestEquivalent(i), max());
                }
            }
            return max();
        }
    }

    record Report(String scenario, String baseUrl, int concurrency, String threads, double seconds, long requests,
                  long ok, long errors, Map<String, Long> outcomes, long timed, long p50Micros, long p95Micros,
                  long p99Micros, long maxMicros, double meanMicros, Map<String, String> errorSamples,
                  Map<String, Long> checks, Map<String, String> checkSamples) {

        Report(String scenario, String baseUrl, int concurrency, String threads, double seconds, long requests,
               long ok, long errors, Map<String, Long> outcomes, long timed, long p50Micros, long p95Micros,
               long p99Micros, long maxMicros, double meanMicros, Map<String, String> errorSamples) {
            this(scenario, baseUrl, concurrency, threads, seconds, requests, ok, errors, outcomes, timed, p50Micros,
                    p95Micros, p99Micros, maxMicros, meanMicros, errorSamples, Map.of(), Map.of());
        }

        Report withChecks(Map<String, Long> newChecks, Map<String, String> samples) {
            return new Report(scenario, baseUrl, concurrency, threads, seconds, requests, ok, errors, outcomes, timed,
                    p50Micros, p95Micros, p99Micros, maxMicros, meanMicros, errorSamples, newChecks, samples);
        }

        long check(String name) {
            return checks.getOrDefault(name, 0L);
        }

        double throughput() {
            return seconds <= 0 ? 0 : requests / seconds;
        }

        double okThroughput() {
            return seconds <= 0 ? 0 : ok / seconds;
        }

        double errorPercent() {
            return requests == 0 ? 0 : 100.0 * errors / requests;
        }

        void print(PrintStream out) {
            out.printf(Locale.ROOT, "scenario     %s against %s, %d clients (%s threads), %.1f s measured%n",
                    scenario, baseUrl, concurrency, threads, seconds);
            out.printf(Locale.ROOT, "requests     %d (ok %d, errors %d = %.2f %%)%n", requests, ok, errors,
                    errorPercent());
            StringBuilder byStatus = new StringBuilder();
            outcomes.forEach((k, v) -> byStatus.append(byStatus.length() == 0 ? "" : ", ").append(k).append('=')
                    .append(v));
            out.printf(Locale.ROOT, "by status    %s%n", byStatus);
            out.printf(Locale.ROOT, "throughput   %.1f req/s (successful: %.1f req/s)%n", throughput(),
                    okThroughput());
            out.printf(Locale.ROOT, "latency ms   p50 %.2f  p95 %.2f  p99 %.2f  max %.2f  mean %.2f  (%d timed)%n",
                    ms(p50Micros), ms(p95Micros), ms(p99Micros), ms(maxMicros), meanMicros / 1000.0, timed);
            errorSamples.forEach((status, body) -> out.printf(Locale.ROOT, "first %s     %s%n", status, body));
            if (!checks.isEmpty()) {
                StringBuilder line = new StringBuilder();
                checks.forEach((k, v) -> line.append(line.length() == 0 ? "" : ", ").append(k).append('=').append(v));
                out.printf(Locale.ROOT, "integrity    %s%n", line);
                checkSamples.forEach((k, v) -> out.printf(Locale.ROOT, "first %s %s%n", k, v));
            }
        }

        List<String> failures(Options o) {
            List<String> failures = new ArrayList<>();
            if (o.assertRps != null && okThroughput() < o.assertRps) {
                failures.add(String.format(Locale.ROOT, "successful throughput %.1f req/s < required %.1f req/s",
                        okThroughput(), o.assertRps));
            }
            if (o.assertP95Ms != null && (timed == 0 || ms(p95Micros) >= o.assertP95Ms)) {
                failures.add(String.format(Locale.ROOT, "p95 latency %.2f ms is not below %.2f ms", ms(p95Micros),
                        o.assertP95Ms));
            }
            if (o.assertP99Ms != null && (timed == 0 || ms(p99Micros) >= o.assertP99Ms)) {
                failures.add(String.format(Locale.ROOT, "p99 latency %.2f ms is not below %.2f ms", ms(p99Micros),
                        o.assertP99Ms));
            }
            if (o.assertMaxErrorPercent != null && errorPercent() > o.assertMaxErrorPercent) {
                failures.add(String.format(Locale.ROOT, "errors %.2f %% > allowed %.2f %%", errorPercent(),
                        o.assertMaxErrorPercent));
            }
            // With any --assert-*, a lost or duplicated notice (or one that could not be read back) fails the run.
            if (o.hasAssertions() && !checks.isEmpty()) {
                for (String name : List.of("lost", "duplicated", "unverified")) {
                    if (check(name) > 0) {
                        failures.add(String.format(Locale.ROOT, "%d notice(s) %s", check(name), name));
                    }
                }
            }
            return failures;
        }

        String toJson() {
            StringBuilder byStatus = new StringBuilder();
            outcomes.forEach((k, v) -> byStatus.append(byStatus.length() == 0 ? "" : ",").append(Json.quote(k))
                    .append(':').append(v));
            return String.format(Locale.ROOT, "{\"scenario\":%s,\"baseUrl\":%s,\"concurrency\":%d,\"threads\":%s,"
                            + "\"seconds\":%.3f,\"requests\":%d,\"ok\":%d,\"errors\":%d,\"byStatus\":{%s},"
                            + "\"throughputRps\":%.1f,\"okThroughputRps\":%.1f,\"p50Ms\":%.3f,\"p95Ms\":%.3f,"
                            + "\"p99Ms\":%.3f,\"maxMs\":%.3f,\"meanMs\":%.3f%s}",
                    Json.quote(scenario), Json.quote(baseUrl), concurrency, Json.quote(threads), seconds, requests,
                    ok, errors, byStatus, throughput(), okThroughput(), ms(p50Micros), ms(p95Micros), ms(p99Micros),
                    ms(maxMicros), meanMicros / 1000.0, checksJson());
        }

        private String checksJson() {
            if (checks.isEmpty()) {
                return "";
            }
            StringBuilder b = new StringBuilder(",\"checks\":{");
            checks.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '{' ? "" : ",").append(Json.quote(k))
                    .append(':').append(v));
            return b.append('}').toString();
        }

        static double ms(long micros) {
            return micros < 0 ? 0 : micros / 1000.0;
        }
    }

    // ---------------------------------------------------------------- options

    static final class Options {
        static final List<String> SCENARIOS = List.of("seed-agencies", "get-agency", "search-agencies", "coverage",
                "file-notices", "incident-list", "incident-board");
        static final String HELP = """
                Usage: java tools/loadgen/LoadGenerator.java --scenario NAME [options]

                Drives the ATTT Hub API with N concurrent HTTP/1.1 keep-alive clients and reports
                throughput and latency percentiles. Only the JDK is needed (17 or newer).

                Scenarios:
                  seed-agencies     create --count agencies through POST /api/v1/agencies as a realistic tree
                                    (34 provinces/cities and the ministries under the root, then departments,
                                    enterprises and communes, then units); ids are written to --ids-file
                  get-agency        GET /api/v1/agencies/{id} over random ids from --ids-file
                  search-agencies   GET /api/v1/agencies?q=<prefix>&limit=20 with name and code prefixes
                  coverage          GET /api/v1/compliance?agencyId=<id>, the coverage dashboard of the national
                                    root or of random provinces (--coverage-root), agencies from --ids-file
                                    (id, code, kind, name; kinds GOVERNMENT, PROVINCE, CITY)
                  file-notices      POST /api/v1/incidents with varied notices, each with its own Idempotency-Key;
                                    --retry-pct % of requests resend an earlier notice (same key, same body) and
                                    must get the same incident id back (else: duplicated); a notice answered
                                    with an error or a timeout is sent again (same key, same body). Then reads back
                                    --verify notices with GET /api/v1/incidents/{id} (missing: lost). Targets from
                                    --ids-file: rows "systemId, ownerAgencyId, SYSTEM, name" file against a system,
                                    other rows "agencyId, code, kind, name" against an asset of that agency
                  incident-list     GET /api/v1/incidents with the list page's filters and sorts (state, severity,
                                    category, overdue, open by severity, a province from --ids-file), 25 per page
                  incident-board    GET /incidents/board, the coordinator's board of open cases (HTML page)

                Options:
                  --base-url URL          application address (default http://localhost:8080)
                  --token TOKEN           API token sent as "Authorization: Bearer"; default: $ATTT_API_TOKEN
                  --scenario NAME         one of the scenarios above
                  --concurrency N         concurrent clients (default 16)
                  --duration D            measured time, e.g. 30, 30s, 2m (default 30s; timed scenarios)
                  --warmup D              unmeasured time before it (default 10s; timed scenarios)
                  --threads KIND          platform (default) or virtual (JDK 21+)
                  --count N               agencies to create (seed-agencies; default 10000)
                  --root-id UUID          parent of the top level; default: found with GET /api/v1/agencies?q=CP
                  --code-prefix P         prefix of the created codes (default: LG + a time stamp, so runs differ)
                  --ids-file PATH         ids written by seed-agencies, read by the others
                                          (default target/loadgen/agency-ids.tsv)
                  --coverage-root R       national (default) or province (coverage)
                  --limit N               page size of search-agencies (default 20)
                  --timeout D             per-request timeout (default 10s)
                  --http-client KIND      socket (default: one blocking keep-alive connection per client, the
                                          least CPU on a shared machine; http only) or jdk
                                          (java.net.http.HttpClient; always for https)
                  --retry-pct N           file-notices: share of requests that retry an earlier key (default 10)
                  --verify N|all          file-notices: notices read back afterwards (default 1000; 0 = none)
                  --json-out PATH         also write the report as JSON
                  --assert-rps X          exit 2 unless successful requests/s >= X
                  --assert-p95-ms X       exit 2 unless p95 latency < X ms
                  --assert-p99-ms X       exit 2 unless p99 latency < X ms
                  --assert-max-error-pct X  exit 2 if more than X % of requests fail
                                          (with any --assert-*, file-notices also exits 2 on a lost,
                                          duplicated or unverifiable notice)
                  --help                  this text

                Exit status: 0 done (and assertions met), 1 bad arguments or setup failure, 2 an assertion failed.
                """;

        boolean help;
        String baseUrl = "http://localhost:8080";
        String token = System.getenv("ATTT_API_TOKEN");
        String scenario;
        int concurrency = 16;
        Duration duration = Duration.ofSeconds(30);
        Duration warmup = Duration.ofSeconds(10);
        boolean virtualThreads;
        boolean socketTransport = true;
        int count = 10_000;
        String rootId;
        String codePrefix = "LG" + Long.toString(System.currentTimeMillis() / 1000 % 60_466_176L, 36)
                .toUpperCase(Locale.ROOT);
        Path idsFile = Path.of("target", "loadgen", "agency-ids.tsv");
        int limit = 20;
        Duration timeout = Duration.ofSeconds(10);
        Path jsonOut;
        Double assertRps;
        Double assertP95Ms;
        Double assertP99Ms;
        Double assertMaxErrorPercent;
        String coverageRoot = "national";
        int retryPercent = 10;
        int verify = 1000;

        boolean hasAssertions() {
            return assertRps != null || assertP95Ms != null || assertP99Ms != null || assertMaxErrorPercent != null;
        }

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                if (arg.equals("--help") || arg.equals("-h")) {
                    o.help = true;
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    value = args[++i];
                }
                switch (arg) {
                    case "--base-url" -> o.baseUrl = value.replaceAll("/+$", "");
                    case "--token" -> o.token = value;
                    case "--scenario" -> o.scenario = value;
                    case "--concurrency" -> o.concurrency = positive(arg, value);
                    case "--duration" -> o.duration = duration(arg, value);
                    case "--warmup", "--warm-up" -> o.warmup = duration(arg, value);
                    case "--threads" -> {
                        if (!value.equals("platform") && !value.equals("virtual")) {
                            throw new IllegalArgumentException("--threads is platform or virtual");
                        }
                        o.virtualThreads = value.equals("virtual");
                    }
                    case "--count" -> o.count = positive(arg, value);
                    case "--root-id" -> o.rootId = value;
                    case "--code-prefix" -> o.codePrefix = value;
                    case "--ids-file" -> o.idsFile = Path.of(value);
                    case "--limit" -> o.limit = positive(arg, value);
                    case "--timeout" -> o.timeout = duration(arg, value);
                    case "--http-client" -> {
                        if (!value.equals("socket") && !value.equals("jdk")) {
                            throw new IllegalArgumentException("--http-client is socket or jdk");
                        }
                        o.socketTransport = value.equals("socket");
                    }
                    case "--json-out" -> o.jsonOut = Path.of(value);
                    case "--assert-rps" -> o.assertRps = number(arg, value);
                    case "--assert-p95-ms" -> o.assertP95Ms = number(arg, value);
                    case "--assert-p99-ms" -> o.assertP99Ms = number(arg, value);
                    case "--coverage-root" -> {
                        if (!value.equals("national") && !value.equals("province")) {
                            throw new IllegalArgumentException("--coverage-root is national or province");
                        }
                        o.coverageRoot = value;
                    }
                    case "--assert-max-error-pct" -> o.assertMaxErrorPercent = number(arg, value);
                    case "--retry-pct" -> {
                        int pct = (int) number(arg, value);
                        if (pct < 0 || pct > 100 || pct != number(arg, value)) {
                            throw new IllegalArgumentException("--retry-pct is a whole number from 0 to 100");
                        }
                        o.retryPercent = pct;
                    }
                    case "--verify" -> o.verify = value.equals("all") ? -1 : value.equals("0") ? 0 : positive(arg, value);
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (o.help) {
                return o;
            }
            if (o.scenario == null) {
                throw new IllegalArgumentException("--scenario is required (" + String.join(", ", SCENARIOS) + ")");
            }
            if (!SCENARIOS.contains(o.scenario)) {
                throw new IllegalArgumentException("unknown scenario " + o.scenario);
            }
            if (!o.baseUrl.startsWith("http://") && !o.baseUrl.startsWith("https://")) {
                throw new IllegalArgumentException("--base-url must start with http:// or https://");
            }
            if (o.baseUrl.startsWith("https://")) {
                o.socketTransport = false; // the socket transport speaks plain HTTP only
            }
            if (o.virtualThreads) {
                threadFactory(true); // fails early on JDK 17
            }
            return o;
        }

        private static int positive(String name, String value) {
            try {
                int n = Integer.parseInt(value);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must be a positive whole number, not '" + value + "'");
        }

        private static double number(String name, String value) {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
            }
        }

        static Duration duration(String name, String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            try {
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                if (v.endsWith("m")) {
                    return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
                }
                if (v.endsWith("s")) {
                    v = v.substring(0, v.length() - 1);
                }
                return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a duration like 30, 30s, 500ms or 2m, not '"
                        + value + "'");
            }
        }
    }

    // ---------------------------------------------------------------- a small JSON reader and writer

    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.space();
            if (json.i != text.length()) {
                throw json.error("trailing characters");
            }
            return value;
        }

        /** The first value of {@code key} in a depth-first walk (objects before their children). */
        static Object find(Object node, String key) {
            if (node instanceof Map<?, ?> map) {
                if (map.containsKey(key)) {
                    return map.get(key);
                }
                for (Object child : map.values()) {
                    Object found = find(child, key);
                    if (found != null) {
                        return found;
                    }
                }
            } else if (node instanceof List<?> list) {
                for (Object child : list) {
                    Object found = find(child, key);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }

        /** The first object whose {@code key} equals {@code value}, ignoring case. */
        static Object findObject(Object node, String key, String value) {
            if (node instanceof Map<?, ?> map) {
                if (map.get(key) instanceof String s && s.equalsIgnoreCase(value)) {
                    return map;
                }
                for (Object child : map.values()) {
                    Object found = findObject(child, key, value);
                    if (found != null) {
                        return found;
                    }
                }
            } else if (node instanceof List<?> list) {
                for (Object child : list) {
                    Object found = findObject(child, key, value);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }

        static String quote(String value) {
            if (value == null) {
                return "null";
            }
            StringBuilder b = new StringBuilder("\"");
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    space();
                    if (peek('}')) {
                        return map;
                    }
                    do {
                        space();
                        String key = string();
                        space();
                        expect(':');
                        map.put(key, value());
                        space();
                    } while (peek(','));
                    expect('}');
                    return map;
                }
                case '[': {
                    i++;
                    List<Object> list = new ArrayList<>();
                    space();
                    if (peek(']')) {
                        return list;
                    }
                    do {
                        list.add(value());
                        space();
                    } while (peek(','));
                    expect(']');
                    return list;
                }
                case '"':
                    return string();
                default:
                    if (s.startsWith("true", i)) {
                        i += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", i)) {
                        i += 5;
                        return Boolean.FALSE;
                    }
                    if (s.startsWith("null", i)) {
                        i += 4;
                        return null;
                    }
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    if (start == i) {
                        throw error("unexpected '" + c + "'");
                    }
                    return Double.parseDouble(s.substring(start, i));
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            throw error("unterminated string");
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private IllegalStateException error(String message) {
            return new IllegalStateException("invalid JSON at " + i + ": " + message);
        }
    }
}
