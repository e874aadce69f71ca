package vn.attthub.regime;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.attthub.Browser;
import vn.attthub.IntegrationTest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person classifying a system with the wizard (issue 3 §2: plain questions, the article that decided the level,
 * the D3 message), in Vietnamese and English; and an administrator keeping the holiday calendar (D5).
 */
@IntegrationTest
class RegimeBrowserTests {
    @RegisterExtension
    static final Browser browser = new Browser();

    static final String PASSWORD = "Xac-Dinh#2026cd";
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6).toLowerCase();
    static String viewer, admin;

    @BeforeAll
    static void users(@LocalServerPort int port) throws Exception {
        String base = "http://localhost:" + port;
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> roots = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/agencies?q=CP&limit=1"))
                .header("Authorization", "Bearer " + IntegrationTest.BOOTSTRAP_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(roots.body());
        assertThat(m.find()).isTrue();
        String root = m.group(1);
        viewer = "xem.capdo." + SUFFIX;
        admin = "qtri.lich." + SUFFIX;
        for (String[] u : new String[][]{{viewer, "VIEWER", "Phạm Thu Hà"}, {admin, "PLATFORM_ADMIN", "Đỗ Minh Quân"}}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/users"))
                    .header("Authorization", "Bearer " + IntegrationTest.BOOTSTRAP_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"username":"%s","fullName":"%s","email":"%s@example.gov.vn","agencyId":"%s",
                             "roles":["%s"],"password":"%s"}""".formatted(u[0], u[2], u[0], root, u[1], PASSWORD)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
    }

    /** Clicks like a person who first scrolls the element into the middle of the window. */
    private static void click(By by) {
        WebElement e = browser.find(by);
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", e);
        e.click();
    }

    /** Sets a date field as its picker would (the typed format of a native date input depends on the locale). */
    private static void setDate(String id, String iso) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("arguments[0].value = arguments[1];", browser.find(By.id(id)), iso);
    }

    /** The result panel's text; empty while htmx is swapping it. */
    private static String result() {
        try {
            return browser.find(By.id("result")).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return "";
        }
    }

    @Test
    void aPortalIsClassifiedAsYouAnswerAndTheDecidingArticleIsShown() {
        browser.driver().manage().deleteAllCookies();
        browser.login(viewer, PASSWORD);
        browser.open("/level-wizard?lang=vi");
        assertThat(browser.find(By.cssSelector("h1")).getText()).isEqualTo("Xác định cấp độ hệ thống thông tin");
        assertThat(browser.find(By.cssSelector("nav a.nav-link.active")).getText()).isEqualTo("Xác định cấp độ");
        assertThat(result()).contains("Chọn loại hệ thống để bắt đầu");
        // Questions for other system types stay hidden until they apply.
        assertThat(browser.driver().findElement(By.id("constructionGrade")).isDisplayed()).isFalse();
        browser.screenshot("level-wizard-start");

        click(By.cssSelector("label[for=systemType-CITIZEN_BUSINESS_SERVICE]"));
        browser.waitUntil(d -> result().contains("Chưa xác định được cấp độ"));
        new Select(browser.find(By.id("onlinePublicServiceLevel"))).selectByValue("2");
        browser.waitUntil(d -> result().contains("Cấp độ 2"));
        assertThat(result()).contains("Điều 8 khoản 2 điểm a Nghị định 85/2016/NĐ-CP");

        WebElement users = browser.find(By.id("personalDataSubjects"));
        users.sendKeys("12000");
        browser.waitUntil(d -> result().contains("Điều 9 khoản 2 điểm c"));
        assertThat(browser.find(By.cssSelector("#result .level-pill")).getText()).isEqualTo("Cấp độ 3");
        WebElement decisive = browser.find(By.cssSelector("#result .matched-rule.decisive"));
        assertThat(decisive.getText()).contains("ND85-9.2.c").contains("Quyết định cấp độ")
                .contains("từ 10.000 người sử dụng trở lên");
        assertThat(browser.driver().findElements(By.cssSelector("#result .matched-rule"))).hasSize(2);
        // The procedure for level 3: the owner approves after a 15-day appraisal (Art 12.2, 16.2.a).
        assertThat(result()).contains("Chủ quản hệ thống thông tin").contains("tối đa 15 ngày");
        browser.screenshot("level-wizard-level-3");

        // A typo is reported next to the field, and the answer counts as unknown.
        users.clear();
        users.sendKeys("nhiều");
        browser.waitUntil(d -> !d.findElements(By.cssSelector("#result .alert-warning")).isEmpty());
        browser.assertNoConsoleErrors();
    }

    @Test
    void whenNothingMatchesTheWizardAsksForAJustificationAgainstLaw86Article21() {
        browser.driver().manage().deleteAllCookies();
        browser.login(viewer, PASSWORD);
        browser.open("/level-wizard?lang=vi");
        click(By.cssSelector("label[for=systemType-OTHER]"));
        browser.waitUntil(d -> result().contains("Chưa xác định được cấp độ"));
        assertThat(result()).contains("Điều 21 Luật An toàn thông tin mạng")
                .contains("tổn hại đặc biệt nghiêm trọng tới quốc phòng, an ninh quốc gia");
        browser.screenshot("level-wizard-undetermined");

        // D2: a defence system with no declared impact is level 3 by Art 9.1.
        click(By.cssSelector("label[for=defenceOrSecuritySystem-yes]"));
        browser.waitUntil(d -> result().contains("Điều 9 khoản 1"));
        assertThat(browser.find(By.cssSelector("#result .level-pill")).getText()).isEqualTo("Cấp độ 3");

        browser.open("/level-wizard?lang=en");
        assertThat(browser.find(By.cssSelector("h1")).getText()).isEqualTo("Determine an information system's security level");
        click(By.cssSelector("label[for=systemType-INFORMATION_INFRASTRUCTURE]"));
        new Select(browser.find(By.id("infrastructureScope"))).selectByValue("PROVINCE");
        browser.waitUntil(d -> result().contains("Decree 85/2016 Art 9(3)"));
        assertThat(browser.find(By.cssSelector("#result .level-pill")).getText()).isEqualTo("Level 3");
        browser.screenshot("level-wizard-english");
        browser.open("/level-wizard?lang=vi");
        browser.assertNoConsoleErrors();
    }

    @Test
    void anAdministratorAddsAndRemovesAHoliday() {
        browser.driver().manage().deleteAllCookies();
        browser.loginWithMfa(admin, PASSWORD);
        browser.open("/calendar?year=2026&lang=vi");
        assertThat(browser.find(By.cssSelector("h1")).getText()).contains("2026");
        assertThat(browser.find(By.id("day-2026-04-27")).getText()).contains("Nghỉ bù Giỗ Tổ Hùng Vương")
                .contains("Thứ Hai").contains("Điều 111.3");
        browser.screenshot("calendar-2026");

        // A swapped working day on a weekday is refused with a readable reason, the form kept as typed.
        setDate("date", "2088-09-02");
        new Select(browser.find(By.id("kind"))).selectByValue("WORKING_DAY");
        browser.find(By.id("name")).sendKeys("Làm bù");
        click(By.cssSelector("form[action$='/calendar/days'] button[type=submit]"));
        assertThat(browser.find(By.id("kind-error")).getText()).contains("thứ Bảy hoặc Chủ nhật");
        assertThat(browser.find(By.id("legalBasis-error")).getText()).contains("căn cứ pháp lý");
        assertThat(browser.find(By.id("name")).getAttribute("value")).isEqualTo("Làm bù");
        browser.screenshot("calendar-invalid-day");

        // 01/09/2088 (Wednesday) joins National Day.
        setDate("date", "2088-09-01");
        new Select(browser.find(By.id("kind"))).selectByValue("HOLIDAY");
        browser.find(By.id("name")).clear();
        browser.find(By.id("name")).sendKeys("Quốc khánh (ngày liền kề)");
        browser.find(By.id("legalBasis")).sendKeys("Bộ luật Lao động 2019, Điều 112.1.đ");
        click(By.cssSelector("form[action$='/calendar/days'] button[type=submit]"));
        browser.waitUntil(d -> browser.path().startsWith("/calendar?year=2088"));
        assertThat(browser.find(By.cssSelector(".alert-success")).getText()).contains("01/09/2088");
        assertThat(browser.find(By.id("day-2088-09-01")).getText()).contains("Thứ Tư").contains("Ngày nghỉ lễ");
        browser.screenshot("calendar-day-added");

        click(By.cssSelector("#day-2088-09-01 button"));
        browser.driver().switchTo().alert().accept();
        browser.waitUntil(d -> !d.findElements(By.cssSelector(".alert-success")).isEmpty()
                && d.findElement(By.cssSelector(".alert-success")).getText().contains("Đã xóa"));
        assertThat(browser.driver().findElements(By.id("day-2088-09-01"))).isEmpty();
        browser.assertNoConsoleErrors();
    }

    @Test
    void aViewerReadsTheCalendarButCannotEditIt() {
        browser.driver().manage().deleteAllCookies();
        browser.login(viewer, PASSWORD);
        browser.open("/calendar?year=2025&lang=vi");
        assertThat(browser.find(By.id("day-2025-04-26")).getText()).contains("Ngày làm bù");
        assertThat(browser.driver().findElements(By.id("add-heading"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("form[action$='/calendar/days/remove']"))).isEmpty();
        browser.screenshot("calendar-viewer-2025");
    }
}
