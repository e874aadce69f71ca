package vn.attthub.audit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.Role;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The audit page in a real browser (headless Chromium): sign in as an inspector, filter the trail, open an entry's
 * before/after details, page to older entries. Screenshots go to {@code target/screenshots/}.
 */
@IntegrationTest
class AuditPageBrowserTests {
    static ChromeDriverService service;
    static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    PasswordEncoder passwords;

    @BeforeAll
    static void startBrowser() throws Exception {
        assumeTrue(new File("/usr/bin/chromedriver").canExecute(), "chromium-driver is not installed");
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        service.start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1400,1000", "--lang=vi");
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) browser.quit();
        if (service != null) service.stop();
    }

    void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void anInspectorFiltersTheTrailAndReadsAChange() throws Exception {
        TestCallers callers = new TestCallers(jdbc, port);
        TestCallers.Agency province = callers.agency(callers.root(), "PROVINCE", "UBND tỉnh Lào Cai");
        TestCallers.Caller inspector = callers.caller(province, Role.INSPECTOR);
        String password = "Thanh-Tra#2026ok";
        jdbc.sql("UPDATE app_user SET password_hash = ? WHERE id = ?").params(passwords.encode(password),
                inspector.userId()).update();
        String marker = "agency.browser" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 55; i++) {
            audit.recordFor(null, "nguyen.van.a", new AuditEntry(marker + ".updated", "agency", "AG-" + i,
                    AgencyId.of(province.id()), AuditEntry.Outcome.SUCCESS,
                    Map.of("tên", AuditEntry.change("Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ " + i),
                            "lý do", "Sáp nhập theo Nghị quyết 2025")));
        }

        String base = "http://localhost:" + port;
        browser.get(base + "/login");
        browser.findElement(By.id("username")).sendKeys(inspector.username());
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().contains("/login"));

        browser.get(base + "/audit");
        WebElement action = browser.findElement(By.id("f-action"));
        action.sendKeys(marker);
        browser.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("action="));

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Nhật ký kiểm toán");
        assertThat(browser.findElement(By.id("f-action")).getAttribute("value")).isEqualTo(marker);
        List<WebElement> rows = browser.findElements(By.cssSelector("table.audit-table tbody tr"));
        assertThat(rows).hasSize(50);
        assertThat(rows.get(0).getText()).contains("nguyen.van.a").contains("AG-54").contains("Thành công");
        assertThat(browser.findElements(By.id("chain-status"))).as("verification is for platform-wide readers").isEmpty();

        rows.get(0).findElement(By.tagName("summary")).click();
        assertThat(rows.get(0).findElement(By.cssSelector("dl.audit-details")).getText())
                .contains("Sở Thông tin và Truyền thông").contains("Sở Khoa học và Công nghệ 54");
        screenshot("audit-trail");

        browser.get(browser.findElement(By.linkText("Cũ hơn")).getAttribute("href"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("after="));
        assertThat(browser.getCurrentUrl()).contains("action=" + marker);
        assertThat(browser.findElements(By.cssSelector("table.audit-table tbody tr"))).hasSize(5);
        screenshot("audit-trail-older");
    }
}
