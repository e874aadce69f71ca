package vn.attthub.dossier;

import org.springframework.jdbc.core.simple.JdbcClient;
import vn.attthub.TestCallers;
import vn.attthub.TestCallers.Agency;
import vn.attthub.TestCallers.Caller;
import vn.attthub.shared.Role;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A province with its security unit (Decree 85/2016 Art 3.5), a system it owns, and the people of each side:
 * operator (DOSSIER_PREPARE), security-unit appraiser (DOSSIER_APPRAISE), owner's approver (DOSSIER_APPROVE).
 */
public final class DossierFixtures {
    public final TestCallers callers;
    public final JdbcClient jdbc;

    public DossierFixtures(JdbcClient jdbc, int port) {
        this(jdbc, new TestCallers(jdbc, port));
    }

    public DossierFixtures(JdbcClient jdbc, TestCallers callers) {
        this.jdbc = jdbc;
        this.callers = callers;
    }

    public record Province(Agency province, Agency securityUnit, Agency office, Caller operator, Caller appraiser,
                           Caller approver) {
    }

    public Province province() {
        Agency province = callers.agency(callers.root(), "PROVINCE", "UBND tỉnh kiểm thử hồ sơ");
        Agency unit = callers.agency(province, "DEPARTMENT", "Sở KH&CN (đơn vị chuyên trách ATTT)");
        Agency office = callers.agency(province, "UNIT", "Văn phòng UBND (đơn vị vận hành)");
        role(unit.id(), "SECURITY_UNIT", province.id());
        role(province.id(), "SYSTEM_OWNER", null);
        return new Province(province, unit, office, callers.caller(office, Role.SYSTEM_OPERATOR),
                callers.caller(unit, Role.APPRAISER), callers.caller(province, Role.APPROVER));
    }

    public void role(UUID agency, String role, UUID forAgency) {
        jdbc.sql("""
                        INSERT INTO agency_role (id, agency_id, role, for_agency_id, valid_from, legal_basis)
                        VALUES (?, ?, ?, ?, DATE '2016-07-01', 'Nghị định 85/2016/NĐ-CP (kiểm thử)')""")
                .params(UUID.randomUUID(), agency, role, forAgency).update();
    }

    /** The agency holding the national appraisal authority today, made when the test database has none. */
    public Agency nationalAppraisalAuthority() {
        var existing = jdbc.sql("""
                        SELECT a.id, a.code, a.path FROM agency_role r JOIN agency a ON a.id = r.agency_id
                        WHERE r.role = 'NATIONAL_APPRAISAL_AUTHORITY' AND r.for_agency_id IS NULL
                          AND r.valid_from <= current_date AND (r.valid_to IS NULL OR r.valid_to >= current_date)
                        ORDER BY r.valid_from DESC, a.code LIMIT 1""")
                .query((rs, i) -> new Agency(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .optional();
        if (existing.isPresent()) return existing.get();
        Agency ministry = callers.agency(callers.root(), "MINISTRY", "Bộ Công an (kiểm thử)");
        Agency a05 = callers.agency(ministry, "DEPARTMENT", "Cục A05 (kiểm thử)");
        role(a05.id(), "NATIONAL_APPRAISAL_AUTHORITY", null);
        return a05;
    }

    /** A system owned by {@code owner}, operated by {@code operator}, whose declared inputs match level 3 (Art 9). */
    public UUID system(Agency owner, Agency operator, String type, Integer onlineServiceLevel) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO information_system (id, code, name, owner_id, operator_id, system_type,
                                                        information_types, online_public_service_level, lifecycle,
                                                        hosting)
                        VALUES (?, ?, ?, ?, ?, ?, '{PUBLIC,PERSONAL}', ?, 'OPERATING', 'DATA_CENTRE')""")
                .params(id, "HT-T-" + id.toString().substring(0, 8).toUpperCase(), "Cổng dịch vụ công kiểm thử",
                        owner.id(), operator.id(), type, onlineServiceLevel).update();
        return id;
    }

    /** The approving agency needs a signing key (demo CA) before it can approve. */
    public static final byte[] PDF = ("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);

    public HttpResponse<byte[]> getBytes(String path, String token) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(callers.request(path, token).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> upload(String dossierId, String token, String type, String name, String mediaType,
                                       byte[] content) {
        String boundary = "dossier" + UUID.randomUUID();
        var out = new java.io.ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n" + type + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: " + mediaType + "\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return callers.send(callers.request("/api/v1/dossiers/" + dossierId + "/documents", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    public HttpResponse<String> act(String dossierId, String token, String action, String comment, String reference) {
        return callers.postJson("/api/v1/dossiers/" + dossierId + "/transitions", token,
                "{\"action\":\"" + action + "\"" + (comment == null ? "" : ",\"comment\":\"" + comment + "\"")
                        + (reference == null ? "" : ",\"reference\":\"" + reference + "\"") + "}");
    }

    public void uploadOperatorDocuments(String dossierId, String token) {
        for (String type : new String[]{"SYSTEM_OVERVIEW", "DESIGN", "LEVEL_JUSTIFICATION", "SECURITY_PLAN_JUSTIFICATION"}) {
            var r = upload(dossierId, token, type, type.toLowerCase() + ".pdf", "application/pdf", PDF);
            if (r.statusCode() != 201) throw new AssertionError(type + ": " + r.statusCode() + " " + r.body());
        }
    }
}
