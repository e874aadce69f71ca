package vn.attthub;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import vn.attthub.TestCallers.Agency;
import vn.attthub.TestCallers.Caller;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.control.ControlFixtures;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.AnyAuthenticatedUser;
import vn.attthub.shared.Permission;
import vn.attthub.shared.PublicEndpoint;
import vn.attthub.shared.RequiresPermission;
import vn.attthub.shared.Role;

import java.lang.annotation.Annotation;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Security tests generated from the live endpoint list (ARCHITECTURE.md "Tests"; issue 2 §6), so that a new
 * {@code /api/v1} endpoint is covered without anyone remembering to write its tests:
 * <ol>
 *   <li>no credentials → 401 (except {@code @PublicEndpoint});</li>
 *   <li>{@code @RequiresPermission(P)}: a token of every single-role user whose role lacks P, and of a user with
 *       no role at all → 403;</li>
 *   <li>an endpoint with a path variable: a record made in province A, requested by users who hold the needed
 *       permission but only over province B (the narrowest such role, and a platform admin granted at province B)
 *       → 404 for reads; for writes, an answer indistinguishable from the one for an id that does not exist (and
 *       never 2xx, never 403). GET endpoints also get a positive control: a platform admin granted at province A
 *       reads the record, which proves the registry made it where it should.</li>
 * </ol>
 * Records are made through {@link #REGISTRY}. An endpoint with a path variable and no registry entry FAILS, so a
 * new kind of record cannot slip through uncovered: add an entry that creates one in province A.
 */
@IntegrationTest
class GeneratedSecurityTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    org.springframework.context.ApplicationContext context;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** What the registry's creators may use: the two provinces and a way to make users. */
    record World(TestCallers callers, Agency provinceA, Agency unitOfA, Agency provinceB, AuditLog audit, JdbcClient jdbc,
                 org.springframework.context.ApplicationContext context) {
    }

    /**
     * How to make a record in province A for a path prefix. {@code prefix} uses {@code {}} for each path variable
     * (names do not matter); {@code create} returns one value per variable of the prefix.
     */
    record Fixture(String prefix, Function<World, List<String>> create) {
    }

    static final List<Fixture> REGISTRY = List.of(
            new Fixture("/api/v1/agencies/{}", w -> List.of(
                    w.callers().agency(w.provinceA(), "UNIT", "Đơn vị kiểm thử bảo mật").id().toString())),
            new Fixture("/api/v1/agencies/{}/roles/{}", w -> {
                UUID agency = w.callers().agency(w.provinceA(), "DEPARTMENT", "Sở có vai trò (kiểm thử bảo mật)").id();
                UUID role = UUID.randomUUID();
                w.jdbc().sql("""
                                INSERT INTO agency_role (id, agency_id, role, for_agency_id, valid_from, legal_basis)
                                VALUES (?, ?, 'IR_NETWORK_MEMBER', NULL, DATE '2024-01-01', 'Quyết định 05/2017/QĐ-TTg Điều 7')""")
                        .params(role, agency).update();
                return List.of(agency.toString(), role.toString());
            }),
            new Fixture("/api/v1/agencies/{}/contacts/{}", w -> List.of(
                    w.callers().agency(w.provinceA(), "UNIT", "Đơn vị có đầu mối (kiểm thử bảo mật)").id().toString(),
                    "HEAD")),
            new Fixture("/api/v1/users/{}", w -> List.of(
                    w.callers().caller(w.unitOfA(), Role.VIEWER).userId().toString())),
            new Fixture("/api/v1/api-tokens/{}", w -> List.of(
                    w.callers().caller(w.unitOfA(), Role.VIEWER).tokenId().toString())),
            new Fixture("/api/v1/audit/events/{}", w -> {
                UUID target = UUID.randomUUID();
                w.audit().recordFor(null, "security-test", AuditEntry.success("test.security", "test", target,
                        AgencyId.of(w.unitOfA().id()), Map.of()));
                return List.of(w.jdbc().sql("SELECT seq FROM audit_event WHERE target_type = 'test' AND target_id = ?")
                        .param(target.toString()).query(Long.class).single().toString());
            }),
            new Fixture("/api/v1/systems/{}/baseline", w -> List.of(
                    ControlFixtures.baselineInSql(w.jdbc(), w.unitOfA().id()).toString())),
            new Fixture("/api/v1/systems/{}/baseline/{}", w -> List.of(
                    ControlFixtures.baselineInSql(w.jdbc(), w.unitOfA().id()).toString(), "TCVN11930-M-1")),
            new Fixture("/api/v1/evidence/{}", w -> {
                UUID system = ControlFixtures.baselineInSql(w.jdbc(), w.unitOfA().id());
                return List.of(ControlFixtures.linkEvidenceInSql(w.jdbc(), w.unitOfA().id(), system).toString());
            }),
            new Fixture("/api/v1/evidence/{}/file", w -> {
                // A real stored file, uploaded through the API by an administrator of province A.
                UUID system = ControlFixtures.baselineInSql(w.jdbc(), w.unitOfA().id());
                Caller admin = w.callers().caller(w.provinceA(), Role.PLATFORM_ADMIN);
                String b = "attt-ev";
                String body = "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"qc.pdf\"\r\n"
                        + "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n"
                        + "--" + b + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nQuy chế\r\n"
                        + "--" + b + "\r\nContent-Disposition: form-data; name=\"effectiveOn\"\r\n\r\n2025-01-01\r\n"
                        + "--" + b + "\r\nContent-Disposition: form-data; name=\"systemId\"\r\n\r\n" + system + "\r\n"
                        + "--" + b + "\r\nContent-Disposition: form-data; name=\"requirementId\"\r\n\r\nTCVN11930-M-1\r\n"
                        + "--" + b + "--\r\n";
                HttpResponse<String> r = w.callers().send(w.callers().request("/api/v1/evidence", admin.token())
                        .header("Content-Type", "multipart/form-data; boundary=" + b)
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
                assertThat(r.statusCode()).as("evidence upload for the registry: " + r.body()).isEqualTo(201);
                Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(r.body());
                assertThat(m.find()).isTrue();
                return List.of(m.group(1));
            }),
            new Fixture("/api/v1/assessments/{}", w -> List.of(
                    ControlFixtures.assessmentInSql(w.jdbc(), w.unitOfA().id()).toString())),
            new Fixture("/api/v1/dossiers/{}", w -> List.of(vn.attthub.dossier.DossierSecurityFixtures
                    .draft(w.context(), w.callers(), w.jdbc(), w.provinceA(), w.unitOfA()).dossierId())),
            new Fixture("/api/v1/dossiers/{}/documents/{}", w -> {
                var draft = vn.attthub.dossier.DossierSecurityFixtures.draft(w.context(), w.callers(), w.jdbc(),
                        w.provinceA(), w.unitOfA());
                return List.of(draft.dossierId(), draft.documentId());
            }),
            new Fixture("/api/v1/dossiers/{}/decision.pdf", w -> List.of(vn.attthub.dossier.DossierSecurityFixtures
                    .approved(w.context(), w.callers(), w.jdbc(), w.provinceA(), w.unitOfA()))),
            new Fixture("/api/v1/notifications/{}", w -> List.of(vn.attthub.notification.NotificationSecurityFixtures
                    .inAppDelivery(w.jdbc(), w.callers(), w.provinceA()).toString())),
            new Fixture("/api/v1/systems/{}", w -> {
                UUID system = UUID.randomUUID();
                w.jdbc().sql("""
                                INSERT INTO information_system (id, code, name, owner_id, operator_id, system_type,
                                    information_types, lifecycle, hosting)
                                VALUES (?, ?, 'Hệ thống kiểm thử bảo mật', ?, ?, 'INTERNAL_OPERATIONS', '{PRIVATE}',
                                    'PLANNED', 'ON_PREMISES')""")
                        .params(system, "HT-SEC-" + system.toString().substring(0, 8), w.provinceA().id(),
                                w.unitOfA().id()).update();
                return List.of(system.toString());
            }),
            new Fixture("/api/v1/incidents/{}", w -> List.of(vn.attthub.incident.IncidentSecurityFixtures
                    .incident(w.callers(), w.jdbc(), w.provinceA(), w.unitOfA()))),
            new Fixture("/api/v1/alerts/{}", w -> List.of(vn.attthub.incident.AlertSecurityFixtures
                    .alert(w.callers(), w.jdbc(), w.unitOfA()))),
            new Fixture("/api/v1/incidents/{}/tasks/{}", w -> vn.attthub.incident.IncidentSecurityFixtures
                    .task(w.callers(), w.jdbc(), w.provinceA(), w.unitOfA())),
            new Fixture("/api/v1/incidents/{}/orders/{}", w -> vn.attthub.incident.IncidentSecurityFixtures
                    .order(w.callers(), w.jdbc(), w.provinceA(), w.unitOfA())),
            new Fixture("/api/v1/incidents/{}/shares/{}", w -> vn.attthub.incident.IncidentSecurityFixtures
                    .share(w.callers(), w.jdbc(), w.provinceA(), w.unitOfA())),
            new Fixture("/api/v1/incidents/{}/handovers/{}", w -> vn.attthub.incident.IncidentSecurityFixtures
                    .handover(w.callers(), w.jdbc(), w.provinceA(), w.unitOfA())),
            new Fixture("/api/v1/incidents/{}/evidence/{}", w -> vn.attthub.incident.IncidentSecurityFixtures
                    .evidence(w.callers(), w.jdbc(), w.provinceA(), w.unitOfA())),
            new Fixture("/api/v1/incidents/{}/reports/{}", w -> vn.attthub.incident.IncidentSecurityFixtures
                    .report(w.context(), w.callers(), w.jdbc(), w.provinceA(), w.unitOfA())),
            new Fixture("/api/v1/incidents/{}/lessons/{}", w -> vn.attthub.incident.MemberReportSecurityFixtures
                    .lesson(w.callers(), w.jdbc(), w.provinceA(), w.unitOfA())),
            new Fixture("/api/v1/member-reports/{}", w -> vn.attthub.incident.MemberReportSecurityFixtures
                    .memberReport(w.context(), w.callers(), w.jdbc(), w.unitOfA())),
            new Fixture("/api/v1/agencies/{}/signing-credentials/{}", w -> {
                // Only the metadata is read by these endpoints; the key column holds a sealed-looking placeholder.
                UUID id = UUID.randomUUID();
                w.jdbc().sql("""
                                INSERT INTO signing_credential (id, agency_id, subject, issuer, serial_number, not_before,
                                    not_after, certificate_sha256, certificate_chain, private_key, key_algorithm, origin,
                                    created_at)
                                VALUES (?, ?, 'CN=Kiểm thử bảo mật', 'CN=CA', '01', now() - interval '1 day',
                                        now() + interval '1 year', replace(?::text, '-', '') || 'aaaa', '-', 'v1:-', 'RSA', 'IMPORTED', now())""")
                        .params(id, w.unitOfA().id(), id).update();
                return List.of(w.unitOfA().id().toString(), id.toString());
            }));

    record Endpoint(RequestMethod method, String pattern, HandlerMethod handler) {
        String name() {
            return method + " " + pattern;
        }

        Annotation rule() {
            for (Class<? extends Annotation> type : List.of(PublicEndpoint.class, AnyAuthenticatedUser.class,
                    RequiresPermission.class)) {
                Annotation a = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), type);
                if (a != null) return a;
            }
            for (Class<? extends Annotation> type : List.of(PublicEndpoint.class, AnyAuthenticatedUser.class,
                    RequiresPermission.class)) {
                Annotation a = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), type);
                if (a != null) return a;
            }
            return null;
        }

        Permission permission() {
            return rule() instanceof RequiresPermission r ? r.value() : null;
        }

        List<String> variables() {
            List<String> names = new ArrayList<>();
            Matcher m = VARIABLE.matcher(pattern);
            while (m.find()) names.add(m.group(1));
            return names;
        }
    }

    static final Pattern VARIABLE = Pattern.compile("\\{\\*?([^}:]+)(:[^}]*)?}");

    List<Endpoint> apiEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            for (String pattern : e.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/v1/")) continue;
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(new Endpoint(m, pattern, e.getValue()));
                }
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::name));
        return endpoints;
    }

    HttpResponse<String> call(TestCallers callers, Endpoint e, String path, String token, String ifMatch) {
        HttpRequest.Builder b = callers.request(path, token).header("Accept", "application/json");
        boolean multipart = Arrays.asList(AnnotatedElementUtils.findMergedAnnotation(e.handler().getMethod(),
                org.springframework.web.bind.annotation.RequestMapping.class).consumes()).contains("multipart/form-data");
        switch (e.method()) {
            case GET -> b.GET();
            case DELETE -> b.DELETE();
            case HEAD -> b.method("HEAD", HttpRequest.BodyPublishers.noBody());
            // The body has the media type the endpoint consumes, so that access is decided before content.
            default -> b.header("Content-Type", multipart ? "multipart/form-data; boundary=attt" : "application/json")
                    .method(e.method().name(), HttpRequest.BodyPublishers.ofString(multipart
                            ? "--attt\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                            + "Content-Type: text/csv\r\n\r\ncode,name\r\n--attt--\r\n" : "{}"));
        }
        if (ifMatch != null) b.header("If-Match", ifMatch);
        return callers.send(b);
    }

    static String fill(String pattern, List<String> values) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(i < values.size() ? values.get(i) : UUID.randomUUID().toString()));
            i++;
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** A value of the same shape as a real one that names no record: a number for a number, else a UUID. */
    static String missingLike(String value) {
        if (value.chars().allMatch(Character::isDigit)) return String.valueOf(Long.MAX_VALUE - 7);
        // A fixed vocabulary value (e.g. a contact kind) names no record by itself: keep it.
        return value.matches("[0-9a-fA-F-]{36}") ? UUID.randomUUID().toString() : value;
    }

    static String normalised(String pattern) {
        return VARIABLE.matcher(pattern).replaceAll("{}");
    }

    /** The registry entry covering every variable of the pattern: the longest prefix with as many variables. */
    static Fixture fixtureFor(Endpoint e) {
        String p = normalised(e.pattern());
        int variables = e.variables().size();
        return REGISTRY.stream()
                .filter(f -> p.equals(f.prefix()) || p.startsWith(f.prefix() + "/"))
                .filter(f -> normalised(f.prefix()).split("\\{}", -1).length - 1 == variables)
                .max(Comparator.comparingInt(f -> f.prefix().length())).orElse(null);
    }

    static int permissionCount(Role r) {
        return r.permissions().size();
    }

    /** The narrowest single role that grants the permission. */
    static Role narrowestRoleWith(Permission p) {
        return Arrays.stream(Role.values()).filter(r -> r.grants(p))
                .min(Comparator.comparingInt(GeneratedSecurityTests::permissionCount)).orElseThrow();
    }

    @TestFactory
    Stream<DynamicTest> everyApiEndpointIsGuarded() {
        TestCallers callers = new TestCallers(jdbc, port);
        Agency root = callers.root();
        Agency provinceA = callers.agency(root, "PROVINCE", "Tỉnh A (kiểm thử bảo mật)");
        Agency unitOfA = callers.agency(provinceA, "UNIT", "Sở thuộc tỉnh A");
        Agency provinceB = callers.agency(root, "PROVINCE", "Tỉnh B (kiểm thử bảo mật)");
        World world = new World(callers, provinceA, unitOfA, provinceB, audit, jdbc, context);

        Map<Role, Caller> inB = new EnumMap<>(Role.class);
        Map<Role, Caller> inA = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            inB.put(r, callers.caller(provinceB, r));
            inA.put(r, callers.caller(provinceA, r));
        }
        Caller noRole = callers.caller(provinceB, null);

        List<Endpoint> endpoints = apiEndpoints();
        Set<String> names = new TreeSet<>();
        endpoints.forEach(e -> names.add(e.name()));
        assertThat(names).as("the endpoint list is read from Spring MVC")
                .contains("GET /api/v1/audit/events/{seq}", "GET /api/v1/audit/verification");

        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint e : endpoints) {
            Annotation rule = e.rule();
            String anyPath = fill(e.pattern(), List.of());
            tests.add(DynamicTest.dynamicTest(e.name() + " declares an access rule", () ->
                    assertThat(rule).as(e.name() + " must declare @RequiresPermission, @AnyAuthenticatedUser or @PublicEndpoint")
                            .isNotNull()));
            if (rule instanceof PublicEndpoint) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(e.name() + " without credentials → 401", () -> {
                HttpResponse<String> r = call(callers, e, anyPath, null, null);
                assertThat(r.statusCode()).as(e.name() + " without credentials: " + r.body()).isEqualTo(401);
            }));
            Permission p = e.permission();
            if (p != null) {
                tests.add(DynamicTest.dynamicTest(e.name() + " without " + p + " → 403", () -> {
                    List<Caller> lacking = new ArrayList<>();
                    lacking.add(noRole);
                    Arrays.stream(Role.values()).filter(r -> !r.grants(p)).forEach(r -> lacking.add(inB.get(r)));
                    for (Caller c : lacking) {
                        HttpResponse<String> r = call(callers, e, anyPath, c.token(), "\"0\"");
                        assertThat(r.statusCode()).as(e.name() + " as " + c.username() + ": " + r.body()).isEqualTo(403);
                    }
                }));
            }
            if (!e.variables().isEmpty()) {
                tests.add(DynamicTest.dynamicTest(e.name() + " for another province's record → 404", () -> {
                    Fixture fixture = fixtureFor(e);
                    if (fixture == null) {
                        fail(e.name() + " has path variables " + e.variables() + " but no entry in "
                                + "GeneratedSecurityTests.REGISTRY: add one that creates such a record in province A");
                    }
                    List<String> values = fixture.create().apply(world);
                    String path = fill(e.pattern(), values);
                    String missingPath = fill(e.pattern(), values.stream().map(GeneratedSecurityTests::missingLike).toList());
                    // The narrowest role holding the permission, and a platform admin whose grant is only province B:
                    // neither may reach province A's record.
                    Set<Role> outsiderRoles = new java.util.LinkedHashSet<>(List.of(
                            p == null ? Role.VIEWER : narrowestRoleWith(p), Role.PLATFORM_ADMIN));
                    for (Role role : outsiderRoles) {
                        Caller outsider = inB.get(role);
                        HttpResponse<String> r = call(callers, e, path, outsider.token(), "\"0\"");
                        if (e.method() == RequestMethod.GET) {
                            assertThat(r.statusCode()).as(e.name() + " as " + role + " of province B: " + r.body())
                                    .isEqualTo(404);
                        } else {
                            HttpResponse<String> missing = call(callers, e, missingPath, outsider.token(), "\"0\"");
                            assertThat(r.statusCode()).as(e.name() + " as " + role + " of province B must answer as for "
                                            + "a record that does not exist (" + missing.statusCode() + "): " + r.body())
                                    .isNotEqualTo(403).isGreaterThanOrEqualTo(400)
                                    .isEqualTo(missing.statusCode());
                        }
                    }
                    if (e.method() == RequestMethod.GET) {
                        HttpResponse<String> insider = call(callers, e, path, inA.get(Role.PLATFORM_ADMIN).token(), null);
                        assertThat(insider.statusCode()).as("positive control: " + e.name() + " as PLATFORM_ADMIN of "
                                + "province A must see the record made by the registry: " + insider.body())
                                .isBetween(200, 299);
                    }
                }));
            }
        }
        return tests.stream();
    }
}
