package vn.attthub;

import org.springframework.jdbc.core.simple.JdbcClient;
import vn.attthub.shared.Role;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Agencies, single-role users and their API tokens made directly in SQL (so these tests do not depend on the
 * agencies/users API being present), plus a tiny HTTP client for the running application.
 */
public final class TestCallers {
    private final JdbcClient jdbc;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    public TestCallers(JdbcClient jdbc, int port) {
        this.jdbc = jdbc;
        this.port = port;
    }

    public record Agency(UUID id, String code, String path) {
    }

    public record Caller(UUID userId, String username, String token, UUID tokenId) {
    }

    public Agency root() {
        return jdbc.sql("SELECT id, code, path FROM agency WHERE parent_id IS NULL ORDER BY created_at LIMIT 1")
                .query((rs, i) -> new Agency(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).single();
    }

    /** A new agency under {@code parent} with a unique code. */
    public Agency agency(Agency parent, String kind, String name) {
        UUID id = UUID.randomUUID();
        String code = "T" + id.toString().substring(0, 8).toUpperCase();
        String path = parent.path() + id + "/";
        jdbc.sql("""
                        INSERT INTO agency (id, code, name_vi, kind, parent_id, path, depth, valid_from)
                        VALUES (?, ?, ?, ?, ?, ?, (SELECT depth + 1 FROM agency WHERE id = ?), DATE '2020-01-01')""")
                .params(id, code, name, kind, parent.id(), path, parent.id()).update();
        return new Agency(id, code, path);
    }

    /** A user of {@code agency} holding {@code role} there (no role at all when null), with a fresh API token. */
    public Caller caller(Agency agency, Role role) {
        UUID userId = UUID.randomUUID();
        String username = "t-" + (role == null ? "norole" : role.name().toLowerCase()) + "-"
                + userId.toString().substring(0, 8);
        jdbc.sql("INSERT INTO app_user (id, username, full_name, email, agency_id) VALUES (?, ?, ?, ?, ?)")
                .params(userId, username, "Người kiểm thử " + username, username + "@test.local", agency.id()).update();
        if (role != null) {
            jdbc.sql("INSERT INTO user_role (user_id, role, agency_id) VALUES (?, ?, ?)")
                    .params(userId, role.name(), agency.id()).update();
        }
        String token = "attt_test-" + UUID.randomUUID();
        UUID tokenId = UUID.randomUUID();
        jdbc.sql("INSERT INTO api_token (id, user_id, name, prefix, token_hash) VALUES (?, ?, 'test', 'attt_test', ?)")
                .params(tokenId, userId, sha256(token)).update();
        return new Caller(userId, username, token, tokenId);
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET());
    }

    public HttpResponse<String> postJson(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }
}
