package vn.attthub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/** The start page after signing in, in Chromium. */
@IntegrationTest
class HomePageBrowserTests {
    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void theAdministratorSignsInAndSeesTheHomePage() {
        browser.login(IntegrationTest.ADMIN_USERNAME, IntegrationTest.ADMIN_PASSWORD);

        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.driver().getTitle()).isEqualTo("Trang chủ · ATTT Hub");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Xin chào, Quản trị nền tảng");
        assertThat(browser.find(By.cssSelector("nav a[aria-current=page]")).getText()).isEqualTo("Trang chủ");
        browser.screenshot("home-admin-vi");
    }

    @Test
    void aSignedOutVisitorIsSentToTheLoginPage() {
        browser.open("/");
        browser.waitUntil(d -> d.getCurrentUrl().contains("/login"));
        assertThat(browser.find(By.tagName("h1")).getText()).contains("Đăng nhập");
    }

    @Test
    void theHomePageSwitchesToEnglish() {
        browser.login(IntegrationTest.ADMIN_USERNAME, IntegrationTest.ADMIN_PASSWORD);
        browser.find(By.cssSelector("nav a[hreflang=en]")).click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("lang=en"));

        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Hello, Quản trị nền tảng");
        assertThat(browser.find(By.cssSelector("nav a[aria-current=page]")).getText()).isEqualTo("Home");
        browser.screenshot("home-admin-en");
    }

    @Test
    void signingOutReturnsToTheLoginPageWithAConfirmation() {
        browser.login(IntegrationTest.ADMIN_USERNAME, IntegrationTest.ADMIN_PASSWORD);
        browser.find(By.cssSelector("nav form[action$='/logout'] button")).click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/login?logout"));

        assertThat(browser.find(By.cssSelector("[role=status]")).getText()).isEqualTo("Bạn đã đăng xuất.");
        browser.open("/");
        browser.waitUntil(d -> d.getCurrentUrl().contains("/login"));
    }
}
