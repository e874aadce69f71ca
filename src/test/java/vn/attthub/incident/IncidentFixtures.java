package vn.attthub.incident;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.TestCallers;
import vn.attthub.TestCallers.Agency;
import vn.attthub.TestCallers.Caller;
import vn.attthub.shared.Role;

import java.net.http.HttpResponse;
import java.util.UUID;

/**
 * A small world for incident tests: a province with an owner department and an IR unit serving the province, a
 * hosting provider, the national coordinator (the existing holder of the role, or a new one), a level 4 system,
 * and users for each side.
 */
final class IncidentFixtures {
    static final JsonMapper JSON = JsonMapper.builder().build();
    final TestCallers callers;
    final JdbcClient jdbc;
    final Agency root;
    final Agency province;
    final Agency owner;
    final Agency irUnit;
    final Agency provider;
    final UUID coordinator;
    final UUID system;

    /** A user with a password (for browser log-in) created through the API; returns the username. */
    String user(UUID agency, String role, String name, String password) {
        String username = role.toLowerCase().replace('_', '.') + "." + UUID.randomUUID().toString().substring(0, 6);
        var r = callers.postJson("/api/v1/users", vn.attthub.IntegrationTest.BOOTSTRAP_TOKEN, """
                {"username":"%s","fullName":"%s","email":"%s@example.gov.vn","agencyId":"%s","roles":["%s"],
                 "password":"%s"}""".formatted(username, name, username, agency, role, password));
        if (r.statusCode() != 201) throw new AssertionError(r.body());
        return username;
    }

    IncidentFixtures(JdbcClient jdbc, TestCallers callers) {
        this.jdbc = jdbc;
        this.callers = callers;
        root = callers.root();
        province = callers.agency(root, "PROVINCE", "Tỉnh kiểm thử sự cố");
        owner = callers.agency(province, "DEPARTMENT", "Sở kiểm thử sự cố");
        irUnit = callers.agency(province, "UNIT", "Đơn vị ứng cứu sự cố kiểm thử");
        provider = callers.agency(root, "ENTERPRISE", "Trung tâm dữ liệu kiểm thử");
        role(irUnit.id(), "IR_UNIT", province.id());
        coordinator = coordinator(jdbc, callers);
        system = system(jdbc, owner.id(), owner.id(), provider.id(), 4, false);
    }

    static synchronized UUID coordinator(JdbcClient jdbc, TestCallers callers) {
        return jdbc.sql("""
                        SELECT agency_id FROM agency_role WHERE role = 'NATIONAL_COORDINATOR' AND for_agency_id IS NULL
                        AND valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date) LIMIT 1""")
                .query(UUID.class).optional().orElseGet(() -> {
                    Agency c = callers.agency(callers.root(), "UNIT", "Cơ quan điều phối kiểm thử");
                    jdbc.sql("""
                                    INSERT INTO agency_role (id, agency_id, role, for_agency_id, valid_from, legal_basis)
                                    VALUES (?, ?, 'NATIONAL_COORDINATOR', NULL, DATE '2020-01-01',
                                            'Quyết định 05/2017/QĐ-TTg Điều 7.3')""")
                            .params(UUID.randomUUID(), c.id()).update();
                    return c.id();
                });
    }

    void role(UUID agency, String role, UUID forAgency) {
        jdbc.sql("""
                        INSERT INTO agency_role (id, agency_id, role, for_agency_id, valid_from, legal_basis)
                        VALUES (?, ?, ?, ?, DATE '2020-01-01', 'Quyết định 05/2017/QĐ-TTg Điều 6')""")
                .params(UUID.randomUUID(), agency, role, forAgency).update();
    }

    static UUID system(JdbcClient jdbc, UUID owner, UUID operator, UUID provider, Integer level, boolean national) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO information_system (id, code, name, owner_id, operator_id, system_type,
                            information_types, lifecycle, hosting, hosting_provider_id, approved_level, approved_at,
                            prime_minister_designated)
                        VALUES (?, ?, 'Cổng dịch vụ công kiểm thử', ?, ?, 'CITIZEN_BUSINESS_SERVICE', '{PUBLIC}',
                            'OPERATING', ?, ?, ?, CASE WHEN ? IS NULL THEN NULL ELSE now() END, ?)""")
                .params(id, "HT-SC-" + id.toString().substring(0, 8), owner, operator,
                        provider == null ? "ON_PREMISES" : "DATA_CENTRE", provider, level, level, national).update();
        return id;
    }

    /** A user of {@code agency} holding {@code role} at {@code grantAt} (e.g. the coordinator granted at the root). */
    Caller user(UUID agency, Role role, UUID grantAt) {
        Caller c = callers.caller(new Agency(agency, null, null), null);
        jdbc.sql("INSERT INTO user_role (user_id, role, agency_id) VALUES (?, ?, ?)")
                .params(c.userId(), role.name(), grantAt).update();
        return c;
    }

    Caller coordinatorUser() {
        return user(coordinator, Role.NATIONAL_COORDINATOR, root.id());
    }

    static String notice(UUID system, String tlp, boolean beyond, String detectedAt) {
        return "{\"systemId\":\"" + system + "\",\"title\":\"Tấn công DDoS cổng dịch vụ công\","
                + "\"description\":\"Lưu lượng bất thường từ 08:10, cổng không truy cập được.\","
                + "\"detectedAt\":\"" + detectedAt + "\",\"category\":\"availability/ddos\",\"beyondCapacity\":"
                + beyond + ",\"tlp\":\"" + tlp + "\",\"impacts\":[\"SERVICE_DISRUPTION\"],"
                + "\"reporterPhone\":\"0912345678\",\"reporterEmail\":\"vanhanh@example.vn\","
                + "\"resultsSoFar\":\"Đã chặn một số dải IP\",\"proposals\":\"Đề nghị hỗ trợ lọc lưu lượng\","
                + "\"observables\":[{\"type\":\"IP\",\"value\":\"203.0.113.7\"}]}";
    }

    static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    static final String FINAL_REPORT = "{\"type\":\"FINAL\",\"summary\":\"Đã lọc lưu lượng tấn công, dịch vụ hoạt "
            + "động bình thường.\",\"rootCause\":\"Botnet IoT\",\"result\":\"Khôi phục hoàn toàn\","
            + "\"lessonsLearned\":\"Cần hợp đồng chống DDoS với nhà cung cấp\"}";
}
