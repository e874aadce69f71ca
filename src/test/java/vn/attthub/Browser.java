package vn.attthub;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Headless Chromium for {@code *BrowserTests}: one browser per test class, pointed at the application started by
 * {@link IntegrationTest} on its random port. Register it in an {@code @IntegrationTest} class with
 * <pre>{@code @RegisterExtension static final Browser browser = new Browser();}</pre>
 * <ul>
 *   <li>Uses Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} explicitly, so Selenium Manager
 *       never runs (it would try to download a driver). Missing binaries FAIL the tests: CI installs them.</li>
 *   <li>Every test starts signed out, in the default language (cookies are cleared before each test).</li>
 *   <li>Any SEVERE entry in the browser console (a script error, a resource that failed to load, or a
 *       Content-Security-Policy violation such as an inline style or script) fails the test that caused it.</li>
 *   <li>{@link #screenshot(String)} saves a PNG under {@code target/screenshots/}; a failed test gets one too.</li>
 * </ul>
 * Paths may be overridden with the system properties {@code attt.browser.chromium} and
 * {@code attt.browser.chromedriver}.
 */
public class Browser implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String chromium;
    private final String chromedriver;
    private ChromeDriverService service;
    private ChromeDriver driver;
    private Path profile;
    private String baseUrl;

    public Browser() {
        this(System.getProperty("attt.browser.chromium", "/usr/bin/chromium"),
                System.getProperty("attt.browser.chromedriver", "/usr/bin/chromedriver"));
    }

    Browser(String chromium, String chromedriver) {
        this.chromium = chromium;
        this.chromedriver = chromedriver;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        for (String binary : List.of(chromium, chromedriver)) {
            if (!Files.isExecutable(Path.of(binary))) {
                fail("Browser tests need " + binary + " (Debian packages chromium and chromium-driver: "
                        + "apt-get install -y chromium chromium-driver; .ci/run installs them). They are not "
                        + "skipped on purpose: a missing browser must not pass CI silently.");
            }
        }
        String port = SpringExtension.getApplicationContext(context).getEnvironment().getProperty("local.server.port");
        if (port == null) {
            fail("Browser tests need the application on a real port: annotate " + context.getDisplayName()
                    + " with @IntegrationTest");
        }
        baseUrl = "http://localhost:" + port;
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("attt-chromium-profile-");
        // Giving the driver executable explicitly makes Selenium skip Selenium Manager ("path specified in Service
        // class"); the system property is a second guard for any code path that looks there instead.
        System.setProperty("webdriver.chrome.driver", chromedriver);
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort()
                .withLogFile(Path.of("target", "chromedriver.log").toFile())
                .withAppendLog(true)
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=1366,900", "--lang=vi-VN",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteProfile();
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // Cookies can only be cleared for the current origin: make sure we are on ours.
        if (!driver.getCurrentUrl().startsWith(baseUrl)) {
            driver.get(baseUrl + "/login");
        }
        driver.manage().deleteAllCookies();
        consoleErrors();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            screenshot("FAILED-" + context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName());
            return;
        }
        assertNoConsoleErrors();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            if (service != null) {
                service.stop();
            }
            deleteProfile();
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Opens a path of the application, e.g. {@code "/login?lang=en"}. */
    public Browser open(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    /** Signs in through the login form; returns once the browser has left the form (or shows its error). */
    public Browser login(String username, String password) {
        open("/login");
        WebElement user = find(By.id("username"));
        user.clear();
        user.sendKeys(username);
        WebElement pass = find(By.id("password"));
        pass.clear();
        pass.sendKeys(password);
        find(By.cssSelector("form button[type=submit]")).click();
        waitUntil(d -> !d.getCurrentUrl().equals(baseUrl + "/login"));
        return this;
    }

    /** Recovery codes seen at enrolment, per username: later sign-ins spend one each (a TOTP code is single-use). */
    private static final java.util.Map<String, java.util.Deque<String>> RECOVERY_CODES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Signs in a user who needs multi-factor authentication, like a person with an authenticator app would: at
     * the first sign-in it completes the forced enrolment (reading the secret shown on the page, entering its
     * current code, keeping the recovery codes), later it answers the second step with a kept recovery code.
     * Ends on the page the user lands on after sign-in.
     */
    public Browser loginWithMfa(String username, String password) {
        login(username, password);
        if (path().startsWith("/account/mfa/setup")) {
            String secret = find(By.cssSelector(".mfa-secret")).getText();
            find(By.id("code")).sendKeys(vn.attthub.identity.TotpCodes.current(secret), org.openqa.selenium.Keys.ENTER);
            waitUntil(d -> !d.findElements(By.cssSelector(".recovery-codes code")).isEmpty());
            java.util.Deque<String> codes = new java.util.ArrayDeque<>();
            driver.findElements(By.cssSelector(".recovery-codes code")).forEach(c -> codes.add(c.getText()));
            RECOVERY_CODES.put(username.toLowerCase(), codes);
            screenshot("mfa-recovery-codes-" + username);
            find(By.cssSelector("main a.btn")).click();
            waitUntil(d -> !path().startsWith("/account/mfa"));
        } else if (path().startsWith("/login/mfa")) {
            java.util.Deque<String> codes = RECOVERY_CODES.get(username.toLowerCase());
            if (codes == null || codes.isEmpty()) {
                throw new IllegalStateException("No recovery code kept for " + username
                        + ": enrol it through loginWithMfa first");
            }
            find(By.id("code")).sendKeys(codes.pop(), org.openqa.selenium.Keys.ENTER);
            waitUntil(d -> !path().startsWith("/login/mfa"));
        }
        return this;
    }

    public WebElement find(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /**
     * Scrolls the element into view at once and clicks it by script: with Bootstrap's smooth scrolling, or a late
     * layout shift on a loaded machine, a native click can land on another element.
     */
    public void click(By by) {
        WebElement el = find(by);
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "arguments[0].scrollIntoView({block:'center', behavior:'instant'}); arguments[0].click();", el);
    }

    /** Submits with {@code button}, waits for the next page to show {@code expect} or {@code #error}, and fails on an error. */
    public void submitAndWait(By button, String expect) {
        WebElement before = driver.findElement(By.tagName("html"));
        click(button);
        waitUntil(ExpectedConditions.stalenessOf(before)::apply);
        waitUntil(d -> !d.findElements(By.cssSelector(expect + ", #error")).isEmpty());
        List<WebElement> errors = driver.findElements(By.id("error"));
        if (!errors.isEmpty()) fail("the page reported an error: " + errors.get(0).getText());
    }

    /** {@link #submitAndWait(By, String)} for the usual flash message. */
    public void submitAndWait(By button) {
        submitAndWait(button, "#message");
    }

    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
    }

    /** Saves the current page as {@code target/screenshots/<name>.png} and returns the file. */
    public Path screenshot(String name) {
        try {
            Path file = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SEVERE browser-console entries since the last call (reading them empties the browser's buffer). */
    public List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        return errors;
    }

    /** Fails when the page logged errors: a CSP violation (inline script/style), a failed resource, a JS error. */
    public void assertNoConsoleErrors() {
        List<String> errors = consoleErrors();
        if (!errors.isEmpty()) {
            fail("The browser console reported " + errors.size() + " error(s) on " + driver.getCurrentUrl() + ":\n  "
                    + String.join("\n  ", errors));
        }
    }

    private void deleteProfile() {
        if (profile == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
        profile = null;
    }
}
