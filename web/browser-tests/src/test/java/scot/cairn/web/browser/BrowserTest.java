package scot.cairn.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One headless Chromium per test class, pointed at the server the class started on a free port.
 * After every test, no page it visited may have reported a Content-Security-Policy violation.
 */
abstract class BrowserTest {
    static Browser browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = new Browser();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void noPageViolatedTheContentSecurityPolicy() {
        if (browser != null) {
            assertThat(browser.cspViolations())
                    .as("Content-Security-Policy violations")
                    .isEmpty();
        }
    }

    void open(String path) {
        browser.driver.get("http://localhost:" + port + path);
    }

    WebDriverWait await() {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(30));
    }
}
