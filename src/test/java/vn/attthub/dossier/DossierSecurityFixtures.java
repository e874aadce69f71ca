package vn.attthub.dossier;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.TestCallers.Agency;
import vn.attthub.document.DemoCertificateAuthority;
import vn.attthub.shared.AgencyId;

import java.util.UUID;

/** Dossiers in a given province for the generated security tests, made through the API as the bootstrap admin. */
public final class DossierSecurityFixtures {
    private DossierSecurityFixtures() {
    }

    public record Draft(String dossierId, String documentId) {
    }

    static DossierFixtures fixtures(TestCallers callers, JdbcClient jdbc, Agency province, Agency unit) {
        DossierFixtures f = new DossierFixtures(jdbc, callers);
        boolean hasUnit = jdbc.sql("SELECT EXISTS (SELECT 1 FROM agency_role WHERE role = 'SECURITY_UNIT' "
                + "AND for_agency_id = ?)").param(province.id()).query(Boolean.class).single();
        if (!hasUnit) f.role(unit.id(), "SECURITY_UNIT", province.id());
        return f;
    }

    public static Draft draft(ApplicationContext context, TestCallers callers, JdbcClient jdbc, Agency province,
                              Agency unit) {
        DossierFixtures f = fixtures(callers, jdbc, province, unit);
        UUID system = f.system(province, unit, "CITIZEN_BUSINESS_SERVICE", 3);
        var created = callers.postJson("/api/v1/dossiers", IntegrationTest.BOOTSTRAP_TOKEN, "{\"systemId\":\""
                + system + "\",\"proposedLevel\":3,\"justification\":\"Kiểm thử bảo mật\"}");
        if (created.statusCode() != 201) throw new AssertionError(created.body());
        String id = JsonMapper.builder().build().readTree(created.body()).get("id").asString();
        var doc = f.upload(id, IntegrationTest.BOOTSTRAP_TOKEN, "SYSTEM_OVERVIEW", "tong-quan.pdf", "application/pdf",
                DossierFixtures.PDF);
        if (doc.statusCode() != 201) throw new AssertionError(doc.body());
        return new Draft(id, JsonMapper.builder().build().readTree(doc.body()).get("id").asString());
    }

    /** An approved level-3 dossier with its signed decision. */
    public static String approved(ApplicationContext context, TestCallers callers, JdbcClient jdbc, Agency province,
                                  Agency unit) {
        context.getBean(DemoCertificateAuthority.class).issueFor(AgencyId.of(province.id()));
        String id = draft(context, callers, jdbc, province, unit).dossierId();
        DossierFixtures f = new DossierFixtures(jdbc, callers);
        String token = IntegrationTest.BOOTSTRAP_TOKEN;
        f.uploadOperatorDocuments(id, token);
        for (String action : new String[]{"SUBMIT", "ACCEPT_COMPLETE", "APPRAISE", "SUBMIT_FOR_APPROVAL", "APPROVE"}) {
            var r = f.act(id, token, action, "Kiểm thử", null);
            if (r.statusCode() != 200) throw new AssertionError(action + ": " + r.body());
        }
        return id;
    }
}
