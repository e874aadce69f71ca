package vn.attthub.incident;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.TestCallers.Agency;
import vn.attthub.document.DemoCertificateAuthority;
import vn.attthub.shared.AgencyId;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Member reports and lessons in province A for the generated security tests. */
public final class MemberReportSecurityFixtures {
    private MemberReportSecurityFixtures() {
    }

    /** A filed Form 05 report of {@code unit} (made a network member, given a signing key): [reportId]. */
    public static List<String> memberReport(ApplicationContext context, TestCallers callers, JdbcClient jdbc, Agency unit) {
        jdbc.sql("""
                        INSERT INTO agency_role (id, agency_id, role, for_agency_id, valid_from, legal_basis)
                        VALUES (?, ?, 'IR_NETWORK_MEMBER', NULL, DATE '2020-01-01', 'Quyết định 05/2017/QĐ-TTg Điều 7.1')""")
                .params(UUID.randomUUID(), unit.id()).update();
        context.getBean(DemoCertificateAuthority.class).issueFor(AgencyId.of(unit.id()));
        int year = LocalDate.now(Incidents.ZONE).getYear();
        var r = callers.postJson("/api/v1/member-reports", IntegrationTest.BOOTSTRAP_TOKEN,
                "{\"agencyId\":\"" + unit.id() + "\",\"year\":" + year + ",\"period\":\"ANNUAL\","
                        + "\"generalSituation\":\"Kiểm thử bảo mật\"}");
        if (r.statusCode() != 201) throw new AssertionError(r.body());
        return List.of(IncidentFixtures.json(r).get("id").asString());
    }

    /** A recovered incident in province A with a lessons-learned note: [incidentId, lessonId]. */
    public static List<String> lesson(TestCallers callers, JdbcClient jdbc, Agency province, Agency unit) {
        String id = IncidentSecurityFixtures.incident(callers, jdbc, province, unit);
        jdbc.sql("UPDATE incident SET state = 'RECOVERED' WHERE id = ?::uuid").param(id).update();
        var r = callers.postJson("/api/v1/incidents/" + id + "/lessons", IntegrationTest.BOOTSTRAP_TOKEN,
                "{\"title\":\"Kiểm thử bảo mật\",\"body\":\"Bài học kiểm thử\"}");
        if (r.statusCode() != 201) throw new AssertionError(r.body());
        return List.of(id, IncidentFixtures.json(r).get("id").asString());
    }
}
