package vn.attthub.incident;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.TestCallers.Agency;
import vn.attthub.TestCallers.Caller;
import vn.attthub.shared.Role;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.attthub.incident.IncidentFixtures.json;
import static vn.attthub.incident.IncidentFixtures.notice;

/** Evidence files with SHA-256 and an append-only, hash-chained chain of custody (issue 4 §3). */
@IntegrationTest
class IncidentEvidenceApiIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IncidentEvidence evidence;
    IncidentFixtures f;
    Caller operator;
    Caller irUser;

    @BeforeEach
    void setUp() {
        f = new IncidentFixtures(jdbc, new TestCallers(jdbc, port));
        operator = f.callers.caller(f.owner, Role.SYSTEM_OPERATOR);
        irUser = f.callers.caller(f.irUnit, Role.INCIDENT_RESPONDER);
    }

    String incident(String tlp) {
        String at = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(3).withNano(0).toString();
        var r = f.callers.postJson("/api/v1/incidents", operator.token(), notice(f.system, tlp, false, at));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asString();
    }

    static HttpResponse<String> upload(TestCallers callers, String incident, String token, String name, byte[] content,
                                       String tlp) {
        String boundary = "attt-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        java.util.function.Consumer<String> w = s -> body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        for (String[] field : new String[][]{{"description", "Nhật ký máy chủ web trong thời gian bị tấn công"},
                {"collectionMethod", "Sao chép /var/log/nginx bằng tài khoản quản trị, niêm phong USB"},
                {"collectionLocation", "Phòng máy chủ Sở, tủ rack A2"},
                {"collectedAt", "2026-01-05T09:30:00+07:00"}, {"tlp", tlp}}) {
            w.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                    + field[1] + "\r\n");
        }
        w.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(content);
        w.accept("\r\n--" + boundary + "--\r\n");
        return callers.send(callers.request("/api/v1/incidents/" + incident + "/evidence", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void uploadDownloadVerifyTransferAndTamperingIsDetected() throws Exception {
        String id = incident("AMBER");
        byte[] content = "203.0.113.7 - - [05/Jan/2026:09:01:02 +0700] \"GET /wp-login.php\" 200\n"
                .getBytes(StandardCharsets.UTF_8);
        var r = upload(f.callers, id, operator.token(), "access.log", content, "AMBER");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode e = json(r);
        String eid = e.get("id").asString();
        String base = "/api/v1/incidents/" + id + "/evidence/" + eid;
        assertThat(e.get("sha256").asString()).isEqualTo(sha256(content));
        assertThat(e.get("custody").get(0).get("action").asString()).isEqualTo("COLLECTED");
        assertThat(e.get("chainIntact").asBoolean()).isTrue();
        // stored outside the web root under a random name, never the user's file name
        var file = evidence.fileOf(UUID.fromString(eid));
        assertThat(file.getFileName().toString()).doesNotContain("access").matches("[0-9a-f-]{36}");
        assertThat(Files.readAllBytes(file)).isEqualTo(content);

        var list = f.callers.get("/api/v1/incidents/" + id + "/evidence", irUser.token());
        assertThat(json(list).get("items").size()).isEqualTo(1);

        var download = f.callers.get(base + "/content", irUser.token());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(download.headers().firstValue("X-Evidence-SHA256")).hasValue(sha256(content));
        assertThat(download.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(content);

        var transfer = f.callers.postJson(base + "/transfers", irUser.token(),
                "{\"toAgencyId\":\"" + f.coordinator + "\",\"toPerson\":\"Nguyễn Văn An\",\"reason\":\"Phân tích mã độc\"}");
        assertThat(transfer.statusCode()).as(transfer.body()).isEqualTo(200);
        assertThat(json(transfer).get("custodian").asString()).isEqualTo("Nguyễn Văn An");
        var badTransfer = f.callers.postJson(base + "/transfers", irUser.token(), "{}");
        assertThat(badTransfer.statusCode()).isEqualTo(400);
        assertThat(badTransfer.body()).contains("toPerson", "reason");

        var ok = f.callers.postJson(base + "/verification", irUser.token(), "");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok).get("result").asString()).isEqualTo("MATCH");

        // someone alters the stored file: verification says MISMATCH and records it in the chain and the timeline
        Files.write(file, "tampered".getBytes(StandardCharsets.UTF_8));
        var bad = f.callers.postJson(base + "/verification", irUser.token(), "");
        JsonNode v = json(bad);
        assertThat(v.get("result").asString()).isEqualTo("MISMATCH");
        assertThat(v.get("actualSha256").asString()).isEqualTo(sha256("tampered".getBytes(StandardCharsets.UTF_8)));
        JsonNode chain = v.get("evidence").get("custody");
        assertThat(chain.size()).isEqualTo(5); // COLLECTED, DOWNLOADED, TRANSFERRED, VERIFIED, VERIFIED
        assertThat(chain.get(4).get("result").asString()).isEqualTo("MISMATCH");
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i).get("prevHash").asString()).isEqualTo(chain.get(i - 1).get("entryHash").asString());
        }
        assertThat(v.get("evidence").get("chainIntact").asBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM incident_event WHERE incident_id = ?::uuid AND kind = 'EVIDENCE_MISMATCH'")
                .param(id).query(Long.class).single()).isEqualTo(1);

        // the chain is append-only in the database
        assertThatThrownBy(() -> jdbc.sql("UPDATE incident_evidence_custody SET note = 'x' WHERE evidence_id = ?::uuid")
                .param(eid).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM incident_evidence_custody WHERE evidence_id = ?::uuid")
                .param(eid).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("UPDATE incident_evidence SET sha256 = ? WHERE id = ?::uuid")
                .params("0".repeat(64), eid).update()).hasMessageContaining("append-only");
    }

    @Test
    void anEditedCustodyEntryBreaksTheChain() {
        UUID e = UUID.randomUUID();
        var first = new IncidentEvidence.CustodyEntry(1, java.time.Instant.parse("2026-01-05T02:30:00Z"), "COLLECTED",
                "A", null, null, null, null, "n", IncidentEvidence.GENESIS, null);
        first = new IncidentEvidence.CustodyEntry(1, first.at(), "COLLECTED", "A", null, null, null, null, "n",
                IncidentEvidence.GENESIS, IncidentEvidence.hash(e, first));
        var second = new IncidentEvidence.CustodyEntry(2, first.at().plusSeconds(60), "DOWNLOADED", "B", null, null,
                null, null, null, first.entryHash(), null);
        second = new IncidentEvidence.CustodyEntry(2, second.at(), "DOWNLOADED", "B", null, null, null, null, null,
                first.entryHash(), IncidentEvidence.hash(e, second));
        assertThat(IncidentEvidence.intact(e, java.util.List.of(first, second))).isTrue();
        var edited = new IncidentEvidence.CustodyEntry(1, first.at(), "COLLECTED", "Mallory", null, null, null, null,
                "n", IncidentEvidence.GENESIS, first.entryHash());
        assertThat(IncidentEvidence.intact(e, java.util.List.of(edited, second))).isFalse();
        assertThat(IncidentEvidence.intact(e, java.util.List.of(second))).isFalse();
    }

    @Test
    void invalidOrOversizedUploadsAreProblemsNot500() {
        String id = incident("AMBER");
        var empty = upload(f.callers, id, operator.token(), "x.bin", new byte[0], "AMBER");
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
        assertThat(empty.body()).contains("file");
        var badTlp = upload(f.callers, id, operator.token(), "x.bin", new byte[]{1, 2}, "PURPLE");
        assertThat(badTlp.statusCode()).isEqualTo(400);
        assertThat(badTlp.body()).contains("tlp");
        var big = upload(f.callers, id, operator.token(), "disk.img", new byte[20 * 1024 * 1024 + 1], "AMBER");
        assertThat(big.statusCode()).as(big.body()).isEqualTo(413);
        assertThat(big.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        // a viewer reads the case but cannot add evidence
        Caller viewer = f.callers.caller(f.owner, Role.VIEWER);
        assertThat(upload(f.callers, id, viewer.token(), "x.bin", new byte[]{1}, "AMBER").statusCode()).isEqualTo(403);
    }

    @Test
    void redEvidenceOnlyForNamedAgencies() {
        String id = incident("AMBER");
        var r = upload(f.callers, id, operator.token(), "mau-ma-doc.bin", new byte[]{0x4d, 0x5a, 0, 1}, "RED");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String eid = json(r).get("id").asString();
        // a provincial responder whose agency sees the case by subtree but is not named
        Caller province = f.callers.caller(f.province, Role.INCIDENT_RESPONDER);
        assertThat(f.callers.get("/api/v1/incidents/" + id, province.token()).statusCode()).isEqualTo(200);
        assertThat(json(f.callers.get("/api/v1/incidents/" + id + "/evidence", province.token())).get("items").size())
                .isZero();
        assertThat(f.callers.get("/api/v1/incidents/" + id + "/evidence/" + eid, province.token()).statusCode())
                .isEqualTo(404);
        assertThat(f.callers.get("/api/v1/incidents/" + id + "/evidence/" + eid + "/content", province.token())
                .statusCode()).isEqualTo(404);
        // the IR unit is a named recipient
        assertThat(f.callers.get("/api/v1/incidents/" + id + "/evidence/" + eid, irUser.token()).statusCode())
                .isEqualTo(200);
    }
}
