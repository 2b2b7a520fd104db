package scot.cairn.web.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import scot.cairn.testsupport.HeadlessChromium;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both at fixed paths so Selenium
 * Manager never looks for (or downloads) a browser. A missing binary fails the tests loudly.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = HeadlessChromium.CHROMIUM;
    static final Path CHROMEDRIVER = HeadlessChromium.CHROMEDRIVER;

    final ChromeDriver driver;
    final Path downloads;
    final Path profile;
    private final Path screenshots;

    Browser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver (" + CHROMIUM
                    + ", " + CHROMEDRIVER + "); web/browser-tests/src/test/scripts/ensure-chromium.sh installs them");
        }
        profile = Files.createTempDirectory("cairn-chromium-profile");
        downloads = Files.createTempDirectory("cairn-chromium-downloads");
        screenshots = Path.of(System.getProperty("cairn.screenshots.dir", "target/screenshots"));
        Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(HeadlessChromium.arguments(profile));
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory",
                        downloads.toString(),
                        "download.prompt_for_download",
                        false,
                        "safebrowsing.enabled",
                        false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        // Before any page script runs, in every document: note each Content-Security-Policy violation
        // in the tab's session storage, which outlives navigations within the site.
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_CSP_VIOLATIONS));
    }

    private static final String CSP_KEY = "cairn-csp-violations";
    private static final String RECORD_CSP_VIOLATIONS =
            "document.addEventListener('securitypolicyviolation', function (e) {"
                    + " try { var seen = JSON.parse(sessionStorage.getItem('" + CSP_KEY + "') || '[]');"
                    + " seen.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' on ' + location.pathname + location.search"
                    + " + (e.sourceFile ? ' (' + e.sourceFile + ':' + e.lineNumber + ')' : ''));"
                    + " sessionStorage.setItem('" + CSP_KEY + "', JSON.stringify(seen)); } catch (x) { } });";

    /**
     * The Content-Security-Policy violations the pages of the current site reported since the last
     * call, one line each (directive, what was blocked, the page); the record is then cleared.
     * Empty when the browser is not on the site.
     */
    List<String> cspViolations() {
        if (!driver.getCurrentUrl().startsWith("http://localhost:")) {
            return List.of();
        }
        Object seen = driver.executeScript("var v = sessionStorage.getItem('" + CSP_KEY
                + "'); sessionStorage.removeItem('" + CSP_KEY + "'); return v || '[]';");
        try {
            return List.of(
                    new com.fasterxml.jackson.databind.ObjectMapper().readValue(String.valueOf(seen), String[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable record of CSP violations: " + seen, e);
        }
    }

    /** Scrolls {@code css} to the top of the window, then saves a screenshot as {@code name}.png. */
    Path screenshot(String name, String css) throws IOException {
        driver.executeScript(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'start'}); window.scrollBy(0, -8);", css);
        return screenshot(name);
    }

    /** Saves what the browser shows now as {@code name}.png under the screenshots folder. */
    Path screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Path file = screenshots.resolve(name + ".png");
        Files.write(file, png);
        return file;
    }

    /** Waits until a download of a file whose name ends with {@code suffix} has finished, and returns it. */
    Path awaitDownload(String suffix, Duration timeout) throws IOException {
        try {
            return Awaitility.await()
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> finishedDownload(suffix), Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            try (var files = Files.list(downloads)) {
                throw new AssertionError(
                        "No download ending in " + suffix + " within " + timeout + "; folder holds " + files.toList(),
                        e);
            }
        }
    }

    /** A downloaded file whose name ends with {@code suffix} and that has bytes in it, if there is one yet. */
    private Optional<Path> finishedDownload(String suffix) throws IOException {
        try (var files = Files.list(downloads)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .filter(f -> f.toFile().length() > 0)
                    .findFirst();
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
