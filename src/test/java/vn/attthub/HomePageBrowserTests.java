package vn.attthub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/** The start page after signing in, in Chromium. */
@IntegrationTest
class HomePageBrowserTests {
    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void theAdministratorSignsInAndSeesTheHomePage() {
        browser.loginWithMfa(IntegrationTest.ADMIN_USERNAME, IntegrationTest.ADMIN_PASSWORD);

        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.driver().getTitle()).isEqualTo("Trang chủ · ATTT Hub");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Xin chào, Quản trị nền tảng");
        assertThat(browser.find(By.cssSelector("nav a[aria-current=page]")).getText()).isEqualTo("Trang chủ");
        assertThat(browser.find(By.id("todo-heading")).getText()).isEqualTo("Việc của tôi");
        assertThat(browser.driver().findElements(By.cssSelector(".steps a")).stream().map(a -> a.getText()))
                .contains("Tạo tài khoản và phân quyền cho cán bộ", "Kiểm tra nhật ký hoạt động");
        assertThat(browser.find(By.cssSelector(".access-table tbody tr")).getText())
                .isEqualTo("Quản trị nền tảng Chính phủ (CP)");
        browser.screenshot("home-admin-vi");
    }

    @Test
    void onANarrowScreenTheMenuFoldsAndOpensWithItsButton() {
        browser.loginWithMfa(IntegrationTest.ADMIN_USERNAME, IntegrationTest.ADMIN_PASSWORD);
        Dimension desktop = browser.driver().manage().window().getSize();
        try {
            browser.driver().manage().window().setSize(new Dimension(390, 844));
            WebElement toggler = browser.find(By.cssSelector(".navbar-toggler"));
            assertThat(browser.driver().findElement(By.id("mainNav")).isDisplayed()).isFalse();
            browser.screenshot("home-admin-mobile");

            toggler.click(); // Bootstrap's collapse: proves its script loads under the strict CSP
            browser.waitUntil(d -> d.findElement(By.id("mainNav")).getAttribute("class").contains("show"));
            assertThat(toggler.getAttribute("aria-expanded")).isEqualTo("true");
            assertThat(browser.find(By.linkText("Hồ sơ cấp độ")).isDisplayed()).isTrue();
        } finally {
            browser.driver().manage().window().setSize(desktop);
        }
    }

    @Test
    void aSignedOutVisitorIsSentToTheLoginPage() {
        browser.open("/");
        browser.waitUntil(d -> d.getCurrentUrl().contains("/login"));
        assertThat(browser.find(By.tagName("h1")).getText()).contains("Đăng nhập");
    }

    @Test
    void theHomePageSwitchesToEnglish() {
        browser.loginWithMfa(IntegrationTest.ADMIN_USERNAME, IntegrationTest.ADMIN_PASSWORD);
        browser.find(By.cssSelector("nav a[hreflang=en]")).click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("lang=en"));

        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Hello, Quản trị nền tảng");
        assertThat(browser.find(By.cssSelector(".access-table tbody tr")).getText())
                .isEqualTo("Platform administrator Government of Viet Nam (CP)");
        assertThat(browser.find(By.cssSelector("nav a[aria-current=page]")).getText()).isEqualTo("Home");
        browser.screenshot("home-admin-en");
    }

    @Test
    void signingOutReturnsToTheLoginPageWithAConfirmation() {
        browser.loginWithMfa(IntegrationTest.ADMIN_USERNAME, IntegrationTest.ADMIN_PASSWORD);
        browser.find(By.cssSelector("nav form[action$='/logout'] button")).click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/login?logout"));

        assertThat(browser.find(By.cssSelector("[role=status]")).getText()).isEqualTo("Bạn đã đăng xuất.");
        browser.open("/");
        browser.waitUntil(d -> d.getCurrentUrl().contains("/login"));
    }
}
