package vn.attthub.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import vn.attthub.Browser;
import vn.attthub.IntegrationTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The login page as a person sees it in Chromium: Vietnamese first, English on request, strict CSP respected. */
@IntegrationTest
class LoginBrowserTests {
    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void loginPageIsInVietnameseByDefault() {
        browser.open("/login");

        assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("vi");
        assertThat(browser.driver().getTitle()).isEqualTo("Đăng nhập · ATTT Hub");
        assertThat(browser.find(By.tagName("h1")).getText()).contains("Đăng nhập");
        assertThat(browser.find(By.cssSelector("label[for=username]")).getText()).isEqualTo("Tên đăng nhập");
        assertThat(browser.find(By.cssSelector("label[for=password]")).getText()).isEqualTo("Mật khẩu");
        assertThat(browser.find(By.cssSelector("form button[type=submit]")).getText()).isEqualTo("Đăng nhập");
        browser.screenshot("login-vi");
    }

    @Test
    void aWrongPasswordShowsTheVietnameseErrorAndOneMistakeDoesNotLockTheAccount() {
        browser.login(IntegrationTest.ADMIN_USERNAME, "Sai-Mat-Khau#2026");

        assertThat(browser.path()).isEqualTo("/login?error");
        assertThat(browser.find(By.cssSelector("[role=alert]")).getText())
                .isEqualTo("Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang bị khóa.");
        browser.screenshot("login-error-vi");

        browser.loginWithMfa(IntegrationTest.ADMIN_USERNAME, IntegrationTest.ADMIN_PASSWORD);
        assertThat(browser.path()).isEqualTo("/");
    }

    @Test
    void theLanguageSwitchesToEnglishAndIsRemembered() {
        browser.open("/login");
        browser.find(By.cssSelector("a[hreflang=en]")).click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("lang=en"));

        assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.find(By.tagName("h1")).getText()).contains("Sign in");
        assertThat(browser.find(By.cssSelector("label[for=username]")).getText()).isEqualTo("Username");
        browser.screenshot("login-en");

        browser.open("/login");
        assertThat(browser.find(By.cssSelector("label[for=password]")).getText()).isEqualTo("Password");

        browser.find(By.cssSelector("a[hreflang=vi]")).click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("lang=vi"));
        assertThat(browser.find(By.cssSelector("label[for=password]")).getText()).isEqualTo("Mật khẩu");
    }

    @Test
    void theStrictContentSecurityPolicyBlocksInlineStylesAndTheBrowserGuardReportsIt() {
        browser.open("/login");
        ((JavascriptExecutor) browser.driver()).executeScript("""
                var style = document.createElement('style');
                style.textContent = 'body { background: red; }';
                document.head.appendChild(style);""");

        List<String> errors = browser.waitUntil(d -> {
            List<String> found = browser.consoleErrors();
            return found.isEmpty() ? null : found;
        });
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("Content Security Policy"));
        assertThat(browser.find(By.tagName("body")).getCssValue("background-color"))
                .isNotEqualTo("rgba(255, 0, 0, 1)");
    }
}
