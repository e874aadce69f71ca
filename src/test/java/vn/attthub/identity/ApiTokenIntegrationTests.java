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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ApiTokenIntegrationTests {
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
    UUID hanoi, laocai, hanoiAdmin, hanoiOperator, laocaiUser;

    @BeforeEach
    void setUp() {
        fixtures = new IdentityFixtures(jdbc, passwords);
        hanoi = fixtures.agency(IdentityFixtures.unique("T-HN"), fixtures.root());
        laocai = fixtures.agency(IdentityFixtures.unique("T-LC"), fixtures.root());
        hanoiAdmin = fixtures.user(IdentityFixtures.unique("hn.admin"), hanoi, Role.AGENCY_ADMIN);
        hanoiOperator = fixtures.user(IdentityFixtures.unique("hn.op"), hanoi, Role.SYSTEM_OPERATOR);
        laocaiUser = fixtures.user(IdentityFixtures.unique("lc.op"), laocai, Role.SYSTEM_OPERATOR);
    }

    HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        return IdentityFixtures.call(port, method, path, token, body);
    }

    JsonNode create(String token, UUID userId, String name, String expiresAt) throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/api-tokens", token, "{\"userId\":\"%s\",\"name\":\"%s\"%s}"
                .formatted(userId, name, expiresAt == null ? "" : ",\"expiresAt\":\"" + expiresAt + "\""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json.readTree(r.body());
    }

    @Test
    void theSecretIsShownOnceStoredHashedAndWorksUntilRevoked() throws Exception {
        String adminToken = fixtures.token(hanoiAdmin);
        JsonNode created = create(adminToken, hanoiAdmin, "ci-pipeline", null);
        String secret = created.get("token").asString();
        String id = created.get("id").asString();
        assertThat(secret).startsWith("attt_").hasSizeGreaterThan(40);
        assertThat(created.get("prefix").asString()).isEqualTo(secret.substring(0, 11));
        assertThat(created.get("name").asString()).isEqualTo("ci-pipeline");

        // Stored as SHA-256 only.
        String stored = jdbc.sql("SELECT token_hash FROM api_token WHERE id = ?::uuid").param(id).query(String.class).single();
        assertThat(stored).isEqualTo(ApiTokenSecrets.hash(secret)).doesNotContain(secret.substring(11));

        // Listed without the secret.
        HttpResponse<String> list = call("GET", "/api/v1/api-tokens", adminToken, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(id).doesNotContain(secret).doesNotContain("\"token\"");

        // It works, and its use is recorded once a minute at most.
        for (int i = 0; i < 3; i++) {
            assertThat(call("GET", "/api/v1/users/" + hanoiOperator, secret, null).statusCode()).isEqualTo(200);
        }
        assertThat(jdbc.sql("SELECT last_used_at FROM api_token WHERE id = ?::uuid").param(id)
                .query(java.sql.Timestamp.class).single()).isNotNull();
        assertThat(fixtures.auditCount("api-token.used", id)).isEqualTo(1);
        JsonNode listed = json.readTree(call("GET", "/api/v1/api-tokens", adminToken, null).body()).get("items");
        assertThat(listed.toString()).contains("lastUsedAt");

        // Revoked: refused at once (the identity cache is evicted), and the refusal is audited.
        assertThat(call("POST", "/api/v1/api-tokens/" + id + "/revoke", adminToken, null).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = call("GET", "/api/v1/users/" + hanoiOperator, secret, null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(fixtures.auditCount("api-token.rejected", secret.substring(0, 11))).isGreaterThanOrEqualTo(1);
        assertThat(fixtures.auditCount("api-token.revoked", id)).isEqualTo(1);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        JsonNode created = create(ADMIN, hanoiOperator, "short-lived", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        assertThat(created.get("expiresAt").isNull()).isFalse();
        jdbc.sql("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = ?::uuid")
                .param(created.get("id").asString()).update();
        assertThat(call("GET", "/api/v1/api-tokens", created.get("token").asString(), null).statusCode()).isEqualTo(401);
        HttpResponse<String> past = call("POST", "/api/v1/api-tokens", ADMIN,
                "{\"userId\":\"%s\",\"name\":\"x\",\"expiresAt\":\"2020-01-01T00:00:00+07:00\"}".formatted(hanoiOperator));
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(past.body()).contains("expiresAt");
        assertThat(call("POST", "/api/v1/api-tokens", ADMIN,
                "{\"userId\":\"%s\",\"name\":\"x\",\"expiresAt\":\"tomorrow\"}".formatted(hanoiOperator)).statusCode())
                .isEqualTo(400);
    }

    @Test
    void aTokenCarriesOnlyItsUsersScopeAndPermissions() throws Exception {
        // A Hà Nội operator's token: no USER_READ at all, and nothing of Lào Cai.
        String operatorToken = create(ADMIN, hanoiOperator, "operator", null).get("token").asString();
        assertThat(call("GET", "/api/v1/users/" + hanoiOperator, operatorToken, null).statusCode()).isEqualTo(403);
        String adminToken = create(ADMIN, hanoiAdmin, "hn-admin", null).get("token").asString();
        assertThat(call("GET", "/api/v1/users/" + hanoiOperator, adminToken, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/users/" + laocaiUser, adminToken, null).statusCode())
                .as("another province's record is not found").isEqualTo(404);
    }

    @Test
    void tokensForOthersOnlyInsideTheUserManageScope() throws Exception {
        String adminToken = fixtures.token(hanoiAdmin);
        assertThat(create(adminToken, hanoiOperator, "for-operator", null).get("userId").asString())
                .isEqualTo(hanoiOperator.toString());
        assertThat(call("POST", "/api/v1/api-tokens", adminToken, "{\"userId\":\"%s\",\"name\":\"x\"}"
                .formatted(laocaiUser)).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/api-tokens?userId=" + laocaiUser, adminToken, null).statusCode()).isEqualTo(404);
        String laocaiTokenId = create(ADMIN, laocaiUser, "lc", null).get("id").asString();
        assertThat(call("POST", "/api/v1/api-tokens/" + laocaiTokenId + "/revoke", adminToken, null).statusCode())
                .isEqualTo(404);
        // An operator creates their own token, but not one for a colleague.
        String operatorToken = fixtures.token(hanoiOperator);
        assertThat(create(operatorToken, hanoiOperator, "mine", null).get("token").asString()).startsWith("attt_");
        assertThat(call("POST", "/api/v1/api-tokens", operatorToken, "{\"userId\":\"%s\",\"name\":\"x\"}"
                .formatted(hanoiAdmin)).statusCode()).isEqualTo(404);
        // A viewer holds no API_TOKEN_MANAGE.
        String viewerToken = fixtures.token(fixtures.user(IdentityFixtures.unique("hn.view"), hanoi, Role.VIEWER));
        assertThat(call("GET", "/api/v1/api-tokens", viewerToken, null).statusCode()).isEqualTo(403);
        // Missing name.
        assertThat(call("POST", "/api/v1/api-tokens", adminToken, "{\"userId\":\"%s\"}".formatted(hanoiAdmin))
                .statusCode()).isEqualTo(400);
    }

    @Test
    void deleteRevokesToo() throws Exception {
        JsonNode created = create(ADMIN, hanoiOperator, "to-delete", null);
        assertThat(call("DELETE", "/api/v1/api-tokens/" + created.get("id").asString(), ADMIN, null).statusCode())
                .isEqualTo(204);
        assertThat(call("GET", "/api/v1/api-tokens", created.get("token").asString(), null).statusCode()).isEqualTo(401);
    }
}
