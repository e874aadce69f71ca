package vn.attthub.identity;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.IntegrationTest;
import vn.attthub.shared.Role;

import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class UserApiIntegrationTests {
    static final String ADMIN = IntegrationTest.BOOTSTRAP_TOKEN;
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    JsonMapper json;
    IdentityFixtures fixtures;
    UUID hanoi, hanoiDept, laocai;
    String hanoiAdminToken;

    @BeforeEach
    void setUp() {
        fixtures = new IdentityFixtures(jdbc, passwords);
        hanoi = fixtures.agency(IdentityFixtures.unique("T-HN"), fixtures.root());
        hanoiDept = fixtures.agency(IdentityFixtures.unique("T-HN-SO"), hanoi);
        laocai = fixtures.agency(IdentityFixtures.unique("T-LC"), fixtures.root());
        hanoiAdminToken = fixtures.token(fixtures.user(IdentityFixtures.unique("hn.admin"), hanoi, Role.AGENCY_ADMIN));
    }

    HttpResponse<String> call(String method, String path, String token, String body, String... headers) throws Exception {
        return IdentityFixtures.call(port, method, path, token, body, headers);
    }

    String newUser(String username, UUID agency, String roles, String password) {
        return """
                {"username":"%s","fullName":"Nguyễn Thị Mới","email":"%s@hanoi.gov.vn","agencyId":"%s",
                 "roles":%s,"password":"%s"}""".formatted(username, username, agency, roles, password);
    }

    @Test
    void createsAUserWithRoleCodesAndReturnsItsId() throws Exception {
        String username = IdentityFixtures.unique("moi");
        HttpResponse<String> created = call("POST", "/api/v1/users", ADMIN,
                newUser(username, hanoiDept, "[\"SECURITY_OFFICER\", {\"role\":\"VIEWER\",\"agencyId\":\"" + hanoi + "\"}]",
                        "Mat-Khau#2026"));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = json.readTree(created.body());
        String id = body.get("id").asString();
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/users/" + id);
        HttpResponse<String> read = call("GET", "/api/v1/users/" + id, ADMIN, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("ETag")).isPresent();
        JsonNode user = json.readTree(read.body());
        assertThat(user.get("username").asString()).isEqualTo(username);
        assertThat(user.get("roles").toString()).contains("SECURITY_OFFICER").contains(hanoiDept.toString())
                .contains("VIEWER").contains(hanoi.toString());
        assertThat(read.body()).doesNotContain("Mat-Khau#2026").doesNotContain("password");
        // The new user can sign in with the initial password (Argon2id hash stored).
        assertThat(jdbc.sql("SELECT password_hash FROM app_user WHERE id = ?::uuid").param(id).query(String.class)
                .single()).startsWith("$argon2id$");
        assertThat(fixtures.auditCount("user.created", id)).isEqualTo(1);
    }

    @Test
    void aWeakPasswordIsA400NamingThePasswordField() throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/users", ADMIN,
                newUser(IdentityFixtures.unique("weak"), hanoi, "[\"VIEWER\"]", "password"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        JsonNode errors = json.readTree(r.body()).get("errors");
        assertThat(errors.get(0).get("field").asString()).isEqualTo("password");
        assertThat(errors.get(0).get("message").asString()).contains("03/2017");
    }

    @Test
    void badInputIsA400NeverA500() throws Exception {
        assertThat(call("POST", "/api/v1/users", ADMIN, newUser(IdentityFixtures.unique("r"), hanoi,
                "[\"KING\"]", "Mat-Khau#2026")).statusCode()).isEqualTo(400);
        HttpResponse<String> unknownField = call("POST", "/api/v1/users", ADMIN,
                "{\"username\":\"x-unknown\",\"isAdmin\":true}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("isAdmin");
        HttpResponse<String> missing = call("POST", "/api/v1/users", ADMIN, "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("username").contains("agencyId").contains("password");
        assertThat(call("POST", "/api/v1/users", ADMIN, "{not json").statusCode()).isEqualTo(400);
        String dup = IdentityFixtures.unique("dup");
        assertThat(call("POST", "/api/v1/users", ADMIN, newUser(dup, hanoi, "[]", "Mat-Khau#2026")).statusCode())
                .isEqualTo(201);
        assertThat(call("POST", "/api/v1/users", ADMIN, newUser(dup.toUpperCase(), hanoi, "[]", "Mat-Khau#2026"))
                .statusCode()).isEqualTo(409);
    }

    @Test
    void anAgencyAdminCannotEscalatePrivileges() throws Exception {
        assertThat(call("POST", "/api/v1/users", hanoiAdminToken, newUser(IdentityFixtures.unique("ok"), hanoiDept,
                "[\"SECURITY_OFFICER\",\"AGENCY_ADMIN\"]", "Mat-Khau#2026")).statusCode()).isEqualTo(201);
        HttpResponse<String> platform = call("POST", "/api/v1/users", hanoiAdminToken,
                newUser(IdentityFixtures.unique("esc"), hanoiDept, "[\"PLATFORM_ADMIN\"]", "Mat-Khau#2026"));
        assertThat(platform.statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/users", hanoiAdminToken, newUser(IdentityFixtures.unique("esc"), hanoiDept,
                "[\"NATIONAL_COORDINATOR\"]", "Mat-Khau#2026")).statusCode()).isEqualTo(403);
        // A role granted above the admin's own agency: outside their scope.
        assertThat(call("POST", "/api/v1/users", hanoiAdminToken, newUser(IdentityFixtures.unique("esc"), hanoiDept,
                "[{\"role\":\"VIEWER\",\"agencyId\":\"" + fixtures.root() + "\"}]", "Mat-Khau#2026")).statusCode())
                .isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM user_role WHERE role = 'PLATFORM_ADMIN'").query(Long.class).single())
                .isEqualTo(1);

        // Nor by changing roles of a user in scope.
        UUID officer = fixtures.user(IdentityFixtures.unique("so"), hanoiDept, Role.SECURITY_OFFICER);
        String etag = call("GET", "/api/v1/users/" + officer, hanoiAdminToken, null).headers().firstValue("ETag").orElseThrow();
        assertThat(call("PUT", "/api/v1/users/" + officer + "/roles", hanoiAdminToken,
                "{\"roles\":[\"SECURITY_OFFICER\",\"PLATFORM_ADMIN\"]}", "If-Match", etag).statusCode()).isEqualTo(403);

        // A security officer (USER_READ only) manages nobody.
        String officerToken = fixtures.token(officer);
        assertThat(call("POST", "/api/v1/users", officerToken, newUser(IdentityFixtures.unique("x"), hanoiDept,
                "[\"VIEWER\"]", "Mat-Khau#2026")).statusCode()).isEqualTo(403);
    }

    @Test
    void anotherProvincesUsersAreNotFound() throws Exception {
        UUID laocaiUser = fixtures.user(IdentityFixtures.unique("lc.user"), laocai, Role.VIEWER);
        assertThat(call("GET", "/api/v1/users/" + laocaiUser, hanoiAdminToken, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/users/" + laocaiUser + "/disable", hanoiAdminToken, null).statusCode())
                .isEqualTo(404);
        assertThat(call("PUT", "/api/v1/users/" + laocaiUser + "/roles", hanoiAdminToken, "{\"roles\":[]}",
                "If-Match", "\"0\"").statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/users", hanoiAdminToken, newUser(IdentityFixtures.unique("x"), laocai,
                "[\"VIEWER\"]", "Mat-Khau#2026")).statusCode()).isEqualTo(404);
        String list = call("GET", "/api/v1/users?limit=200", hanoiAdminToken, null).body();
        assertThat(list).doesNotContain(laocaiUser.toString()).doesNotContain("\"admin\"");
        assertThat(call("GET", "/api/v1/users/" + laocaiUser, ADMIN, null).statusCode()).isEqualTo(200);
    }

    @Test
    void listsAreScopedFilteredAndPagedByKeyset() throws Exception {
        for (int i = 0; i < 3; i++) {
            fixtures.user(IdentityFixtures.unique("page"), hanoiDept, Role.SYSTEM_OPERATOR);
        }
        fixtures.user(IdentityFixtures.unique("page"), hanoi, Role.VIEWER);
        JsonNode first = json.readTree(call("GET", "/api/v1/users?agencyId=" + hanoiDept + "&limit=2",
                hanoiAdminToken, null).body());
        assertThat(first.get("items")).hasSize(2);
        String next = first.get("next").asString();
        JsonNode second = json.readTree(call("GET", "/api/v1/users?agencyId=" + hanoiDept + "&limit=2&after=" + next,
                hanoiAdminToken, null).body());
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("next").isNull()).isTrue();
        JsonNode viewers = json.readTree(call("GET", "/api/v1/users?role=VIEWER&agencyId=" + hanoi,
                hanoiAdminToken, null).body());
        assertThat(viewers.get("items")).hasSize(1);
        assertThat(call("GET", "/api/v1/users?role=KING", hanoiAdminToken, null).statusCode()).isEqualTo(400);
    }

    @Test
    void rolesAreReplacedWithIfMatchAndTheUserCanBeDisabledAndEnabled() throws Exception {
        UUID user = fixtures.user(IdentityFixtures.unique("op"), hanoiDept, Role.SYSTEM_OPERATOR);
        String userToken = fixtures.token(user);
        assertThat(call("GET", "/api/v1/api-tokens", userToken, null).statusCode()).isEqualTo(200);
        String path = "/api/v1/users/" + user + "/roles";
        assertThat(call("PUT", path, hanoiAdminToken, "{\"roles\":[\"VIEWER\"]}").statusCode()).isEqualTo(428);
        assertThat(call("PUT", path, hanoiAdminToken, "{\"roles\":[\"VIEWER\"]}", "If-Match", "\"99\"").statusCode())
                .isEqualTo(412);
        String etag = call("GET", "/api/v1/users/" + user, hanoiAdminToken, null).headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> changed = call("PUT", path, hanoiAdminToken, "{\"roles\":[\"VIEWER\"]}", "If-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(etag));
        assertThat(changed.body()).contains("VIEWER").doesNotContain("SYSTEM_OPERATOR");
        assertThat(fixtures.auditCount("user.roles-changed", user.toString())).isEqualTo(1);
        // The token now carries the new (smaller) rights at once: VIEWER has no API_TOKEN_MANAGE.
        assertThat(call("GET", "/api/v1/api-tokens", userToken, null).statusCode()).isEqualTo(403);

        assertThat(call("POST", "/api/v1/users/" + user + "/disable", hanoiAdminToken, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/users", userToken, null).statusCode()).as("disabled user's token").isEqualTo(401);
        assertThat(fixtures.auditCount("user.disabled", user.toString())).isEqualTo(1);
        HttpResponse<String> enabled = call("POST", "/api/v1/users/" + user + "/enable", hanoiAdminToken, null);
        assertThat(enabled.statusCode()).isEqualTo(200);
        assertThat(json.readTree(enabled.body()).get("enabled").asBoolean()).isTrue();
    }

    @Test
    void unauthenticatedIs401() throws Exception {
        assertThat(call("GET", "/api/v1/users", null, null).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/api/v1/users", null, "{}").statusCode()).isEqualTo(401);
    }
}
