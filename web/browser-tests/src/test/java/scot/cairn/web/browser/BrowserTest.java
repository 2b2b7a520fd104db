package scot.cairn.web.browser;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** One headless Chromium per test class, pointed at the server the class started on a free port. */
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

    void open(String path) {
        browser.driver.get("http://localhost:" + port + path);
    }

    WebDriverWait await() {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(30));
    }
}
