package vn.attthub.notification;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.attthub.Browser;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.shared.AgencyId;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox in a browser: the navbar badge counts unread notifications; open, mark read, mark all read. */
@IntegrationTest
class NotificationBrowserTests {
    @RegisterExtension
    static final Browser browser = new Browser();
    static final String PASSWORD = "Thong-Bao#2026x";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Notifications notifications;

    @Test
    void theBadgeCountsUnreadNotificationsAndTheInboxMarksThemRead() {
        TestCallers c = new TestCallers(jdbc, port);
        TestCallers.Agency agency = c.agency(c.root(), "PROVINCE", "Tỉnh Hộp Thư Trình Duyệt");
        String username = "thong.bao." + UUID.randomUUID().toString().substring(0, 6);
        var r = c.postJson("/api/v1/users", IntegrationTest.BOOTSTRAP_TOKEN, """
                {"username":"%s","fullName":"Trần Thông Báo","email":"%s@example.gov.vn","agencyId":"%s",
                 "roles":["VIEWER"],"password":"%s"}""".formatted(username, username, agency.id(), PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        for (String title : new String[]{"Bước thẩm định quá hạn", "Cảnh báo lỗ hổng", "Sự cố mã độc"}) {
            notifications.send(new Message("test-greeting", AgencyId.of(agency.id()),
                    Map.of("title", title, "who", "Trần Thông Báo"), "/account", null));
        }

        browser.login(username, PASSWORD);
        browser.open("/");
        browser.waitUntil(d -> !d.findElements(By.id("notification-badge")).isEmpty());
        assertThat(browser.find(By.id("notification-badge")).getText()).isEqualTo("3");

        browser.open("/notifications");
        assertThat(browser.driver().findElements(By.cssSelector(".notification-unread"))).hasSize(3);
        assertThat(browser.find(By.tagName("main")).getText()).contains("Thông báo thử: Sự cố mã độc", "3 chưa đọc");
        browser.screenshot("notification-inbox");

        // open the newest: it is marked read and the browser lands on its link
        browser.find(By.cssSelector(".notification-unread form[action$='/open'] button")).click();
        browser.waitUntil(d -> browser.path().equals("/account"));
        browser.waitUntil(d -> !d.findElements(By.id("notification-badge")).isEmpty());
        assertThat(browser.find(By.id("notification-badge")).getText()).isEqualTo("2");

        browser.open("/notifications");
        browser.find(By.cssSelector(".notification-unread form[action$='/read'] button")).click();
        browser.waitUntil(d -> d.findElements(By.cssSelector(".notification-unread")).size() == 1);
        assertThat(browser.driver().findElements(By.cssSelector(".notification-read"))).hasSize(2);

        browser.find(By.cssSelector("form[action$='/read-all'] button")).click();
        browser.waitUntil(d -> d.findElements(By.cssSelector(".notification-unread")).isEmpty());
        assertThat(browser.driver().findElements(By.cssSelector(".notification-read"))).hasSize(3);
        assertThat(browser.driver().findElements(By.id("notification-badge"))).isEmpty();
        browser.screenshot("notification-inbox-read");
        browser.assertNoConsoleErrors();
    }
}
