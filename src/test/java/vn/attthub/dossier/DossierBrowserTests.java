package vn.attthub.dossier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.attthub.Browser;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers.Agency;
import vn.attthub.document.DemoCertificateAuthority;
import vn.attthub.shared.AgencyId;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Operator → appraiser → approver in a browser for a level-3 dossier (Decree 85/2016 Art 12.2, 14), with screenshots. */
@IntegrationTest
class DossierBrowserTests {
    @RegisterExtension
    static final Browser browser = new Browser();
    static final String PASSWORD = "Ho-So-Cap-Do#2026";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoCertificateAuthority demoCa;

    String user(DossierFixtures f, Agency agency, String role, String name) {
        String username = role.toLowerCase().replace('_', '.') + "." + UUID.randomUUID().toString().substring(0, 6);
        var r = f.callers.postJson("/api/v1/users", IntegrationTest.BOOTSTRAP_TOKEN, """
                {"username":"%s","fullName":"%s","email":"%s@example.gov.vn","agencyId":"%s","roles":["%s"],
                 "password":"%s"}""".formatted(username, name, username, agency.id(), role, PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return username;
    }

    static void click(By by) {
        var el = browser.find(by);
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("arguments[0].scrollIntoView({block:'center', behavior:'instant'})", el);
        el.click();
    }

    void act(String action) {
        var before = browser.driver().findElement(By.tagName("html"));
        click(By.id("action-" + action));
        // the previous action's confirmation stays on the old page: wait for the new page first
        browser.waitUntil(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(before)::apply);
        browser.waitUntil(d -> !d.findElements(By.cssSelector(".alert-success, #dossier-error")).isEmpty());
        assertThat(browser.driver().findElements(By.id("dossier-error"))).isEmpty();
    }

    @Test
    void theOperatorSubmitsTheSecurityUnitAppraisesAndTheOwnerApprovesALevel3Dossier() throws Exception {
        DossierFixtures f = new DossierFixtures(jdbc, port);
        var p = f.province();
        demoCa.issueFor(AgencyId.of(p.province().id()));
        UUID system = f.system(p.province(), p.office(), "CITIZEN_BUSINESS_SERVICE", 3);
        String operator = user(f, p.office(), "SYSTEM_OPERATOR", "Phạm Vận Hành");
        String appraiser = user(f, p.securityUnit(), "APPRAISER", "Lê Thẩm Định");
        String approver = user(f, p.province(), "APPROVER", "Nguyễn Phê Duyệt");
        Path pdf = Files.createTempFile("ho-so-", ".pdf");
        Files.write(pdf, DossierFixtures.PDF);

        // the operator opens the dossier, uploads the Art 15 documents and submits
        browser.login(operator, PASSWORD);
        browser.open("/dossiers/new?systemId=" + system);
        new org.openqa.selenium.support.ui.Select(browser.find(By.id("proposedLevel"))).selectByValue("3");
        browser.find(By.id("justification")).sendKeys("Cổng dịch vụ công mức độ 3, phục vụ người dân toàn tỉnh.");
        browser.find(By.cssSelector("main form[method=post] button[type=submit]")).click();
        browser.waitUntil(d -> !d.findElements(By.id("dossier-state")).isEmpty());
        String workspace = browser.path();
        assertThat(browser.find(By.id("dossier-state")).getText()).isEqualTo("Bản nháp");
        String[] types = {"SYSTEM_OVERVIEW", "DESIGN", "LEVEL_JUSTIFICATION", "SECURITY_PLAN_JUSTIFICATION"};
        for (String type : types) {
            new org.openqa.selenium.support.ui.Select(browser.find(By.id("type"))).selectByValue(type);
            browser.find(By.id("file")).sendKeys(pdf.toAbsolutePath().toString());
            var before = browser.driver().findElement(By.tagName("html"));
            click(By.cssSelector("#upload-form button[type=submit]"));
            // the previous upload's confirmation stays on the old page: wait for the new page first
            browser.waitUntil(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(before)::apply);
            browser.waitUntil(d -> !d.findElements(By.cssSelector(".alert-info, #dossier-error")).isEmpty());
        }
        assertThat(browser.driver().findElements(By.cssSelector("#documents tbody tr"))).hasSize(4);
        browser.screenshot("dossier-1-operator-draft");
        act("SUBMIT");
        assertThat(browser.find(By.id("dossier-state")).getText()).isEqualTo("Đã nộp, chờ kiểm tra");
        assertThat(browser.find(By.id("appraiser")).getText()).contains("Sở KH&CN");
        browser.screenshot("dossier-2-operator-submitted");

        // the security unit finds it in "my work", accepts it as complete and appraises it
        browser.driver().manage().deleteAllCookies();
        browser.login(appraiser, PASSWORD);
        browser.open("/dossiers");
        assertThat(browser.find(By.id("my-work")).getText()).contains("HT-T-");
        browser.screenshot("dossier-3-appraiser-my-work");
        browser.open(workspace);
        act("ACCEPT_COMPLETE");
        browser.find(By.id("comment")).sendKeys("Đề xuất cấp độ 3 phù hợp Điều 9 Nghị định 85/2016/NĐ-CP.");
        browser.find(By.id("reference")).sendKeys("Văn bản số 15/SKHCN-ATTT");
        act("APPRAISE");
        assertThat(browser.find(By.id("dossier-state")).getText()).isEqualTo("Đã thẩm định");
        browser.screenshot("dossier-4-appraiser-appraised");

        // the operator submits for approval
        browser.driver().manage().deleteAllCookies();
        browser.login(operator, PASSWORD);
        browser.open(workspace);
        act("SUBMIT_FOR_APPROVAL");

        // the owner's approver approves (with confirmation); the signed decision can be downloaded
        browser.driver().manage().deleteAllCookies();
        browser.loginWithMfa(approver, PASSWORD);
        browser.open(workspace);
        browser.screenshot("dossier-5-approver-awaiting");
        browser.find(By.id("comment")).sendKeys("Phê duyệt cấp độ 3.");
        click(By.id("action-APPROVE"));
        browser.waitUntil(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent()).accept();
        browser.waitUntil(d -> !d.findElements(By.id("decision-link")).isEmpty());
        assertThat(browser.find(By.id("dossier-state")).getText()).isEqualTo("Đã phê duyệt");
        assertThat(browser.find(By.id("timeline")).getText()).contains("Ký số quyết định").contains("12.2.b");
        browser.screenshot("dossier-6-approver-approved");
        browser.assertNoConsoleErrors();
    }
}
