package scot.cairn.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import scot.cairn.server.PublisherApplication;

/**
 * Every page of the web interface checked with axe-core's WCAG 2.1 A and AA rules (labels,
 * contrast, landmarks, names of links and controls, table headers, ...) in the state a user sees
 * it (slices shown, query answered, table built), and the keyboard paths that axe cannot check.
 * The server is WebInterfaceIT's (the same properties: one Spring context for both classes).
 */
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.data-dir=target/browser-it-data/${random.uuid}",
            "cairn.fuseki.port=0",
            "cairn.profiles.dir=../../cube-definitions/profiles"
        })
class AccessibilityIT extends BrowserTest {

    /** The WCAG 2.1 A/AA violations axe finds on the page as it is now, one line each. */
    private static List<String> violations() {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(browser.driver);
        List<String> out = new ArrayList<>();
        for (Rule r : results.getViolations()) {
            r.getNodes()
                    .forEach(n -> out.add(
                            r.getId() + " (" + r.getImpact() + "): " + n.getTarget() + " " + n.getFailureSummary()));
        }
        return out;
    }

    @Test
    void everyPageMeetsTheWcag21AaRulesAxeChecks() {
        String area =
                URLEncoder.encode("http://purl.org/linked-data/sdmx/2009/dimension#refArea", StandardCharsets.UTF_8);
        List<String> pages = List.of(
                "/",
                "/?q=meals",
                "/datasets/free-school-meals",
                "/datasets/free-school-meals?show=1&" + area + "="
                        + URLEncoder.encode(
                                "http://statistics.gov.scot/id/statistical-geography/S01006506",
                                StandardCharsets.UTF_8),
                "/datasets/council-tax-collection?show=1&level=council-areas",
                "/areas",
                "/areas/S92000003",
                "/areas/S12000033",
                "/areas/S01006506",
                "/no/such/page");
        // The check can fail: an unlabelled field and low-contrast text added to a page are reported.
        open("/");
        browser.driver.executeScript(
                "var i = document.createElement('input'); i.type = 'text'; document.getElementById('main').appendChild(i);"
                        + "var p = document.createElement('p'); p.textContent = 'faint'; p.style.color = '#bbbbbb'; document.getElementById('main').appendChild(p);");
        assertThat(violations()).anyMatch(v -> v.startsWith("label ")).anyMatch(v -> v.startsWith("color-contrast "));

        List<String> found = new ArrayList<>();
        for (String page : pages) {
            open(page);
            violations().forEach(v -> found.add(page + ": " + v));
        }

        open("/query");
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".CodeMirror")));
        browser.driver.findElement(By.id("run-query")).click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("results-table")));
        violations().forEach(v -> found.add("/query (answered): " + v));

        open("/tables");
        await().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        browser.driver.findElement(By.id("var-age")).click();
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("level")))
                .selectByValue("data-zones-2011");
        browser.driver.findElement(By.id("build-table")).click();
        await().until(ExpectedConditions.textMatches(
                By.id("table-status"), java.util.regex.Pattern.compile("Table built")));
        violations().forEach(v -> found.add("/tables (built): " + v));

        assertThat(found).as("axe WCAG 2.1 A/AA violations").isEmpty();
    }

    @Test
    void theMapsMeetTheWcag21AaRulesAxeChecks() {
        List<String> found = new ArrayList<>();
        // a choropleth with an area focused from the keyboard and its table shown
        open("/datasets/free-school-meals");
        assertThat(MapChecks.awaitMap(browser.driver, "#choropleth", java.time.Duration.ofSeconds(30)))
                .isEqualTo("ready");
        WebElement map = browser.driver.findElement(By.id("choropleth-map"));
        map.sendKeys(Keys.ARROW_RIGHT);
        assertThat(browser.driver.findElement(By.id("map-info")).getText()).contains("(S0100");
        browser.driver.findElement(By.id("map-table-toggle")).click();
        violations().forEach(v -> found.add("/datasets/free-school-meals (map, table shown): " + v));
        // a level without boundaries (Scotland) of a dataset that also has councils, whose map is drawn first
        open("/datasets/council-tax-collection");
        assertThat(MapChecks.awaitMap(browser.driver, "#choropleth", java.time.Duration.ofSeconds(30)))
                .isEqualTo("ready");
        violations().forEach(v -> found.add("/datasets/council-tax-collection (map of councils): " + v));
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("mapLevel")))
                .selectByValue("countries");
        browser.driver.findElement(By.id("show-map")).click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("map-status"), "No boundaries loaded for this level"));
        violations().forEach(v -> found.add("/datasets/free-school-meals (level without boundaries): " + v));
        // locator maps, with and without a boundary
        for (String code : List.of("S01006506", "S12000033", "S92000003")) {
            open("/areas/" + code);
            if (!browser.driver.findElements(By.id("locator")).isEmpty()) {
                assertThat(MapChecks.awaitMap(browser.driver, "#locator", java.time.Duration.ofSeconds(30)))
                        .isEqualTo("ready");
            }
            violations().forEach(v -> found.add("/areas/" + code + " (locator): " + v));
        }
        // the locality builder with data zones chosen on the map and the population shown
        open("/tables");
        await().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        browser.driver.findElement(By.id("where-locality")).click();
        browser.driver.findElement(By.cssSelector("#new-locality summary")).click();
        assertThat(MapChecks.awaitMap(browser.driver, "#locality-builder", java.time.Duration.ofSeconds(30)))
                .isEqualTo("ready");
        for (String dz : List.of("S01006506", "S01006507", "S01006508")) {
            browser.driver
                    .findElement(By.cssSelector("#builder-map path[data-code='" + dz + "']"))
                    .click();
        }
        await().until(ExpectedConditions.attributeToBe(By.id("locality-population"), "data-state", "released"));
        violations().forEach(v -> found.add("/tables (locality on the map): " + v));
        assertThat(found).as("axe WCAG 2.1 A/AA violations").isEmpty();
    }

    @Test
    void theLocalityMapCanBeUsedWithTheKeyboard() {
        open("/tables");
        await().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        browser.driver.findElement(By.id("where-locality")).click();
        browser.driver.findElement(By.cssSelector("#new-locality summary")).click();
        assertThat(MapChecks.awaitMap(browser.driver, "#locality-builder", java.time.Duration.ofSeconds(30)))
                .isEqualTo("ready");
        // Tab from the "Clear the selection" button reaches the map; an arrow key picks an area, Enter adds it to the
        // list
        browser.driver.findElement(By.id("clear-selection")).sendKeys(Keys.TAB);
        WebElement map = browser.driver.switchTo().activeElement();
        assertThat(map.getAttribute("id")).isEqualTo("builder-map");
        assertThat(map.getCssValue("outline-style")).isEqualTo("solid");
        map.sendKeys(Keys.ARROW_LEFT);
        String named = browser.driver.findElement(By.id("builder-status")).getText();
        String code = named.replaceFirst("(?s).*\\((S0100\\d{4})\\).*", "$1");
        assertThat(code).matches("S0100\\d{4}");
        map.sendKeys(Keys.ENTER);
        assertThat(browser.driver.findElement(By.id("dz-" + code)).isSelected()).isTrue();
        assertThat(browser.driver.findElement(By.id("builder-status")).getText())
                .contains(code + ") added.");
        map.sendKeys(Keys.ENTER);
        assertThat(browser.driver.findElement(By.id("dz-" + code)).isSelected()).isFalse();
    }

    @Test
    void theSparqlEditorDoesNotTrapTheKeyboard() {
        open("/query");
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".CodeMirror")));
        browser.driver.findElement(By.cssSelector(".CodeMirror")).click();
        WebElement inEditor = browser.driver.switchTo().activeElement();
        assertThat(inEditor.findElements(By.xpath("ancestor::div[contains(@class,'CodeMirror')]")))
                .isNotEmpty();
        inEditor.sendKeys(Keys.TAB);
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("run-query");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("results-table")));
    }

    @Test
    void aSliceCanBeTakenWithTheKeyboardAlone() {
        open("/datasets/free-school-meals");
        // Tab from the top of the page: skip link first, then Enter jumps to the main content.
        browser.driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement skip = browser.driver.switchTo().activeElement();
        assertThat(skip.getText()).isEqualTo("Skip to main content");
        skip.sendKeys(Keys.ENTER);
        // Tab through the page to the first period checkbox, tick it with Space, then submit with Enter.
        WebElement focused = tabUntil("id", "period-0", 60);
        assertThat(focused.getAttribute("id")).isEqualTo("period-0");
        // the focus ring is visible: an outline is drawn around the focused control
        assertThat(focused.getCssValue("outline-style")).isEqualTo("solid");
        focused.sendKeys(Keys.SPACE);
        assertThat(focused.isSelected()).isTrue();
        focused.sendKeys(Keys.ENTER);
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#preview table")));
        assertThat(browser.driver.findElements(By.cssSelector("#preview tbody tr")))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.getText()).contains("2021"));
    }

    @Test
    void everyTabOfADatasetPageAndEveryStateOfTheTableBuilderMeetTheRules() {
        List<String> found = new ArrayList<>();
        String within = "/datasets/free-school-meals?level=data-zones-2011&within=S12000033&show=1";
        for (String tab : List.of("data", "download", "api", "about-panel")) {
            open(within + "#" + tab);
            assertThat(browser.driver.findElement(By.id(tab)).isDisplayed())
                    .as(tab)
                    .isTrue();
            violations().forEach(v -> found.add(within + "#" + tab + ": " + v));
        }
        // the tabs from the keyboard: arrows move between them, and the address follows
        open("/datasets/free-school-meals");
        WebElement data = browser.driver.findElement(By.id("tab-data"));
        data.sendKeys(Keys.ARROW_RIGHT);
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("tab-download");
        assertThat(browser.driver.findElement(By.id("download")).isDisplayed()).isTrue();
        browser.driver.switchTo().activeElement().sendKeys(Keys.END);
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("tab-about");
        assertThat(browser.driver.getCurrentUrl()).endsWith("#about-panel");
        // a long code list with its "all", "none" and range controls
        open("/datasets/free-school-meals");
        browser.driver
                .findElement(By.cssSelector("#periods-field .group-actions button"))
                .click();
        assertThat(browser.driver.findElements(By.cssSelector("#periods-field input:checked")))
                .hasSize(3);
        violations().forEach(v -> found.add("/datasets/free-school-meals (all periods ticked): " + v));

        // the table builder: groups of a variable being formed, then a table of areas as rows, sorted
        open("/tables");
        await().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        browser.driver.findElement(By.id("var-age")).click();
        browser.driver.findElement(By.cssSelector("#groups-age summary")).click();
        browser.driver.findElement(By.id("group-label-age")).sendKeys("Everyone");
        browser.driver.findElement(By.id("group-add-age")).click();
        violations().forEach(v -> found.add("/tables (a group formed): " + v));
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("level")))
                .selectByValue("data-zones-2011");
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("within")))
                .selectByValue("S12000033");
        browser.driver.findElement(By.id("build-table")).click();
        await().until(ExpectedConditions.attributeToBe(By.id("table-output"), "data-interactive", "true"));
        browser.driver.findElement(By.cssSelector("button.sort[data-col='0']")).click();
        violations().forEach(v -> found.add("/tables (areas as rows, sorted): " + v));
        assertThat(found).as("axe WCAG 2.1 A/AA violations").isEmpty();
    }

    @Test
    void aTableOfAreasIsSortedFilteredAndPagedWithTheKeyboardAlone() {
        open("/tables");
        await().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("level")))
                .selectByValue("data-zones-2011");
        browser.driver.findElement(By.id("build-table")).sendKeys(Keys.ENTER);
        await().until(ExpectedConditions.attributeToBe(By.id("table-output"), "data-interactive", "true"));
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("table.areas-grid tbody tr"));
        assertThat(rows).hasSize(21);
        // Tab from the page's controls to the first column's sort button; Enter sorts, largest first; Enter again,
        // smallest first.
        browser.driver.findElement(By.id("grid-page")).click();
        WebElement focused = tabUntil("data-col", "0", 10);
        assertThat(focused.getAttribute("data-col")).isEqualTo("0");
        assertThat(focused.getCssValue("outline-style")).isEqualTo("solid");
        focused.sendKeys(Keys.ENTER);
        assertThat(columnValues(0)).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(focused.findElement(By.xpath("..")).getAttribute("aria-sort"))
                .isEqualTo("descending");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        assertThat(columnValues(0)).isSorted();
        // the filter finds areas by name from the keyboard
        WebElement find = browser.driver.findElement(By.id("grid-find"));
        find.sendKeys("Culter");
        await().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("table.areas-grid tbody tr"), 7));
        assertThat(browser.driver.findElement(By.id("grid-status")).getText()).contains("of 7 areas");
    }

    /** The numbers of column {@code col} of the rows shown, withheld and no-data cells left out. */
    /**
     * Presses Tab until the focused element's {@code attribute} is {@code value}, at most {@code
     * maxTabs} times; returns the element focused last (the caller checks it is the one wanted).
     */
    private static WebElement tabUntil(String attribute, String value, int maxTabs) {
        WebElement focused = null;
        for (int i = 0; i < maxTabs; i++) {
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            focused = browser.driver.switchTo().activeElement();
            if (value.equals(focused.getAttribute(attribute))) {
                break;
            }
        }
        return focused;
    }

    private static List<Long> columnValues(int col) {
        List<Long> out = new ArrayList<>();
        for (WebElement row : browser.driver.findElements(By.cssSelector("table.areas-grid tbody tr"))) {
            String text = row.findElements(By.tagName("td")).get(col).getText().replace(",", "");
            if (text.matches("\\d+")) {
                out.add(Long.parseLong(text));
            }
        }
        return out;
    }
}
