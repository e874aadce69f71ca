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
import vn.attthub.shared.Role;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workspace's "Nhiệm vụ" section in a browser: the operator gives its own department a task (a bad due time comes
 * back readable with everything typed kept), starts it and reports it done, with screenshots.
 */
@IntegrationTest
class IncidentTaskBrowserTests {
    @RegisterExtension
    static final Browser browser = new Browser();
    static final String PASSWORD = "Nhiem-Vu#2026";
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    void setValue(String id, String value) {
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    void scrollToTasks() {
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById('tasks-section').scrollIntoView({block:'start', behavior:'instant'});");
    }

    /** An AMBER notice about the fixture's system, filed through the API; its id. */
    static String fileNotice(IncidentFixtures f, TestCallers.Caller filer) {
        String at = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(2).withNano(0).toString();
        var r = f.callers.postJson("/api/v1/incidents", filer.token(), IncidentFixtures.notice(f.system, "AMBER", false, at));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return IncidentFixtures.json(r).get("id").asString();
    }

    @Test
    void operatorCreatesATaskInTheWorkspaceStartsItAndCompletesIt() {
        IncidentFixtures f = new IncidentFixtures(jdbc, new TestCallers(jdbc, port));
        var filer = f.callers.caller(f.owner, Role.SYSTEM_OPERATOR);
        String id = fileNotice(f, filer);
        String operator = f.user(f.owner.id(), "SYSTEM_OPERATOR", "Trần Thị Vận Hành", PASSWORD);

        browser.login(operator, PASSWORD);
        browser.open("/incidents/" + id);
        assertThat(browser.find(By.id("no-tasks")).getText()).isEqualTo("Chưa có nhiệm vụ.");
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('add-task').open = true;");
        browser.find(By.id("task-title")).sendKeys("Thu thập nhật ký tường lửa 08:00–10:00");
        browser.find(By.id("task-description")).sendKeys("Xuất nhật ký FortiGate, tính SHA-256, tải lên phần chứng cứ.");
        new Select(browser.find(By.id("task-owner"))).selectByValue(f.owner.id().toString());
        // a due time in the past: the page says why, and keeps what was typed
        setValue("task-due", LocalDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(1).format(LOCAL));
        browser.submitAndWait(By.id("task-submit"), "#task-error");
        assertThat(browser.find(By.id("task-error")).getText()).contains("Thời hạn", "tương lai");
        assertThat(browser.find(By.id("task-title")).getAttribute("value"))
                .isEqualTo("Thu thập nhật ký tường lửa 08:00–10:00");
        assertThat(browser.find(By.id("task-description")).getAttribute("value")).startsWith("Xuất nhật ký FortiGate");
        assertThat(new Select(browser.find(By.id("task-owner"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo(f.owner.id().toString());
        browser.screenshot("incident-task-1-readable-error");

        setValue("task-due", LocalDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusHours(6).format(LOCAL));
        browser.submitAndWait(By.id("task-submit"));
        assertThat(browser.find(By.id("message")).getText()).isEqualTo("Đã giao nhiệm vụ.");
        assertThat(browser.find(By.id("task-1")).getText()).contains("Thu thập nhật ký tường lửa", "Sở kiểm thử sự cố",
                "Chưa bắt đầu");
        browser.submitAndWait(By.id("task-start-1"));
        assertThat(browser.find(By.id("task-status-1")).getText()).isEqualTo("Đang thực hiện");
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.querySelector('#task-1 details').open = true;");
        browser.find(By.id("task-note-1")).sendKeys("Đã thu 2,1 GB nhật ký, tải lên chứng cứ lúc 11:20.");
        browser.submitAndWait(By.id("task-done-1"));
        assertThat(browser.find(By.id("task-status-1")).getText()).isEqualTo("Đã hoàn thành");
        assertThat(browser.find(By.id("task-result-1")).getText()).contains("Đã thu 2,1 GB nhật ký");
        assertThat(browser.driver().findElements(By.id("task-start-1"))).isEmpty();
        assertThat(browser.find(By.id("timeline")).getText()).contains("Hoàn thành nhiệm vụ");
        scrollToTasks();
        browser.screenshot("incident-task-2-completed");

        // a task the coordinator gives the IR unit: the operator sees it, with no buttons it may not use
        var coordinator = f.coordinatorUser();
        var other = f.callers.postJson("/api/v1/incidents/" + id + "/tasks", coordinator.token(),
                "{\"title\":\"Phân tích lưu lượng tấn công\",\"ownerAgencyId\":\"" + f.irUnit.id() + "\"}");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        browser.open("/incidents/" + id);
        assertThat(browser.find(By.id("task-1")).getText()).contains("Phân tích lưu lượng tấn công",
                "Đơn vị ứng cứu sự cố kiểm thử", "Chưa bắt đầu");
        assertThat(browser.driver().findElements(By.cssSelector("#task-1 form, #task-1 details"))).isEmpty();
        assertThat(browser.find(By.id("task-status-2")).getText()).isEqualTo("Đã hoàn thành");
        browser.assertNoConsoleErrors();
    }

    @Test
    void operatorMovesATasksDueTimeAndAPastTimeComesBackReadable() {
        IncidentFixtures f = new IncidentFixtures(jdbc, new TestCallers(jdbc, port));
        var filer = f.callers.caller(f.owner, Role.SYSTEM_OPERATOR);
        String id = fileNotice(f, filer);
        String due = OffsetDateTime.now(ZoneOffset.ofHours(7)).plusHours(6).withNano(0).toString();
        var t = f.callers.postJson("/api/v1/incidents/" + id + "/tasks", filer.token(),
                "{\"title\":\"Khôi phục cổng dịch vụ công\",\"ownerAgencyId\":\"" + f.owner.id() + "\",\"dueAt\":\""
                        + due + "\"}");
        assertThat(t.statusCode()).as(t.body()).isEqualTo(201);
        String operator = f.user(f.owner.id(), "SYSTEM_OPERATOR", "Lê Văn Khôi Phục", PASSWORD);

        browser.login(operator, PASSWORD);
        browser.open("/incidents/" + id);
        browser.click(By.id("task-edit-open-1"));
        // the form starts from the task as it is
        assertThat(browser.find(By.id("task-edit-due-1")).getAttribute("value"))
                .isEqualTo(OffsetDateTime.parse(due).atZoneSameInstant(ZoneId.of("Asia/Ho_Chi_Minh"))
                        .toLocalDateTime().format(LOCAL));
        String past = LocalDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(1).format(LOCAL);
        setValue("task-edit-due-1", past);
        browser.submitAndWait(By.id("task-edit-save-1"), "#task-error");
        assertThat(browser.find(By.id("task-error")).getText()).contains("Thời hạn", "tương lai");
        assertThat(browser.find(By.id("task-edit-due-1")).getAttribute("value")).isEqualTo(past);
        assertThat(browser.find(By.id("task-edit-due-1")).isDisplayed()).as("the form stays open").isTrue();
        browser.screenshot("incident-task-3-redate-error");

        LocalDateTime later = LocalDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(2).withHour(17).withMinute(0)
                .withSecond(0).withNano(0);
        setValue("task-edit-due-1", later.format(LOCAL));
        browser.submitAndWait(By.id("task-edit-save-1"));
        assertThat(browser.find(By.id("message")).getText())
                .isEqualTo("Đã cập nhật người được giao và thời hạn của nhiệm vụ.");
        assertThat(browser.find(By.id("task-1")).getText())
                .contains("Hạn: " + later.format(DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy")));
        assertThat(browser.find(By.id("timeline")).getText()).contains("Khôi phục cổng dịch vụ công");
        assertThat(jdbc.sql("SELECT version FROM incident_task WHERE incident_id = ?::uuid").param(id)
                .query(Integer.class).single()).isEqualTo(1);
        scrollToTasks();
        browser.screenshot("incident-task-4-redated");
        browser.assertNoConsoleErrors();
    }
}
