package vn.attthub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.attthub.control.ControlFixtures;

import java.net.http.HttpResponse;
import java.time.Instant;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages of issue 3 as one product, on a level-3 system with the demo baseline progress: an operator goes from "Việc của tôi" to a system, its
 * dossier, its baseline and the classification wizard prefilled with the system's inputs; an administrator opens
 * the Quản trị menu. Screenshots under target/screenshots/one-product-*.png.
 */
@IntegrationTest
class OneProductBrowserTests {
    @RegisterExtension
    static final Browser browser = new Browser();

    static final String PASSWORD = "Mot-San-Pham#2026x";

    static String operator;
    static ControlFixtures.System system;

    @BeforeAll
    static void anApprovedSystemWithProgressAndItsOperator(@Autowired JdbcClient jdbc, @Autowired TransactionTemplate tx,
                                                          @Autowired ApplicationEventPublisher events,
                                                          @Autowired ApplicationContext context,
                                                          @LocalServerPort int port) {
        TestCallers callers = new TestCallers(jdbc, port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        TestCallers.Agency province = callers.agency(callers.root(), "PROVINCE", "Tỉnh Một Sản Phẩm " + suffix);
        TestCallers.Agency department = callers.agency(province, "DEPARTMENT", "Sở Thông tin " + suffix);
        operator = "motsanpham." + suffix;
        HttpResponse<String> created = callers.postJson("/api/v1/users", IntegrationTest.BOOTSTRAP_TOKEN, """
                {"username":"%s","fullName":"Phạm Vận Hành","email":"%s@example.gov.vn","agencyId":"%s",
                 "roles":["SYSTEM_OPERATOR"],"password":"%s"}""".formatted(operator, operator, province.id(), PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        ControlFixtures fixtures = new ControlFixtures(jdbc, tx, events);
        system = fixtures.system(province, department, "OPERATING");
        fixtures.approve(system, 3, null, Instant.now().minusSeconds(86_400));
        ControlFixtures.demoProgress(context, system.id());
    }

    void click(By by) {
        WebElement e = browser.find(by);
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block:'center'})", e);
        e.click();
    }

    List<String> texts(By by) {
        return browser.driver().findElements(by).stream().map(WebElement::getText).toList();
    }

    @Test
    void anOperatorWalksFromTheirWorkToTheSystemItsDossierItsBaselineAndTheWizard() {
        UUID id = system.id();
        browser.login(operator, PASSWORD);

        // home: "Việc của tôi" lists the baseline's overdue requirements in the operator's agency's system
        assertThat(browser.find(By.id("todo-heading")).getText()).isEqualTo("Việc của tôi");
        browser.find(By.id("my-work"));
        assertThat(browser.driver().findElements(By.cssSelector("#my-work li.work-overdue[data-kind=requirement]")))
                .isNotEmpty();
        assertThat(browser.find(By.cssSelector("#my-work li")).getText()).contains(system.code()).contains("Quá hạn");
        // the navbar shows the work links, and no administration link the operator may not use
        assertThat(texts(By.cssSelector("#mainNav .navbar-nav.me-auto > li > a.nav-link")))
                .contains("Hệ thống", "Hồ sơ cấp độ", "Tuân thủ", "Xác định cấp độ", "Cơ quan");
        assertThat(browser.driver().findElements(By.cssSelector("#adminMenu a[href$='/users']"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#adminMenu a[href$='/audit']"))).isEmpty();
        browser.screenshot("one-product-1-home-operator");

        // the work item leads to the requirement's row in the baseline
        click(By.cssSelector("#my-work li.work-overdue a"));
        browser.waitUntil(d -> browser.path().startsWith("/systems/" + id + "/baseline#req-"));
        browser.screenshot("one-product-2-baseline-from-work");

        // the system, with its links; no dossier yet: the filtered list says so
        browser.open("/systems/" + id);
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Cổng dịch vụ công " + system.code());
        browser.screenshot("one-product-3-system");
        click(By.id("link-dossiers"));
        browser.waitUntil(d -> !d.findElements(By.id("system-filter")).isEmpty());
        assertThat(browser.find(By.id("all-heading")).isDisplayed()).isTrue();
        browser.screenshot("one-product-4-dossiers-of-system");

        // a new dossier from the system: the system is already picked
        browser.open("/systems/" + id);
        click(By.id("link-new-dossier"));
        browser.waitUntil(d -> browser.path().startsWith("/dossiers/new"));
        assertThat(new Select(browser.find(By.id("systemId"))).getFirstSelectedOption().getText())
                .isEqualTo(system.code() + " · Cổng dịch vụ công " + system.code());
        browser.screenshot("one-product-5-new-dossier");
        new Select(browser.find(By.id("proposedLevel"))).selectByValue("3");
        browser.find(By.id("justification")).sendKeys("Cổng dịch vụ công mức độ 3, phục vụ người dân toàn tỉnh.");
        click(By.cssSelector("main form[method=post] button[type=submit]"));
        browser.waitUntil(d -> !d.findElements(By.id("dossier-state")).isEmpty());
        assertThat(browser.find(By.id("dossier-state")).getText()).isEqualTo("Bản nháp");
        browser.screenshot("one-product-6-dossier");

        // from the dossier back to its system's baseline
        click(By.id("link-baseline"));
        browser.waitUntil(d -> browser.path().equals("/systems/" + id + "/baseline"));
        browser.screenshot("one-product-7-baseline");

        // the wizard, prefilled with the system's level inputs, shows its result at once
        click(By.id("link-system")); // and from the baseline back to the system
        browser.waitUntil(d -> browser.path().equals("/systems/" + id));
        click(By.id("link-wizard"));
        browser.waitUntil(d -> browser.path().startsWith("/level-wizard?systemType=CITIZEN_BUSINESS_SERVICE"));
        assertThat(browser.find(By.id("result-heading")).isDisplayed()).isTrue();
        assertThat(browser.driver().findElement(By.id("systemType-CITIZEN_BUSINESS_SERVICE")).isSelected()).isTrue();
        browser.screenshot("one-product-8-wizard-prefilled");

        // the dossier list of the system now has it
        browser.open("/dossiers?systemId=" + id);
        assertThat(browser.find(By.id("system-filter")).getText()).contains(system.code());
        browser.assertNoConsoleErrors();
    }

    @Test
    void anAdministratorFindsTheAdministrationLinksInTheQuanTriMenu() {
        browser.loginWithMfa(IntegrationTest.ADMIN_USERNAME, IntegrationTest.ADMIN_PASSWORD);
        WebElement toggle = browser.find(By.cssSelector("#adminMenu > .dropdown-toggle"));
        assertThat(toggle.getText()).isEqualTo("Quản trị");
        toggle.click();
        browser.waitUntil(d -> d.findElement(By.cssSelector("#adminMenu .dropdown-menu")).isDisplayed());
        assertThat(texts(By.cssSelector("#adminMenu .dropdown-item"))).containsExactly("Người dùng",
                "Mã truy cập API", "Nhật ký", "Khóa ký số", "Nhập danh sách cơ quan", "Lịch làm việc", "Chữ ký số");
        browser.screenshot("one-product-9-admin-menu");
        click(By.cssSelector("#adminMenu a[href$='/audit']"));
        browser.waitUntil(d -> browser.path().startsWith("/audit"));
        assertThat(browser.find(By.cssSelector("#adminMenu > .dropdown-toggle")).getAttribute("class")).contains("active");
    }
}
