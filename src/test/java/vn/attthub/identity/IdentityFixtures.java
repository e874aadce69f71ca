package vn.attthub.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.attthub.shared.Role;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Agencies, users and tokens for identity tests, written straight to the database (unique codes per call). */

class IdentityFixtures {
    static final String PASSWORD = "Th1s-Is#Strong";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    IdentityFixtures(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000 + "-" + SEQ.incrementAndGet();
    }

    UUID root() {
        return jdbc.sql("SELECT id FROM agency WHERE parent_id IS NULL AND code = 'CP'").query(UUID.class).single();
    }

    UUID agency(String code, UUID parent) {
        UUID id = UUID.randomUUID();
        record Parent(String path, int depth) {
        }
        Parent p = jdbc.sql("SELECT path, depth FROM agency WHERE id = ?").param(parent)
                .query((rs, i) -> new Parent(rs.getString(1), rs.getInt(2))).single();
        jdbc.sql("""
                        INSERT INTO agency (id, code, name_vi, kind, parent_id, path, depth, valid_from)
                        VALUES (?, ?, ?, 'PROVINCE', ?, ?, ?, ?)""")
                .params(id, code, "Cơ quan " + code, parent, p.path() + id + "/", p.depth() + 1, LocalDate.of(2020, 1, 1))
                .update();
        return id;
    }

    UUID user(String username, UUID agency, Role... roles) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO app_user (id, username, full_name, email, agency_id, password_hash, password_changed_at)
                        VALUES (?, ?, ?, ?, ?, ?, now())""")
                .params(id, username, "Người " + username, username + "@test.attt-hub.vn", agency,
                        passwords.encode(PASSWORD)).update();
        for (Role role : roles) {
            jdbc.sql("INSERT INTO user_role (user_id, role, agency_id) VALUES (?, ?, ?)")
                    .params(id, role.name(), agency).update();
        }
        return id;
    }

    String token(UUID userId) {
        String secret = ApiTokenSecrets.generate();
        jdbc.sql("INSERT INTO api_token (id, user_id, name, prefix, token_hash) VALUES (?, ?, 'fixture', ?, ?)")
                .params(UUID.randomUUID(), userId, ApiTokenSecrets.displayPrefix(secret), ApiTokenSecrets.hash(secret))
                .update();
        return secret;
    }

    long auditCount(String action, String targetId) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE action = ? AND target_id = ?")
                .params(action, targetId).query(Long.class).single();
    }

    static HttpResponse<String> call(int port, String method, String path, String token, String json,
                                     String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
