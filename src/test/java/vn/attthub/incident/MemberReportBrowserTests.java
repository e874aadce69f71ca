package vn.attthub.incident;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.attthub.Browser;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.document.DemoCertificateAuthority;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.Role;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A network member reviews its Form 05 draft, edits the text and files it signed; the coordinator sees who filed; a
 * responder writes a lessons-learned note, checks the sanitised preview and publishes it; a member reads the feed.
 */
@IntegrationTest
class MemberReportBrowserTests {
    @RegisterExtension
    static final Browser browser = new Browser();
    static final String PASSWORD = "Bao-Cao-Mang#2026";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoCertificateAuthority demoCa;

    @Test
    void memberFilesForm05AndResponderPublishesASanitisedLesson() {
        IncidentFixtures f = new IncidentFixtures(jdbc, new TestCallers(jdbc, port));
        f.role(f.provider.id(), "IR_NETWORK_MEMBER", null);
        demoCa.issueFor(AgencyId.of(f.provider.id()));
        String at = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(5).withNano(0).toString();
        var r = f.callers.postJson("/api/v1/incidents", f.callers.caller(f.owner, Role.SYSTEM_OPERATOR).token(),
                IncidentFixtures.notice(f.system, "AMBER", false, at));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String incident = IncidentFixtures.json(r).get("id").asString();
        String member = f.user(f.provider.id(), "INCIDENT_RESPONDER", "Lý Văn Dịch Vụ", PASSWORD);
        String responder = f.user(f.irUnit.id(), "INCIDENT_RESPONDER", "Đỗ Minh Ứng Cứu", PASSWORD);
        String coordinator = f.user(f.coordinator, "NATIONAL_COORDINATOR", "Nguyễn Văn Điều Phối", PASSWORD);

        // the member opens its period, reviews the compiled figures, edits the proposals and files
        browser.login(member, PASSWORD);
        browser.open("/incidents/member-reports");
        assertThat(browser.find(By.id("members")).getText()).contains("Trung tâm dữ liệu kiểm thử", "Chưa đến hạn");
        browser.click(By.cssSelector("#members a.btn-attt"));
        browser.waitUntil(d -> !d.findElements(By.id("file-form")).isEmpty());
        assertThat(browser.find(By.id("cases")).getText()).isEqualTo("1");
        assertThat(browser.find(By.id("generalSituation")).getAttribute("value")).contains("1 sự cố");
        browser.find(By.id("proposals")).sendKeys("Đề nghị chia sẻ danh sách IP botnet trong mạng lưới.");
        browser.screenshot("member-report-1-draft");
        browser.submitAndWait(By.id("file"), "#message");
        assertThat(browser.find(By.id("status")).getText()).isEqualTo("Đúng hạn");
        assertThat(browser.driver().getPageSource()).contains("Đề nghị chia sẻ danh sách IP botnet");
        browser.screenshot("member-report-2-filed");

        // the coordinator sees who filed
        browser.loginWithMfa(coordinator, PASSWORD);
        browser.open("/incidents/member-reports");
        String row = browser.find(By.cssSelector("#members tr[data-agency='" + f.provider.code() + "']")).getText();
        assertThat(row).contains("Đúng hạn");
        browser.screenshot("member-report-3-coordinator-overview");

        // the responder writes a lesson after recovery, checks the sanitised preview, confirms and publishes
        jdbc.sql("UPDATE incident SET state = 'RECOVERED' WHERE id = ?::uuid").param(incident).update();
        browser.login(responder, PASSWORD);
        browser.open("/incidents/" + incident);
        browser.waitUntil(d -> !d.findElements(By.id("lesson-form")).isEmpty());
        browser.find(By.id("lesson-title")).sendKeys("Chống DDoS cho Cổng dịch vụ công kiểm thử");
        browser.find(By.id("lesson-body")).sendKeys("Sở kiểm thử sự cố bị tấn công từ 203.0.113.7; cần hợp đồng "
                + "lọc lưu lượng với nhà cung cấp và diễn tập hằng năm.");
        browser.submitAndWait(By.cssSelector("#lesson-form button"), "#message");
        browser.waitUntil(d -> !d.findElements(By.cssSelector(".lesson-preview")).isEmpty());
        String preview = browser.find(By.cssSelector(".lesson-preview")).getText();
        assertThat(preview).contains("[địa chỉ IP]", "[cơ quan]", "[hệ thống]").doesNotContain("203.0.113.7");
        ((JavascriptExecutor) browser.driver()).executeScript(
                "arguments[0].scrollIntoView({block:'center', behavior:'instant'})",
                browser.find(By.cssSelector(".lesson-preview")));
        browser.screenshot("lesson-1-preview");
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].click()",
                browser.find(By.cssSelector(".lesson-preview input[name=confirm]")));
        assertThat(browser.find(By.cssSelector(".lesson-preview input[name=confirm]")).isSelected()).isTrue();
        browser.submitAndWait(By.cssSelector(".lesson-preview button"), "#message");

        // a network member reads the feed
        browser.login(member, PASSWORD);
        browser.open("/incidents/lessons");
        String feed = browser.find(By.id("main")).getText();
        assertThat(feed).contains("Chống DDoS cho [hệ thống]", "diễn tập hằng năm").doesNotContain("203.0.113.7",
                "Sở kiểm thử sự cố");
        browser.screenshot("lesson-2-network-feed");
        browser.assertNoConsoleErrors();
    }
}
