package vn.attthub.control;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.attthub.Browser;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator works through a level-3 system's baseline in the browser (a refused change keeps its input and says
 * why; evidence makes a requirement met), then reads the coverage dashboard of the province.
 */
@IntegrationTest
class ControlBrowserTests {
    @RegisterExtension
    static final Browser browser = new Browser();
    static final String PASSWORD = "Tuan-Thu#2026x";
    static final String BACKUP = "TCVN11930-T-4.3";
    static final String BACKUP_ID = "TCVN11930-T-4_3";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    ApplicationEventPublisher events;
    @LocalServerPort
    int port;

    static String operator;
    static TestCallers.Agency province;
    static ControlFixtures.System system;

    @BeforeAll
    static void anApprovedSystemAndItsOperator(@Autowired JdbcClient jdbc, @Autowired TransactionTemplate tx,
                                              @Autowired ApplicationEventPublisher events, @LocalServerPort int port) {
        TestCallers callers = new TestCallers(jdbc, port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        province = callers.agency(callers.root(), "PROVINCE", "Tỉnh Kiểm Thử Tuân Thủ " + suffix);
        TestCallers.Agency department = callers.agency(province, "DEPARTMENT", "Sở Khoa học và Công nghệ " + suffix);
        operator = "vanhanh." + suffix;
        HttpResponse<String> created = callers.postJson("/api/v1/users", IntegrationTest.BOOTSTRAP_TOKEN, """
                {"username":"%s","fullName":"Phạm Vận Hành","email":"%s@example.gov.vn","agencyId":"%s",
                 "roles":["SYSTEM_OPERATOR"],"password":"%s"}""".formatted(operator, operator, province.id(), PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        ControlFixtures fixtures = new ControlFixtures(jdbc, tx, events);
        system = fixtures.system(province, department, "OPERATING");
        fixtures.system(province, department, "OPERATING"); // operating, not yet approved
        fixtures.approve(system, 3, null, Instant.now().minusSeconds(86_400));
    }

    /** Scrolls the element to the middle of the window first (the sticky navbar would take the click). */
    static void click(By by) {
        var element = browser.find(by);
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }

    static void scrollTo(By by) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("arguments[0].scrollIntoView({block: 'start', behavior: 'instant'})", browser.find(by));
    }

    @Test
    void theOperatorUpdatesARequirementAddsEvidenceAndSeesTheDashboard() {
        browser.login(operator, PASSWORD);
        browser.open("/systems/" + system.id() + "/baseline");
        assertThat(browser.find(By.cssSelector(".baseline-level")).getText()).isEqualTo("3");
        assertThat(browser.find(By.cssSelector("h1")).getText()).contains("Yêu cầu an toàn");
        assertThat(browser.driver().findElements(By.cssSelector(".baseline-item .badge.text-bg-warning"))).isNotEmpty();
        browser.screenshot("control-baseline-checklist");

        // Not applicable without a justification: refused, the form stays open with what was typed.
        click(By.cssSelector("#req-" + BACKUP.replace(".", "\\.") + " summary"));
        new Select(browser.find(By.id("status-" + BACKUP_ID))).selectByValue("NOT_APPLICABLE");
        browser.find(By.id("owner-" + BACKUP_ID)).sendKeys("Phòng Hạ tầng");
        click(By.cssSelector("#req-" + BACKUP.replace(".", "\\.") + " .status-form button[type=submit]"));
        browser.waitUntil(d -> !d.findElements(By.cssSelector("#just-err-" + BACKUP_ID)).isEmpty());
        assertThat(browser.find(By.id("just-err-" + BACKUP_ID)).getText()).contains("Cần nêu lý do");
        assertThat(new Select(browser.find(By.id("status-" + BACKUP_ID))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("NOT_APPLICABLE");
        assertThat(browser.find(By.id("owner-" + BACKUP_ID)).getAttribute("value")).isEqualTo("Phòng Hạ tầng");
        scrollTo(By.id("req-" + BACKUP));
        browser.screenshot("control-baseline-refused-keeps-input");

        // Implemented, then a link as evidence: the requirement is met.
        new Select(browser.find(By.id("status-" + BACKUP_ID))).selectByValue("IMPLEMENTED");
        click(By.cssSelector("#req-" + BACKUP.replace(".", "\\.") + " .status-form button[type=submit]"));
        browser.waitUntil(d -> !d.findElements(By.cssSelector(".alert-success")).isEmpty());
        click(By.cssSelector("#req-" + BACKUP.replace(".", "\\.") + " summary"));
        browser.find(By.id("title-" + BACKUP_ID)).sendKeys("Biên bản kiểm tra khôi phục dữ liệu");
        browser.find(By.id("url-" + BACKUP_ID)).sendKeys("https://tailieu.example.gov.vn/khoi-phuc.pdf");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]",
                browser.find(By.id("from-" + BACKUP_ID)), java.time.LocalDate.now().minusDays(10).toString());
        click(By.cssSelector("#req-" + BACKUP.replace(".", "\\.") + " .evidence-form button[type=submit]"));
        browser.waitUntil(d -> !d.findElements(By.cssSelector(".alert-success")).isEmpty());
        String item = browser.find(By.id("req-" + BACKUP)).getText();
        assertThat(item).contains("Đạt", "Biên bản kiểm tra khôi phục dữ liệu", "Còn hiệu lực");
        assertThat(browser.find(By.cssSelector(".baseline-percent")).getText()).endsWith("%");
        scrollTo(By.id("req-" + BACKUP));
        browser.screenshot("control-baseline-evidence-met");

        browser.open("/compliance?agencyId=" + province.id());
        assertThat(browser.find(By.cssSelector(".kpi-approved")).getText()).isEqualTo("50%");
        assertThat(browser.find(By.cssSelector(".coverage-table tfoot")).getText()).contains("2", "1");
        assertThat(browser.driver().findElement(By.cssSelector(".navbar .nav-link.active")).getText()).isEqualTo("Tuân thủ");
        browser.screenshot("control-compliance-dashboard");

        browser.open("/controls/catalog");
        assertThat(browser.find(By.cssSelector("main")).getText()).contains("TCVN11930-M-5.6-TT31.5", "Chưa xác minh",
                "Thông tư 31/2017/TT-BTTTT Điều 5");
        browser.screenshot("control-catalog");

        browser.open("/compliance?agencyId=" + province.id() + "&lang=en");
        assertThat(browser.find(By.cssSelector("h1")).getText()).contains("Level-based security compliance");
        browser.screenshot("control-compliance-dashboard-en");
        browser.open("/compliance?lang=vi");
    }
}
