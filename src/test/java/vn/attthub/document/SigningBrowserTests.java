package vn.attthub.document;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.attthub.Browser;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.shared.AgencyId;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A person verifies a signed decision in the browser, and an agency administrator imports a signing key. */
@IntegrationTest
class SigningBrowserTests {
    @RegisterExtension
    static final Browser browser = new Browser();
    static final String PASSWORD = "Ky-So#Tinh2026";
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6).toLowerCase();
    static TestCallers.Agency province;

    @Autowired
    DocumentSigner signer;
    @Autowired
    DemoCertificateAuthority demoCa;

    @BeforeAll
    static void usersOfAProvince(@LocalServerPort int port, @Autowired JdbcClient jdbc) throws Exception {
        TestCallers callers = new TestCallers(jdbc, port);
        province = callers.agency(callers.root(), "PROVINCE", "UBND tỉnh Kiểm Thử Ký Số");
        createUser(port, "xem.ky." + SUFFIX, "Phạm Thị Xem", "VIEWER");
        createUser(port, "qtri.ky." + SUFFIX, "Vũ Văn Quản Trị", "AGENCY_ADMIN");
    }

    static void createUser(int port, String username, String name, String role) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/users"))
                .header("Authorization", "Bearer " + IntegrationTest.BOOTSTRAP_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"username":"%s","fullName":"%s","email":"%s@example.gov.vn","agencyId":"%s",
                         "roles":["%s"],"password":"%s"}""".formatted(username, name, username, province.id(), role,
                        PASSWORD))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @Test
    void aUserUploadsASignedDecisionAndSeesTheVerdictInVietnamese() throws Exception {
        demoCa.issueFor(AgencyId.of(province.id()));
        byte[] signed = signer.sign(AgencyId.of(province.id()),
                TestFiles.pdf("Quyết định phê duyệt cấp độ hệ thống thông tin"), "Phê duyệt cấp độ",
                "Việt Nam").pdf();
        Path dir = Files.createTempDirectory("ky-so");
        Path good = Files.write(dir.resolve("quyet-dinh-da-ky.pdf"), signed);
        byte[] tampered = signed.clone();
        tampered[7] = (byte) (tampered[7] == '7' ? '6' : '7');
        Path bad = Files.write(dir.resolve("quyet-dinh-bi-sua.pdf"), tampered);

        browser.login("xem.ky." + SUFFIX, PASSWORD);
        browser.open("/signatures/verify");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Xác minh chữ ký số trên văn bản PDF");
        browser.find(By.id("file")).sendKeys(good.toString());
        browser.find(By.cssSelector("main form button[type=submit]")).click();
        String verdict = browser.find(By.id("verdict")).getText();
        assertThat(verdict).startsWith("Hợp lệ");
        assertThat(browser.find(By.cssSelector("main article")).getText())
                .contains("UBND tỉnh Kiểm Thử Ký Số (DEMO)")
                .contains("CN=ATTT Hub Demo CA")
                .contains("Nguyên vẹn")
                .contains("Bao trùm toàn bộ tệp");
        browser.assertNoConsoleErrors();
        browser.screenshot("signature-verification-valid");

        browser.find(By.id("file")).sendKeys(bad.toString());
        browser.find(By.cssSelector("main form button[type=submit]")).click();
        browser.waitUntil(d -> d.findElement(By.id("verdict")).getText().startsWith("Không hợp lệ"));
        assertThat(browser.find(By.cssSelector("main article")).getText()).contains("Đã bị thay đổi sau khi ký");
        browser.screenshot("signature-verification-invalid");

        // A viewer has no signing-key management: no link, and the page is refused.
        assertThat(browser.driver().findElements(By.linkText("Quản lý khóa ký số của cơ quan"))).isEmpty();
    }

    @Test
    void anAgencyAdministratorImportsAPkcs12FromThePage() throws Exception {
        TestPki.Issued cert = TestPki.leaf(TestPki.ca("CN=CA Kiểm Thử, O=Test, C=VN"),
                "CN=UBND tỉnh Kiểm Thử Ký Số, O=Test, C=VN");
        Path p12 = Files.write(Files.createTempDirectory("p12").resolve("khoa-ky.p12"),
                TestPki.pkcs12(cert, "Mat-khau-p12".toCharArray()));

        browser.loginWithMfa("qtri.ky." + SUFFIX, PASSWORD);
        browser.open("/signatures/verify");
        browser.find(By.linkText("Quản lý khóa ký số của cơ quan")).click();
        browser.waitUntil(d -> browser.path().startsWith("/signing/credentials"));
        browser.find(By.id("agencyCode")).sendKeys(province.code());
        browser.find(By.id("file")).sendKeys(p12.toString());
        browser.find(By.id("password")).sendKeys("sai", Keys.ENTER);
        assertThat(browser.find(By.cssSelector("#password ~ .invalid-feedback")).getText()).contains("Mật khẩu");

        browser.find(By.id("file")).sendKeys(p12.toString());
        browser.find(By.id("password")).sendKeys("Mat-khau-p12", Keys.ENTER);
        assertThat(browser.find(By.cssSelector("main .alert-success")).getText()).contains("Đã nhập khóa ký số");
        assertThat(browser.find(By.cssSelector("main table")).getText())
                .contains(province.code()).contains(Certificates.sha256(cert.certificate())).contains("Đang sử dụng");
        browser.assertNoConsoleErrors();
        browser.screenshot("signing-credentials");

        browser.find(By.cssSelector("main table form button")).submit();
        assertThat(browser.find(By.cssSelector("main .alert-success")).getText()).contains("Đã ngừng sử dụng khóa ký số");
        assertThat(browser.find(By.cssSelector("main table")).getText()).contains("Đã ngừng sử dụng");
    }
}
