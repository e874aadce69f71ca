package vn.attthub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

/** The browser-test machinery itself: a machine without Chromium must fail the browser tests, not skip them. */
class BrowserExtensionTests {
    @Test
    void aMissingChromiumFailsWithInstructionsInsteadOfSkipping() {
        Browser browser = new Browser("/nonexistent/chromium", "/usr/bin/chromedriver");

        assertThatThrownBy(() -> browser.beforeAll(mock(ExtensionContext.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/nonexistent/chromium")
                .hasMessageContaining("apt-get install -y chromium chromium-driver");
    }

    @Test
    void aMissingChromedriverFailsToo() {
        Browser browser = new Browser("/usr/bin/chromium", "/nonexistent/chromedriver");

        assertThatThrownBy(() -> browser.beforeAll(mock(ExtensionContext.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/nonexistent/chromedriver");
    }
}
