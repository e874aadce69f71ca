package vn.attthub.document;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.organisation.DemoAgenciesLoaded;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.Role;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Agencies' signing keys (import, list, deactivate; scope and audit), signing official documents with them
 * (Decree 85/2016 Art 14, {@code Điều 3.1.NĐ.2.14}: the approving authority issues the decision), and verification.
 */
@IntegrationTest
class SigningIntegrationTests {
    static final String PASSWORD = "Mat-khau-P12#2026";
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    DocumentSigner signer;
    @Autowired
    DemoCertificateAuthority demoCa;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;

    TestCallers callers;
    TestCallers.Agency province;
    TestCallers.Agency unit;
    TestCallers.Caller admin;

    @BeforeEach
    void world() {
        callers = new TestCallers(jdbc, port);
        province = callers.agency(callers.root(), "PROVINCE", "Tỉnh kiểm thử ký số");
        unit = callers.agency(province, "DEPARTMENT", "Sở Khoa học và Công nghệ (kiểm thử ký số)");
        admin = callers.caller(province, Role.AGENCY_ADMIN);
    }

    JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    HttpResponse<String> upload(String path, String token, Multipart form) {
        return callers.send(callers.request(path, token).header("Content-Type", form.contentType())
                .POST(form.publisher()));
    }

    HttpResponse<String> importP12(UUID agency, String token, byte[] p12, String password) {
        Multipart form = new Multipart().file("file", "khoa-ky.p12", "application/x-pkcs12", p12);
        if (password != null) {
            form.field("password", password);
        }
        return upload("/api/v1/agencies/" + agency + "/signing-credentials", token, form);
    }

    @Test
    void anAgencyAdministratorImportsAPkcs12AndTheListShowsTheCertificateButNeverTheKey() throws Exception {
        TestPki.Issued ca = TestPki.ca("CN=CA kiểm thử, O=Test, C=VN");
        TestPki.Issued cert = TestPki.leaf(ca, "CN=Sở KH&CN kiểm thử, O=Test, C=VN");
        HttpResponse<String> created = importP12(unit.id(), admin.token(), TestPki.pkcs12(cert, PASSWORD.toCharArray()),
                PASSWORD);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode item = body(created);
        assertThat(item.get("subject").asString()).isEqualTo("CN=Sở KH&CN kiểm thử,O=Test,C=VN");
        assertThat(item.get("issuer").asString()).isEqualTo("CN=CA kiểm thử,O=Test,C=VN");
        assertThat(item.get("certificateSha256").asString()).isEqualTo(Certificates.sha256(cert.certificate()));
        assertThat(item.get("serialNumber").asString()).isEqualTo(cert.certificate().getSerialNumber().toString(16).toUpperCase());
        assertThat(item.get("active").asBoolean()).isTrue();
        assertThat(item.get("usableNow").asBoolean()).isTrue();
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(item.get("id").asString()));

        HttpResponse<String> list = callers.get("/api/v1/agencies/" + unit.id() + "/signing-credentials", admin.token());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(body(list).get("items")).hasSize(1);
        assertThat(list.body()).doesNotContain("PRIVATE").doesNotContain("privateKey").doesNotContain(PASSWORD);

        // At rest the key is sealed (AES-GCM), never PKCS#8 in clear; the audit trail has the certificate, not the password.
        String stored = jdbc.sql("SELECT private_key FROM signing_credential WHERE id = ?")
                .param(UUID.fromString(item.get("id").asString())).query(String.class).single();
        assertThat(stored).startsWith("v1:");
        String audit = jdbc.sql("""
                        SELECT details::text FROM audit_event WHERE action = 'signing-credential.imported' AND target_id = ?""")
                .param(item.get("id").asString()).query(String.class).single();
        assertThat(audit).contains(Certificates.sha256(cert.certificate())).doesNotContain(PASSWORD);

        // The same certificate again: 409.
        assertThat(importP12(unit.id(), admin.token(), TestPki.pkcs12(cert, PASSWORD.toCharArray()), PASSWORD)
                .statusCode()).isEqualTo(409);

        // The agency now signs with it, and the verifier names it (untrusted: this test CA is no trust anchor).
        SignedPdf signed = signer.sign(AgencyId.of(unit.id()), TestFiles.pdf("Quyết định"), "Phê duyệt", "Hà Nội");
        assertThat(signed.certificateSha256()).isEqualTo(Certificates.sha256(cert.certificate()));
        JsonNode report = verify(signed.pdf());
        assertThat(report.get("verdict").asString()).isEqualTo("UNTRUSTED");
        assertThat(report.get("signatures").get(0).get("intact").asBoolean()).isTrue();
    }

    @Test
    void aPkcs12ThatCannotSignIsRefusedWithAReadableReason() throws Exception {
        TestPki.Issued ca = TestPki.ca("CN=CA kiểm thử, O=Test, C=VN");
        TestPki.Issued good = TestPki.leaf(ca, "CN=Hợp lệ, O=Test, C=VN");
        HttpResponse<String> wrong = importP12(unit.id(), admin.token(), TestPki.pkcs12(good, PASSWORD.toCharArray()),
                "sai-mat-khau");
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(body(wrong).get("errors").get(0).get("field").asString()).isEqualTo("password");
        assertThat(wrong.body()).contains("Mật khẩu").doesNotContain("sai-mat-khau");

        TestPki.Issued expired = TestPki.leaf(ca, "CN=Hết hạn, O=Test, C=VN",
                Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(1)));
        HttpResponse<String> old = importP12(unit.id(), admin.token(), TestPki.pkcs12(expired, PASSWORD.toCharArray()),
                PASSWORD);
        assertThat(old.statusCode()).isEqualTo(422);
        assertThat(old.body()).contains("hết hạn");

        HttpResponse<String> notP12 = importP12(unit.id(), admin.token(), "không phải p12".getBytes(), PASSWORD);
        assertThat(notP12.statusCode()).isEqualTo(422);
        assertThat(notP12.body()).contains("PKCS#12");

        HttpResponse<String> tooBig = importP12(unit.id(), admin.token(), new byte[70 * 1024], PASSWORD);
        assertThat(tooBig.statusCode()).isEqualTo(413);
    }

    @Test
    void anotherProvincesAdministratorGets404AndAViewerGets403() throws Exception {
        TestPki.Issued cert = TestPki.leaf(TestPki.ca("CN=CA, O=Test, C=VN"), "CN=X, O=Test, C=VN");
        TestCallers.Agency otherProvince = callers.agency(callers.root(), "PROVINCE", "Tỉnh khác");
        TestCallers.Caller foreign = callers.caller(otherProvince, Role.AGENCY_ADMIN);
        assertThat(importP12(unit.id(), foreign.token(), TestPki.pkcs12(cert, PASSWORD.toCharArray()), PASSWORD)
                .statusCode()).isEqualTo(404);
        assertThat(callers.get("/api/v1/agencies/" + unit.id() + "/signing-credentials", foreign.token()).statusCode())
                .isEqualTo(404);
        TestCallers.Caller viewer = callers.caller(province, Role.VIEWER);
        assertThat(callers.get("/api/v1/agencies/" + unit.id() + "/signing-credentials", viewer.token()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void anAgencyWithoutAUsableKeyCannotSignAndSaysWhy() {
        assertThatThrownBy(() -> signer.sign(AgencyId.of(unit.id()), TestFiles.pdf("x"), "r", "l"))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("chưa có chứng thư số còn hiệu lực");
                });

        SigningCredential issued = demoCa.issueFor(AgencyId.of(unit.id()));
        HttpResponse<String> off = callers.send(callers.request("/api/v1/agencies/" + unit.id()
                + "/signing-credentials/" + issued.id() + "/deactivation", admin.token())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(body(off).get("active").asBoolean()).isFalse();
        assertThatThrownBy(() -> signer.sign(AgencyId.of(unit.id()), TestFiles.pdf("x"), "r", "l"))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aDocumentSignedWithADemoCaCredentialVerifiesAsValidThroughTheApi() {
        SigningCredential issued = demoCa.issueFor(AgencyId.of(unit.id()));
        assertThat(issued.subject()).contains("(DEMO)").contains("OU=" + unit.code());
        assertThat(issued.issuer()).isEqualTo("CN=ATTT Hub Demo CA,O=Demo,C=VN");
        byte[] decision = TestFiles.pdf("Quyết định phê duyệt cấp độ 3");
        SignedPdf signed = signer.sign(AgencyId.of(unit.id()), decision, "Phê duyệt cấp độ", "Việt Nam");
        assertThat(signed.signerSubject()).isEqualTo(issued.subject());
        assertThat(signed.certificateSha256()).isEqualTo(issued.certificateSha256());

        JsonNode report = verify(signed.pdf());
        assertThat(report.get("verdict").asString()).isEqualTo("VALID");
        JsonNode check = report.get("signatures").get(0);
        assertThat(check.get("signerSubject").asString()).isEqualTo(issued.subject());
        assertThat(check.get("certificateSha256").asString()).isEqualTo(issued.certificateSha256());
        assertThat(check.get("trust").asString()).isEqualTo("TRUSTED");
        assertThat(check.get("coversWholeDocument").asBoolean()).isTrue();
        assertThat(Instant.parse(check.get("signingTime").asString())).isEqualTo(signed.signedAt());

        // The same through a raw application/pdf body.
        HttpResponse<String> raw = callers.send(callers.request("/api/v1/signatures/verification", admin.token())
                .header("Content-Type", "application/pdf").POST(HttpRequest.BodyPublishers.ofByteArray(signed.pdf())));
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(body(raw).get("verdict").asString()).isEqualTo("VALID");

        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'document.signed' AND agency_id = ?")
                .param(unit.id()).query(Long.class).single()).isEqualTo(1);

        assertThat(verify(decision).get("verdict").asString()).isEqualTo("NO_SIGNATURES");
    }

    @Test
    void theVerificationApiRefusesWhatIsNotAPdfAndNeedsASignedInCaller() {
        HttpResponse<String> notPdf = upload("/api/v1/signatures/verification", admin.token(),
                new Multipart().file("file", "a.pdf", "application/pdf", "xin chào".getBytes()));
        assertThat(notPdf.statusCode()).isEqualTo(422);
        assertThat(notPdf.body()).contains("không phải PDF");
        HttpResponse<String> anonymous = upload("/api/v1/signatures/verification", null,
                new Multipart().file("file", "a.pdf", "application/pdf", TestFiles.pdf("x")));
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void theDemoDataGivesTheApprovingAndAppraisingAgenciesDemoCertificates() {
        UUID root = callers.root().id();
        for (String code : DemoCertificateAuthority.DEMO_SIGNERS) {
            boolean exists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM agency WHERE code = ?)").param(code)
                    .query(Boolean.class).single();
            if (!exists) {
                UUID id = UUID.randomUUID();
                jdbc.sql("""
                                INSERT INTO agency (id, code, name_vi, kind, parent_id, path, depth, valid_from)
                                VALUES (?, ?, ?, 'PROVINCE', ?, (SELECT path FROM agency WHERE id = ?) || ? || '/', 1,
                                        DATE '2020-01-01')""")
                        .params(id, code, "Cơ quan demo " + code, root, root, id.toString()).update();
            }
        }
        tx.executeWithoutResult(s -> events.publishEvent(new DemoAgenciesLoaded()));
        tx.executeWithoutResult(s -> events.publishEvent(new DemoAgenciesLoaded()));
        for (String code : DemoCertificateAuthority.DEMO_SIGNERS) {
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM signing_credential c JOIN agency a ON a.id = c.agency_id
                            WHERE a.code = ? AND c.origin = 'DEMO_CA' AND c.active""")
                    .param(code).query(Long.class).single()).as(code).isEqualTo(1);
        }
        assertThat(demoCa.certificate()).hasValueSatisfying(c ->
                assertThat(Certificates.subject(c)).isEqualTo("CN=ATTT Hub Demo CA,O=Demo,C=VN"));
    }

    JsonNode verify(byte[] pdf) {
        HttpResponse<String> response = upload("/api/v1/signatures/verification", admin.token(),
                new Multipart().file("file", "quyet-dinh.pdf", "application/pdf", pdf));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return body(response);
    }
}
