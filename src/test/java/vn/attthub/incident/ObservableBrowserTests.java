package vn.attthub.incident;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.attthub.Browser;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.TestCallers.Agency;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Observables and sharing in the browser (issue 4 §3): the notice form's free text is kept (guessed types, OTHER for
 * the rest), the workspace shows "seen in N other incidents" linking to the search page, and a recipient shares the
 * case under a TLP cap. Screenshots in target/screenshots/observables-*.png.
 */
@IntegrationTest
class ObservableBrowserTests {
    @RegisterExtension
    static final Browser browser = new Browser();
    static final String PASSWORD = "Dau-Hieu-Mang#2026";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void freeTextIsKeptSeenInOtherIncidentsLinksToTheSearchAndARecipientShares() {
        IncidentFixtures f = new IncidentFixtures(jdbc, new TestCallers(jdbc, port));
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String domain = "c2-" + tag + ".example";
        String code = jdbc.sql("SELECT code FROM information_system WHERE id = ?").param(f.system)
                .query(String.class).single();
        // an earlier case with the same domain (another spelling)
        var earlier = f.callers.postJson("/api/v1/incidents", IntegrationTest.BOOTSTRAP_TOKEN,
                IncidentFixtures.notice(f.system, "GREEN", false,
                                OffsetDateTime.now(ZoneOffset.ofHours(7)).minusDays(1).withNano(0).toString())
                        .replace("203.0.113.7\"}", "203.0.113.7\"},{\"type\":\"DOMAIN\",\"value\":\"" + domain.toUpperCase() + "\"}"));
        assertThat(earlier.statusCode()).as(earlier.body()).isEqualTo(201);
        String earlierRef = IncidentFixtures.json(earlier).get("reference").asString();
        Agency partner = f.callers.agency(f.root, "PROVINCE", "Sở TT&TT tỉnh đối tác " + tag);
        String operator = f.user(f.owner.id(), "SYSTEM_OPERATOR", "Bùi Văn Vận Hành", PASSWORD);
        String responder = f.user(f.irUnit.id(), "INCIDENT_RESPONDER", "Lê Thị Ứng Cứu", PASSWORD);

        browser.login(operator, PASSWORD);
        browser.open("/incidents/new");
        browser.find(By.id("title")).sendKeys("Máy chủ kết nối tới máy chủ điều khiển mã độc");
        browser.find(By.id("systemCode")).sendKeys(code);
        String detected = LocalDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusHours(1)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        ((JavascriptExecutor) browser.driver()).executeScript(
                "const e = document.getElementById('detectedAt'); e.value = arguments[0];"
                        + "e.dispatchEvent(new Event('input', {bubbles: true}));", detected);
        new Select(browser.find(By.id("category"))).selectByValue("availability/ddos");
        browser.find(By.id("description")).sendKeys("Tường lửa ghi nhận kết nối ra ngoài bất thường.");
        browser.click(By.id("beyond-no"));
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById('observables').closest('details').open = true;");
        browser.find(By.id("observables")).sendKeys(domain.toUpperCase() + ".\n10.0.0.0/8\nmã độc Emotet biến thể "
                + tag + "\nhttps://" + domain.toUpperCase() + "/dang-nhap\n2001:DB8::0:1");
        var before = browser.driver().findElement(By.tagName("html"));
        browser.click(By.id("submit-incident"));
        browser.waitUntil(ExpectedConditions.stalenessOf(before)::apply);
        browser.waitUntil(d -> !d.findElements(By.cssSelector("#state, .invalid-feedback, .alert-danger")).isEmpty());
        assertThat(browser.driver().findElements(By.id("state"))).as(browser.driver().findElement(By.tagName("main"))
                .getText()).isNotEmpty();
        String workspace = browser.path();
        String table = browser.find(By.id("observables")).getText();
        assertThat(table).contains(domain, "https://" + domain + "/dang-nhap", "2001:db8::1", "10.0.0.0/8",
                "mã độc Emotet biến thể " + tag, "Khác", "Xuất hiện ở 1 sự cố khác");

        browser.click(By.cssSelector("a.seen-link"));
        browser.waitUntil(d -> !d.findElements(By.id("hits")).isEmpty());
        assertThat(browser.find(By.id("hits")).getText()).contains(earlierRef).doesNotContain(workspace.substring(
                workspace.lastIndexOf('/') + 1));
        browser.screenshot("observables-1-search");
        browser.assertNoConsoleErrors();

        // a recipient (the province's IR unit) shares the case with another province under TLP:AMBER
        browser.driver().manage().deleteAllCookies();
        browser.login(responder, PASSWORD);
        browser.open(workspace);
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('share-form').open = true;");
        browser.find(By.id("share-code")).sendKeys(partner.code());
        new Select(browser.find(By.id("share-cap"))).selectByValue("AMBER");
        browser.find(By.id("share-reason")).sendKeys("Cùng chiến dịch mã độc");
        browser.submitAndWait(By.id("share-submit"));
        assertThat(browser.find(By.id("shares")).getText()).contains("Sở TT&TT tỉnh đối tác " + tag, "TLP:AMBER",
                "Lê Thị Ứng Cứu");
        assertThat(browser.find(By.id("timeline")).getText()).contains("Chia sẻ với Sở TT&TT tỉnh đối tác " + tag);
        // a tall window so the observables and the shares are both in the screenshot
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1366, 2000));
        browser.open(workspace);
        browser.screenshot("observables-2-workspace-observables-shares");
        browser.assertNoConsoleErrors();
    }
}
