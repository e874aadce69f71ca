package vn.attthub;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.attthub.identity.TotpCodes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paths issue 2 names for a person in a browser: sign-in with MFA, creating an agency and finding its audit
 * entry, and a user of one province who cannot see another province.
 */
@IntegrationTest
class FoundationBrowserTests {
    @RegisterExtension
    static final Browser browser = new Browser();

    static final String PASSWORD = "Tinh-Thanh#2026";
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    static String provinceA, provinceB, provinceAId, adminA, viewerB;

    @BeforeAll
    static void twoProvincesWithTheirUsers(@LocalServerPort int port) throws Exception {
        Api api = new Api("http://localhost:" + port);
        String root = api.field(api.get("/api/v1/agencies?q=CP&limit=1"), "id");
        provinceA = "T-BT-A-" + SUFFIX;
        provinceB = "T-BT-B-" + SUFFIX;
        provinceAId = api.field(api.post("/api/v1/agencies", """
                {"code":"%s","name":"Tỉnh Kiểm Thử A %s","kind":"PROVINCE","parentId":"%s"}"""
                .formatted(provinceA, SUFFIX, root)), "id");
        String provinceBId = api.field(api.post("/api/v1/agencies", """
                {"code":"%s","name":"Tỉnh Kiểm Thử B %s","kind":"PROVINCE","parentId":"%s"}"""
                .formatted(provinceB, SUFFIX, root)), "id");
        adminA = "qtri.a." + SUFFIX.toLowerCase();
        viewerB = "xem.b." + SUFFIX.toLowerCase();
        api.post("/api/v1/users", """
                {"username":"%s","fullName":"Nguyễn Quản Trị A","email":"%s@example.gov.vn","agencyId":"%s",
                 "roles":["AGENCY_ADMIN"],"password":"%s"}""".formatted(adminA, adminA, provinceAId, PASSWORD));
        api.post("/api/v1/users", """
                {"username":"%s","fullName":"Trần Người Xem B","email":"%s@example.gov.vn","agencyId":"%s",
                 "roles":["VIEWER"],"password":"%s"}""".formatted(viewerB, viewerB, provinceBId, PASSWORD));
    }

    @Test
    void aPrivilegedUserEnrolsInMfaThenSignsInWithTheSecondStep() {
        String user = "mfa.a." + SUFFIX.toLowerCase();
        new Api(browser.baseUrl()).post("/api/v1/users", """
                {"username":"%s","fullName":"Lê Bảo Mật","email":"%s@example.gov.vn","agencyId":"%s",
                 "roles":["SECURITY_OFFICER"],"password":"%s"}""".formatted(user, user, provinceAId, PASSWORD));

        browser.login(user, PASSWORD);
        assertThat(browser.path()).startsWith("/account/mfa/setup");
        browser.screenshot("mfa-enrolment-forced");
        String secret = browser.find(By.cssSelector(".mfa-secret")).getText();
        browser.find(By.id("code")).sendKeys(TotpCodes.current(secret), Keys.ENTER);
        browser.waitUntil(d -> !d.findElements(By.cssSelector(".recovery-codes code")).isEmpty());
        assertThat(browser.driver().findElements(By.cssSelector(".recovery-codes code"))).hasSize(10);
        browser.find(By.cssSelector("main a.btn")).click();
        browser.waitUntil(d -> browser.path().equals("/"));

        browser.driver().manage().deleteAllCookies();
        browser.login(user, PASSWORD);
        assertThat(browser.path()).startsWith("/login/mfa");
        browser.screenshot("mfa-second-step");
        // Before the second step, nothing else is reachable.
        browser.open("/agencies");
        assertThat(browser.path()).startsWith("/login/mfa");
        // The enrolment code is spent (no replay); the authenticator's next code is accepted within the drift window.
        browser.find(By.id("code")).sendKeys(TotpCodes.next(secret), Keys.ENTER);
        browser.waitUntil(d -> !browser.path().startsWith("/login/mfa"));
        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.find(By.tagName("h1")).getText()).contains("Lê Bảo Mật");
        browser.assertNoConsoleErrors();
    }

    @Test
    void anAgencyAdminCreatesAnAgencyAndFindsItInTheAuditTrail() {
        browser.loginWithMfa(adminA, PASSWORD);
        browser.open("/agencies/new");
        String code = provinceA + "-SKHCN";
        browser.find(By.id("code")).sendKeys(code);
        browser.find(By.id("name")).sendKeys("Sở Khoa học và Công nghệ tỉnh Kiểm Thử A");
        new Select(browser.find(By.id("kind"))).selectByValue("DEPARTMENT");
        browser.find(By.id("parentCode")).sendKeys(provinceA);
        browser.screenshot("agency-create-form");
        browser.find(By.id("code")).submit();
        browser.waitUntil(d -> browser.path().matches("/agencies/[0-9a-f-]{36}.*"));
        assertThat(browser.find(By.tagName("h1")).getText()).contains("Sở Khoa học và Công nghệ tỉnh Kiểm Thử A");
        browser.screenshot("agency-created-detail");
        String agencyId = browser.path().replaceAll("^/agencies/([0-9a-f-]{36}).*$", "$1");

        browser.open("/audit?action=agency.created&targetId=" + agencyId);
        String table = browser.find(By.cssSelector("main table")).getText();
        assertThat(table).contains("agency.created").contains(adminA).contains(agencyId);
        browser.screenshot("audit-entry-of-created-agency");
        browser.assertNoConsoleErrors();
    }

    @Test
    void aUserOfOneProvinceCannotSeeAnotherProvince() {
        browser.login(viewerB, PASSWORD);
        assertThat(browser.path()).isEqualTo("/");
        browser.open("/agencies?q=" + provinceA);
        assertThat(browser.find(By.id("main")).getText()).doesNotContain("Tỉnh Kiểm Thử A");
        browser.open("/agencies?q=" + provinceB);
        assertThat(browser.find(By.id("main")).getText()).contains("Tỉnh Kiểm Thử B");
        browser.open("/agencies/" + provinceAId);
        assertThat(browser.find(By.tagName("h1")).getText()).contains("Không tìm thấy");
        assertThat(browser.find(By.id("main")).getText()).doesNotContain("Tỉnh Kiểm Thử A");
        browser.screenshot("other-province-not-found");
        // The only console entry is the document's own 404 status: the page itself loaded cleanly.
        assertThat(browser.consoleErrors()).isNotEmpty().allMatch(e -> e.contains("status of 404"));
    }

    /** The bootstrap API token, for setting up data the way an integration would. */
    static final class Api {
        static final Pattern ID = Pattern.compile("\"%s\"\\s*:\\s*\"([^\"]+)\"");
        final HttpClient http = HttpClient.newHttpClient();
        final String base;

        Api(String base) {
            this.base = base;
        }

        String get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), 200);
        }

        String post(String path, String json) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)), 201);
        }

        private String send(HttpRequest.Builder request, int expected) {
            try {
                HttpResponse<String> r = http.send(request.header("Authorization", "Bearer " + IntegrationTest.BOOTSTRAP_TOKEN)
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
                return r.body();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String field(String json, String name) {
            Matcher m = Pattern.compile(ID.pattern().formatted(name)).matcher(json);
            assertThat(m.find()).as(json).isTrue();
            return m.group(1);
        }
    }
}
