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
import vn.attthub.document.DemoCertificateAuthority;
import vn.attthub.shared.AgencyId;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operator files a notice → coordinator verifies and classifies → operator files the final report → coordinator
 * closes (TT20 Art 9-11; QD05 Art 9, 14), in a browser with screenshots.
 */
@IntegrationTest
class IncidentBrowserTests {
    @RegisterExtension
    static final Browser browser = new Browser();
    static final String PASSWORD = "Su-Co-Mang#2026";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoCertificateAuthority demoCa;

    @Test
    void operatorFilesCoordinatorClassifiesAndOrdersOperatorCompletesOrderAndFilesFinalReportCoordinatorCloses()
            throws java.io.IOException {
        IncidentFixtures f = new IncidentFixtures(jdbc, new TestCallers(jdbc, port));
        demoCa.issueFor(AgencyId.of(f.owner.id()));
        String code = jdbc.sql("SELECT code FROM information_system WHERE id = ?").param(f.system)
                .query(String.class).single();
        String operator = f.user(f.owner.id(), "SYSTEM_OPERATOR", "Bùi Văn Vận Hành", PASSWORD);
        String coordinator = f.user(f.coordinator, "NATIONAL_COORDINATOR", "Nguyễn Văn Điều Phối", PASSWORD);

        // the operator files the notice; the draft survives a reload
        browser.login(operator, PASSWORD);
        browser.open("/incidents/new");
        browser.find(By.id("title")).sendKeys("Cổng dịch vụ công bị tấn công DDoS");
        browser.find(By.id("systemCode")).sendKeys(code);
        browser.open("/incidents/new");
        assertThat(browser.find(By.id("title")).getAttribute("value")).isEqualTo("Cổng dịch vụ công bị tấn công DDoS");
        String detected = LocalDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusHours(1)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        ((JavascriptExecutor) browser.driver()).executeScript(
                "const e = document.getElementById('detectedAt'); e.value = arguments[0];"
                        + "e.dispatchEvent(new Event('input', {bubbles: true}));", detected);
        new Select(browser.find(By.id("category"))).selectByValue("availability/ddos");
        browser.find(By.id("description")).sendKeys("Lưu lượng 20 Gbps từ 08:10, cổng không truy cập được.");
        browser.click(By.id("beyond-yes"));
        browser.click(By.id("impact-SERVICE_DISRUPTION"));
        browser.screenshot("incident-1-operator-notice-form");
        var before = browser.driver().findElement(By.tagName("html"));
        browser.click(By.id("submit-incident"));
        browser.waitUntil(ExpectedConditions.stalenessOf(before)::apply);
        browser.waitUntil(d -> !d.findElements(By.id("state")).isEmpty());
        String workspace = browser.path();
        assertThat(browser.find(By.id("state")).getText()).isEqualTo("Đã tiếp nhận");
        assertThat(browser.find(By.id("recipients")).getText()).contains("Đơn vị ứng cứu sự cố kiểm thử",
                "Cơ quan điều phối quốc gia", "Trung tâm dữ liệu kiểm thử");
        assertThat(browser.find(By.id("clocks")).getText()).contains("Báo cáo ban đầu");
        browser.screenshot("incident-2-operator-filed");
        browser.assertNoConsoleErrors();

        // the coordinator sees it on the board, acknowledges, verifies and classifies it SERIOUS
        browser.driver().manage().deleteAllCookies();
        browser.loginWithMfa(coordinator, PASSWORD);
        browser.open("/incidents/board");
        assertThat(browser.find(By.id("col-UNCLASSIFIED")).getText()).contains("(");
        browser.screenshot("incident-3-coordinator-board");
        browser.open(workspace);
        browser.submitAndWait(By.id("acknowledge"));
        browser.submitAndWait(By.id("to-VERIFIED"));
        new Select(browser.find(By.id("severity-select"))).selectByValue("SERIOUS");
        browser.find(By.name("reason")).sendKeys("Hệ thống cấp độ 4 ngừng hoạt động, đơn vị không tự xử lý được.");
        browser.submitAndWait(By.id("to-CLASSIFIED"));
        assertThat(browser.find(By.id("severity")).getText()).isEqualTo("Nghiêm trọng");
        browser.screenshot("incident-4-coordinator-classified");
        // ... and orders the owner to act (Form 06, TT20 Art 8.2)
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('issue-order').open = true;");
        // the details element just opened; tick through the DOM so the layout settling cannot intercept the click
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].checked = true;",
                browser.find(By.cssSelector("input[name=addresseeIds][value='" + f.owner.id() + "']")));
        browser.find(By.id("order-content")).sendKeys("Cô lập máy chủ cổng dịch vụ công khỏi mạng Internet.");
        browser.find(By.id("order-actions")).sendKeys("Chuyển lưu lượng qua dịch vụ chống DDoS của nhà cung cấp.");
        String due = LocalDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusHours(4)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById('order-due').value = arguments[0];", due);
        browser.submitAndWait(By.id("issue-order-submit"));
        assertThat(browser.find(By.id("order-1")).getText()).contains("Cô lập máy chủ", "chưa xác nhận");
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById('orders-section').scrollIntoView({block:'start', behavior:'instant'});");
        browser.screenshot("incident-4b-coordinator-order-issued");
        browser.submitAndWait(By.id("to-RESPONDING"));
        browser.submitAndWait(By.id("to-CONTAINED"));
        browser.submitAndWait(By.id("to-ERADICATED"));
        browser.submitAndWait(By.id("to-RECOVERED"));

        // the operator files the final report (Form 04), signed
        browser.driver().manage().deleteAllCookies();
        browser.login(operator, PASSWORD);
        browser.open(workspace);
        // first the order: acknowledged, then reported done
        browser.submitAndWait(By.id("order-ack-1"));
        browser.find(By.id("order-note-1")).sendKeys("Đã cô lập máy chủ và chuyển lưu lượng lúc 10:30.");
        browser.submitAndWait(By.id("order-done-1"));
        assertThat(browser.find(By.id("order-1")).getText()).contains("Đã hoàn thành", "Đã cô lập máy chủ");
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById('orders-section').scrollIntoView({block:'start', behavior:'instant'});");
        browser.screenshot("incident-4c-operator-order-done");
        // ... and attaches the web server log as evidence (SHA-256, chain of custody)
        java.nio.file.Path log = java.nio.file.Files.createTempFile("nginx-access-", ".log");
        java.nio.file.Files.writeString(log, "203.0.113.7 - - [05/Dec/2026:08:10:01 +0700] \"GET / HTTP/1.1\" 503\n");
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('add-evidence').open = true;");
        browser.find(By.id("evidence-file")).sendKeys(log.toAbsolutePath().toString());
        browser.find(By.id("evidence-description")).sendKeys("Nhật ký truy cập máy chủ web lúc bị tấn công");
        browser.find(By.id("evidence-method")).sendKeys("Sao chép tệp nhật ký bằng tài khoản quản trị");
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById('evidence-collected').value = arguments[0];", detected);
        browser.submitAndWait(By.id("add-evidence-submit"));
        assertThat(browser.find(By.id("evidence")).getText()).contains("nginx-access-", "SHA-256", "Toàn vẹn");
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById('evidence-section').scrollIntoView({block:'start', behavior:'instant'});");
        browser.screenshot("incident-4d-operator-evidence");
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('report-FINAL').open = true;");
        browser.find(By.id("FINAL-summary")).sendKeys("Đã lọc lưu lượng qua nhà cung cấp, dịch vụ hoạt động lại.");
        browser.find(By.id("FINAL-result")).sendKeys("Khôi phục hoàn toàn lúc 14:00.");
        var beforeReport = browser.driver().findElement(By.tagName("html"));
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.querySelector('#report-FINAL button[type=submit]').click();");
        browser.waitUntil(ExpectedConditions.stalenessOf(beforeReport)::apply);
        browser.waitUntil(d -> !d.findElements(By.cssSelector("#message, #error")).isEmpty());
        assertThat(browser.driver().findElements(By.id("error"))).isEmpty();
        assertThat(browser.find(By.id("reports")).getText()).contains("Báo cáo kết thúc");
        browser.screenshot("incident-5-operator-final-report");

        // the coordinator closes the case
        browser.driver().manage().deleteAllCookies();
        browser.loginWithMfa(coordinator, PASSWORD);
        browser.open(workspace);
        browser.submitAndWait(By.id("to-CLOSED"));
        assertThat(browser.find(By.id("state")).getText()).isEqualTo("Đã đóng");
        assertThat(browser.find(By.id("timeline")).getText()).contains("Nguyễn Văn Điều Phối", "chuyển sang Đã đóng");
        browser.screenshot("incident-6-coordinator-closed");
        browser.open("/incidents");
        assertThat(browser.find(By.id("incidents")).getText()).contains("Cổng dịch vụ công bị tấn công DDoS");
        browser.assertNoConsoleErrors();
    }
}
