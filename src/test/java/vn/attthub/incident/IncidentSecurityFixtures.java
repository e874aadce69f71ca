package vn.attthub.incident;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.TestCallers.Agency;
import vn.attthub.document.DemoCertificateAuthority;
import vn.attthub.shared.AgencyId;

import java.util.List;
import java.util.UUID;

/** Incidents in a given province for the generated security tests, filed through the API as the bootstrap admin. */
public final class IncidentSecurityFixtures {
    private IncidentSecurityFixtures() {
    }

    /** A TLP:AMBER notice about a system owned by {@code province}, operated by {@code unit}. */
    public static String incident(TestCallers callers, JdbcClient jdbc, Agency province, Agency unit) {
        IncidentFixtures.coordinator(jdbc, callers);
        UUID system = IncidentFixtures.system(jdbc, province.id(), unit.id(), null, 3, false);
        var r = callers.postJson("/api/v1/incidents", IntegrationTest.BOOTSTRAP_TOKEN,
                IncidentFixtures.notice(system, "AMBER", false, "2026-01-05T08:00:00+07:00")
                        .replace("{\"systemId\"", "{\"reporterAgencyId\":\"" + unit.id() + "\",\"systemId\""));
        if (r.statusCode() != 201) throw new AssertionError(r.body());
        return IncidentFixtures.json(r).get("id").asString();
    }

    /** An incident with a signed situation report by {@code unit}: [incidentId, reportId]. */
    public static List<String> report(ApplicationContext context, TestCallers callers, JdbcClient jdbc,
                                      Agency province, Agency unit) {
        String id = incident(callers, jdbc, province, unit);
        AgencyId signer = AgencyId.of(callers.root().id());
        var ca = context.getBean(DemoCertificateAuthority.class);
        ca.issueFor(signer);
        var r = callers.postJson("/api/v1/incidents/" + id + "/reports", IntegrationTest.BOOTSTRAP_TOKEN,
                "{\"type\":\"SITUATION\",\"summary\":\"Kiểm thử bảo mật\"}");
        if (r.statusCode() != 201) throw new AssertionError(r.body());
        return List.of(id, IncidentFixtures.json(r).get("id").asString());
    }

    /** An incident with a coordination order to {@code unit}: [incidentId, orderId]. */
    public static List<String> order(TestCallers callers, JdbcClient jdbc, Agency province, Agency unit) {
        String id = incident(callers, jdbc, province, unit);
        var r = callers.postJson("/api/v1/incidents/" + id + "/orders", IntegrationTest.BOOTSTRAP_TOKEN,
                "{\"addresseeIds\":[\"" + unit.id() + "\"],\"content\":\"Kiểm thử bảo mật\","
                        + "\"requiredActions\":\"Chặn IP\",\"dueAt\":\"2099-01-01T17:00:00+07:00\"}");
        if (r.statusCode() != 201) throw new AssertionError(r.body());
        return List.of(id, IncidentFixtures.json(r).get("id").asString());
    }

    /** An incident shared (TLP:GREEN cap) with {@code unit} by the bootstrap admin: [incidentId, shareId]. */
    public static List<String> share(TestCallers callers, JdbcClient jdbc, Agency province, Agency unit) {
        String id = incident(callers, jdbc, province, unit);
        var r = callers.postJson("/api/v1/incidents/" + id + "/shares", IntegrationTest.BOOTSTRAP_TOKEN,
                "{\"agencyId\":\"" + unit.id() + "\",\"cap\":\"GREEN\",\"reason\":\"Kiểm thử bảo mật\"}");
        if (r.statusCode() != 201) throw new AssertionError(r.body());
        return List.of(id, IncidentFixtures.json(r).get("id").asString());
    }

    /** An incident with one evidence file uploaded by the bootstrap admin: [incidentId, evidenceId]. */
    public static List<String> evidence(TestCallers callers, JdbcClient jdbc, Agency province, Agency unit) {
        String id = incident(callers, jdbc, province, unit);
        var r = IncidentEvidenceApiIntegrationTests.upload(callers, id, IntegrationTest.BOOTSTRAP_TOKEN,
                "log.txt", "Nhật ký kiểm thử bảo mật".getBytes(java.nio.charset.StandardCharsets.UTF_8), "AMBER");
        if (r.statusCode() != 201) throw new AssertionError(r.body());
        return List.of(id, IncidentFixtures.json(r).get("id").asString());
    }

    /** An incident with one task for {@code unit}, created by the bootstrap admin: [incidentId, taskId]. */
    public static List<String> task(TestCallers callers, JdbcClient jdbc, Agency province, Agency unit) {
        String id = incident(callers, jdbc, province, unit);
        var r = callers.postJson("/api/v1/incidents/" + id + "/tasks", IntegrationTest.BOOTSTRAP_TOKEN,
                "{\"title\":\"Kiểm thử bảo mật\",\"ownerAgencyId\":\"" + unit.id() + "\"}");
        if (r.statusCode() != 201) throw new AssertionError(r.body());
        return List.of(id, IncidentFixtures.json(r).get("id").asString());
    }

    /**
     * An incident with a pending hand-over request from its lead to {@code unit} (made an IR network member for the
     * purpose) by the bootstrap admin: [incidentId, handoverId].
     */
    public static List<String> handover(TestCallers callers, JdbcClient jdbc, Agency province, Agency unit) {
        String id = incident(callers, jdbc, province, unit);
        jdbc.sql("""
                        INSERT INTO agency_role (id, agency_id, role, for_agency_id, valid_from, legal_basis)
                        VALUES (?, ?, 'IR_NETWORK_MEMBER', NULL, DATE '2020-01-01', 'Quyết định 05/2017/QĐ-TTg Điều 7.1')""")
                .params(UUID.randomUUID(), unit.id()).update();
        var r = callers.postJson("/api/v1/incidents/" + id + "/handovers", IntegrationTest.BOOTSTRAP_TOKEN,
                "{\"kind\":\"HANDOVER\",\"toAgencyId\":\"" + unit.id() + "\",\"reason\":\"Kiểm thử bảo mật\"}");
        if (r.statusCode() != 201) throw new AssertionError(r.body());
        return List.of(id, IncidentFixtures.json(r).get("id").asString());
    }
}
