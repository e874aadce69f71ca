package vn.attthub.organisation;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.IntegrationTest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

/** A JSON API client for tests, acting with one API token. */
final class ApiClient {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    final int port;
    final String token;

    ApiClient(int port, String token) {
        this.port = port;
        this.token = token;
    }

    static ApiClient admin(int port) {
        return new ApiClient(port, IntegrationTest.BOOTSTRAP_TOKEN);
    }

    record Response(int status, HttpHeaders headers, byte[] bytes) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(body());
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response put(String path, String json, String ifMatch) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) b.header("If-Match", ifMatch);
        return send(b);
    }

    Response upload(String path, String filename, byte[] content) {
        String boundary = "----attt" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Creates a user holding {@code role} at {@code agency} directly in the database, and an API token for it. */
    static ApiClient userWithRole(JdbcClient jdbc, int port, String role, UUID agency) {
        UUID userId = UUID.randomUUID();
        String username = "t-" + userId.toString().substring(0, 8);
        jdbc.sql("INSERT INTO app_user (id, username, full_name, email, agency_id, password_hash) "
                        + "VALUES (?, ?, ?, ?, ?, 'not-a-real-hash')")
                .params(userId, username, "Người kiểm thử " + username, username + "@example.gov.vn", agency).update();
        jdbc.sql("INSERT INTO user_role (user_id, role, agency_id) VALUES (?, ?, ?)").params(userId, role, agency)
                .update();
        String secret = "attt_test-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO api_token (id, user_id, name, prefix, token_hash) VALUES (?, ?, 'test', 'attt_tes', ?)")
                .params(UUID.randomUUID(), userId, sha256(secret)).update();
        return new ApiClient(port, secret);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** Creates an agency as this client and returns its JSON. */
    JsonNode create(String code, String name, String kind, Object parentId, String validFrom) {
        String json = """
                {"code":"%s","name":"%s","kind":"%s","parentId":%s,"validFrom":%s}""".formatted(code, name, kind,
                parentId == null ? "null" : "\"" + parentId + "\"", validFrom == null ? "null" : "\"" + validFrom + "\"");
        Response r = post("/api/v1/agencies", json);
        if (r.status() != 201) throw new AssertionError("create " + code + " -> " + r.status() + " " + r.body());
        return r.json();
    }
}
