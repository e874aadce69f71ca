package vn.attthub.incident;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.attthub.Browser;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.TestCallers.Caller;
import vn.attthub.shared.Role;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.attthub.incident.IncidentFixtures.json;
import static vn.attthub.incident.IncidentFixtures.notice;

/**
 * The province's IR unit escalates a case to the national coordinator, who accepts and becomes the lead (QD05 Art
 * 7.3, 11.5; TT20 Art 11), in a browser with screenshots.
 */
@IntegrationTest
class IncidentHandoverBrowserTests {
    @RegisterExtension
    static final Browser browser = new Browser();
    static final String PASSWORD = "Chuyen-Giao#2026";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    void scrollTo(String id) {
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById(arguments[0]).scrollIntoView({block:'start', behavior:'instant'});", id);
    }

    @Test
    void provinceIrUnitEscalatesAndTheNationalCoordinatorAccepts() {
        IncidentFixtures f = new IncidentFixtures(jdbc, new TestCallers(jdbc, port));
        Caller operator = f.callers.caller(f.owner, Role.SYSTEM_OPERATOR);
        String at = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(2).withNano(0).toString();
        var filed = f.callers.postJson("/api/v1/incidents", operator.token(), notice(f.system, "AMBER", true, at));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        String workspace = "/incidents/" + json(filed).get("id").asString();
        String coordinatorName = jdbc.sql("SELECT name_vi FROM agency WHERE id = ?").param(f.coordinator)
                .query(String.class).single();
        // a coordinator of the province's IR unit (INCIDENT_COORDINATE over the IR unit only)
        String irLead = f.user(f.irUnit.id(), "NATIONAL_COORDINATOR", "Lê Thị Ứng Cứu Tỉnh", PASSWORD);
        String coordinator = f.user(f.coordinator, "NATIONAL_COORDINATOR", "Nguyễn Văn Điều Phối", PASSWORD);

        browser.loginWithMfa(irLead, PASSWORD);
        browser.open(workspace);
        browser.waitUntil(d -> !d.findElements(By.id("current-lead")).isEmpty());
        assertThat(browser.find(By.id("current-lead")).getText()).isEqualTo("Đơn vị ứng cứu sự cố kiểm thử");
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('request-handover').open = true;");
        browser.click(By.id("handover-kind-escalation"));
        new Select(browser.find(By.id("handover-to"))).selectByValue(f.coordinator.toString());
        browser.find(By.id("handover-reason")).sendKeys("Hệ thống cấp độ 4 ngừng hoạt động, vượt khả năng ứng cứu của tỉnh.");
        scrollTo("handovers");
        browser.screenshot("handover-1-ir-unit-request-form");
        browser.submitAndWait(By.id("handover-submit"));
        browser.waitUntil(d -> !d.findElements(By.id("lineage")).isEmpty());
        assertThat(browser.find(By.id("lineage")).getText()).contains("Chuyển lên cấp trên", coordinatorName,
                "Chờ tiếp nhận", "vượt khả năng ứng cứu của tỉnh");
        // the requester may withdraw, not accept
        assertThat(browser.driver().findElements(By.id("handover-withdraw"))).isNotEmpty();
        assertThat(browser.driver().findElements(By.id("handover-accept"))).isEmpty();
        scrollTo("handovers");
        browser.screenshot("handover-2-ir-unit-requested");
        browser.assertNoConsoleErrors();

        browser.driver().manage().deleteAllCookies();
        browser.loginWithMfa(coordinator, PASSWORD);
        // the request waits in the coordinator's inbox too
        browser.open("/incidents");
        browser.click(By.id("handovers-link"));
        browser.waitUntil(d -> !d.findElements(By.cssSelector(".handover-request")).isEmpty());
        assertThat(browser.find(By.cssSelector(".handover-request")).getText()).contains("Tấn công DDoS",
                "Chuyển lên cấp trên", "vượt khả năng ứng cứu của tỉnh");
        browser.screenshot("handover-2b-coordinator-inbox");
        browser.open(workspace);
        browser.waitUntil(d -> !d.findElements(By.id("handover-accept")).isEmpty());
        browser.submitAndWait(By.id("handover-accept"));
        browser.waitUntil(d -> !d.findElements(By.id("current-lead")).isEmpty());
        assertThat(browser.find(By.id("current-lead")).getText()).isEqualTo(coordinatorName);
        assertThat(browser.find(By.id("lineage")).getText()).contains("Đã tiếp nhận", "Nguyễn Văn Điều Phối");
        assertThat(browser.find(By.id("timeline")).getText()).contains("tiếp nhận chủ trì xử lý sự cố");
        scrollTo("handovers");
        browser.screenshot("handover-3-coordinator-accepted");
        browser.open("/incidents");
        assertThat(browser.find(By.id("incidents")).getText()).contains(coordinatorName);
        browser.assertNoConsoleErrors();
    }
}
