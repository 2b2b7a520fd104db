package scot.cairn.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import scot.cairn.server.PublisherApplication;

/**
 * The flows of the web interface in a real browser (Debian's headless Chromium), against the
 * whole application started on a free port with the bundled examples: find a dataset, take a
 * slice and download it, browse to a data zone, run a SPARQL query, build a table with withheld
 * cells, open a profile. Each test saves a screenshot under web/target/screenshots.
 */
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.data-dir=target/browser-it-data/${random.uuid}",
            "cairn.fuseki.port=0",
            "cairn.profiles.dir=../../cube-definitions/profiles"
        })
class WebInterfaceIT extends BrowserTest {
    private static final String DZ_URI = "http://statistics.gov.scot/id/statistical-geography/S01006506";
    private static final String YEAR_2022 = "http://reference.data.gov.uk/id/year/2022";
    private static final String COUNT = "http://statistics.gov.scot/def/measure-properties/count";

    private WebElement find(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    /** Ticks a checkbox, whatever its state was. */
    private void check(String css) {
        if (!find(css).isSelected()) {
            find(css).click();
        }
        assertThat(find(css).isSelected()).as(css).isTrue();
    }

    private String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    /**
     * Server time per page: each page fetched over loopback 5 times to warm up, then 30 times
     * timed; the median and the slowest of the 30 are written to target/page-timings.txt (the
     * figures of docs/BENCHMARKS.md, read against the 300 ms target there, not asserted: on a shared
     * machine they measure the load). Every answer must be a whole page. The pages' JSON calls (/tabulate, /sparql) are the
     * existing endpoints', measured in their own sections of docs/BENCHMARKS.md.
     */
    @Test
    void everyPageIsRenderedAndTimed() throws Exception {
        String slice = "/datasets/free-school-meals?show=1&"
                + enc("http://purl.org/linked-data/sdmx/2009/dimension#refArea") + "=" + enc(DZ_URI) + "&"
                + enc("http://purl.org/linked-data/sdmx/2009/dimension#refPeriod") + "=" + enc(YEAR_2022);
        List<String> pages = List.of(
                "/",
                "/?q=meals&theme=education",
                "/datasets/free-school-meals",
                slice,
                "/datasets/council-tax-collection",
                "/areas",
                "/areas/S92000003",
                "/areas/S12000033",
                "/areas/S01006506",
                "/query",
                "/tables");
        HttpClient http = HttpClient.newHttpClient();
        StringBuilder report = new StringBuilder("page\tmedian ms\tmax ms (30 requests after 5 warm-up)\n");
        for (String page : pages) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + page))
                    .header("Accept", "text/html")
                    .build();
            long[] nanos = new long[30];
            for (int i = -5; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long t = System.nanoTime() - t0;
                assertThat(r.statusCode()).as(page).isEqualTo(200);
                assertThat(new String(r.body(), StandardCharsets.UTF_8))
                        .as(page)
                        .contains("<main id=\"main\"");
                if (i >= 0) {
                    nanos[i] = t;
                }
            }
            java.util.Arrays.sort(nanos);
            double median = nanos[nanos.length / 2] / 1e6;
            double max = nanos[nanos.length - 1] / 1e6;
            report.append(String.format(java.util.Locale.ROOT, "%s\t%.1f\t%.1f%n", page, median, max));
        }
        double[] load = {
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()
        };
        report.append(String.format(java.util.Locale.ROOT, "load average (1 min) at the end: %.2f%n", load[0]));
        System.out.print(report);
        Files.writeString(Path.of("target/page-timings.txt"), report);
    }

    @Test
    void theLinkedDataPagesKeepTheirContentNegotiationAndUnknownPagesAre404() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + port;
        HttpResponse<String> html = http.send(
                HttpRequest.newBuilder(URI.create(base + "/data/free-school-meals"))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(html.body())
                .contains("Free School Meal Registrations (example)")
                .doesNotContain("Skip to main content");
        HttpResponse<String> turtle = http.send(
                HttpRequest.newBuilder(URI.create(base + "/data/free-school-meals"))
                        .header("Accept", "text/turtle")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(turtle.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/turtle");
        assertThat(turtle.body()).contains("qb:DataSet");
        for (String missing : List.of("/datasets/no-such-dataset", "/areas/S99999999")) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + missing))
                            .header("Accept", "text/html")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(missing).isEqualTo(404);
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * Every kind of page, its scripts run and its maps drawn, under the server's
     * Content-Security-Policy, reports no violation; and the check itself works: a style sheet
     * added by a script is blocked and reported.
     */
    @Test
    void noPageViolatesTheContentSecurityPolicyAndAViolationWouldBeSeen() {
        List<String> pages = List.of(
                "/",
                "/datasets/free-school-meals",
                "/datasets/free-school-meals?show=1",
                "/areas",
                "/areas/S12000033",
                "/areas/S01006506",
                "/query",
                "/tables",
                "/data/free-school-meals",
                "/def/dimension/gender",
                "/data",
                "/calendar",
                "/profiles/example-local/areas/S12000033.html",
                "/sparql",
                "/no/such/page");
        for (String page : pages) {
            open(page);
            await().until(
                            d -> Boolean.TRUE.equals(
                                    browser.driver.executeScript(
                                            "return document.readyState === 'complete' && !document.querySelector('[data-map-state=loading]');")));
            assertThat(browser.cspViolations()).as(page).isEmpty();
        }
        open("/");
        browser.driver.executeScript(
                "var s = document.createElement('style'); s.textContent = 'body { color: red }'; document.head.appendChild(s);");
        await().until(d -> !browser.cspViolations().isEmpty());
    }

    @Test
    void aVisitorFindsADatasetByWordsAndTheme() throws Exception {
        open("/");
        assertThat(find("h1").getText()).isEqualTo("Find statistics");
        // Keyboard: the first Tab reaches the skip link, which leads to the main content.
        find("body").sendKeys(Keys.TAB);
        WebElement skip = browser.driver.switchTo().activeElement();
        assertThat(skip.getText()).isEqualTo("Skip to main content");
        assertThat(skip.getAttribute("href")).endsWith("#main");

        find("#q").sendKeys("meals");
        new Select(find("#theme")).selectByValue("education");
        new Select(find("#level")).selectByVisibleText("Data Zones 2011");
        find("form.filters button[type=submit]").click();
        await().until(ExpectedConditions.textToBe(By.id("result-count"), "1 of 2 datasets"));
        List<WebElement> titles = browser.driver.findElements(By.cssSelector(".result h2 a"));
        assertThat(titles).extracting(WebElement::getText).containsExactly("Free School Meal Registrations (example)");
        assertThat(find(".result").getText())
                .contains("Next update due", "2025-06-01", "Last updated", "Cairn example publisher");
        browser.screenshot("catalogue");

        new Select(find("#theme")).selectByValue("local-government");
        find("form.filters button[type=submit]").click();
        await().until(ExpectedConditions.textToBe(By.id("result-count"), "0 of 2 datasets"));

        open("/?q=meals");
        titles.clear();
        find(".result h2 a").click();
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "Free School Meal Registrations (example)"));
        assertThat(find("#tab-data").getAttribute("aria-selected")).isEqualTo("true");
        assertThat(find("#about-panel").isDisplayed()).isFalse();
        find("#tab-about").click();
        assertThat(find("#tab-about").getAttribute("aria-selected")).isEqualTo("true");
        assertThat(find("#data").isDisplayed()).isFalse();
        assertThat(browser.driver.getCurrentUrl()).endsWith("#about-panel");
        String about = find("section[aria-labelledby=about]").getText();
        assertThat(about)
                .contains("Open Government Licence v3.0", "Quality notes", "Counts under 5", "Data Zones 2011");
        String structure = find("section[aria-labelledby=structure]").getText();
        assertThat(structure).contains("Sex", "Female", "Male", "Count", "Pupils", "Percent", "2021", "2023");
        browser.screenshot("dataset");
    }

    @Test
    void aSliceIsPreviewedAndItsCsvDownloadHoldsExactlyTheChosenRows() throws Exception {
        open("/datasets/free-school-meals");
        new Select(find("#areas")).selectByValue(DZ_URI);
        find("input[value='" + YEAR_2022 + "']").click();
        find("input[value='" + COUNT + "']").click();
        find("#show-rows").click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#preview table")));

        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#preview tbody tr"));
        assertThat(rows).hasSize(3); // all, female, male
        for (WebElement row : rows) {
            assertThat(row.getText()).contains("S01006506", "2022", "Count");
        }
        // The chart follows the chosen area, with its figures as a table too.
        assertThat(find("svg.chart title").getAttribute("textContent")).contains("Culter - 01 (S01006506)");
        assertThat(browser.driver.findElements(By.cssSelector("svg.chart circle")))
                .isNotEmpty();
        assertThat(find("#slice-sparql").getAttribute("textContent")).contains("VALUES ?area { <" + DZ_URI + "> }");
        browser.screenshot("slice", "#slice-form fieldset:nth-of-type(2)");
        browser.screenshot("chart", "#chart");

        find("#tab-download").click();
        find("#download-csv").click();
        Path csv = browser.awaitDownload(".csv", Duration.ofSeconds(30));
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("FeatureCode,FeatureName,DateCode,Measurement");
        assertThat(lines.subList(1, lines.size()))
                .hasSize(3)
                .allSatisfy(l -> assertThat(l).startsWith("S01006506,").contains(",2022,Count,"));

        String jsonStat = get(find("#download-json").getAttribute("href"));
        assertThat(jsonStat).contains("\"version\":\"2.0\"").contains("S01006506");
        String rdf = get(find("#download-rdf").getAttribute("href"));
        assertThat(rdf).contains(DZ_URI).contains(YEAR_2022);
    }

    @Test
    void aVisitorBrowsesFromScotlandDownToADataZone() throws Exception {
        open("/areas");
        browser.driver.findElement(By.linkText("Scotland")).click();
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "Scotland"));
        browser.driver.findElement(By.linkText("Aberdeen City")).click();
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "Aberdeen City"));
        browser.driver.findElement(By.linkText("Culter")).click();
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "Culter"));
        browser.driver.findElement(By.linkText("Culter - 01")).click();
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "Culter - 01"));
        assertThat(find(".breadcrumb").getText()).contains("Scotland", "Aberdeen City", "Culter");
        assertThat(find(".lead").getText()).contains("Data Zone 2011", "S01006506");
        WebElement dataset = browser.driver.findElement(By.linkText("Free School Meal Registrations (example)"));
        browser.screenshot("data-zone");
        open("/areas/S12000033");
        browser.screenshot("council");
        open("/areas/S01006506");
        dataset = browser.driver.findElement(By.linkText("Free School Meal Registrations (example)"));
        dataset.click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#preview table")));
        assertThat(browser.driver.findElements(By.cssSelector("#preview tbody tr")))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.getText()).contains("S01006506"));
    }

    @Test
    void aSparqlExampleRunsAndItsResultsAreShownAsATable() throws Exception {
        open("/query");
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".CodeMirror")));
        new Select(find("#example")).selectByValue("02-intermediate-zones-in-a-council");
        find("#load-example").click();
        String text = (String) browser.driver.executeScript("return window.cairnEditor.getValue();");
        assertThat(text).contains("S12000036");
        // the editor highlights SPARQL keywords
        assertThat(browser.driver.findElements(By.cssSelector(".CodeMirror .cm-keyword")))
                .isNotEmpty();
        find("#run-query").click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("results-table")));
        List<String> rows = browser.driver.findElements(By.cssSelector("#results-table tbody tr")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(rows).containsExactly("S02001578 Currie East", "S02001630 Jewel, Brunstane and Newcraighall");
        assertThat(find("#query-status").getText()).startsWith("2 rows");
        browser.screenshot("query");

        String csv = get(find("#download-csv").getAttribute("href"));
        assertThat(csv.strip().split("\r?\n"))
                .containsExactly(
                        "code,name", "S02001578,Currie East", "S02001630,\"Jewel, Brunstane and Newcraighall\"");

        browser.driver.executeScript("window.cairnEditor.setValue('SELECT * WHERE { ?s ?p }');");
        find("#run-query").click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("query-error")));
        assertThat(find("#query-error").getText()).contains("Error 400").contains("line 1");
    }

    @Test
    void aTableShowsWithheldCellsWithTheReasonInWords() throws Exception {
        open("/tables");
        await().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        new Select(find("#dataset")).selectByValue("persons");
        check("#var-sex");
        check("#var-age");
        check("#var-health");
        new Select(find("#level")).selectByValue("data-zones-2011");
        find("#build-table").click();
        await().until(ExpectedConditions.textMatches(
                By.id("table-status"), java.util.regex.Pattern.compile("Table built")));
        assertThat(find("#table-status").getText()).contains("withheld");
        List<WebElement> withheld = browser.driver.findElements(By.cssSelector(".withheld"));
        assertThat(withheld).isNotEmpty();
        assertThat(withheld.get(0).getText())
                .contains("Withheld", "too many of this area's cells hold very few persons", "Ask for less detail");
        List<WebElement> cells = browser.driver.findElements(By.cssSelector("td.withheld-cell"));
        assertThat(cells).isNotEmpty().allSatisfy(c -> assertThat(c.getText()).startsWith("\u2715 withheld"));
        assertThat(find("#table-notes").getText()).contains("Why cells are withheld", "sparsity");
        browser.screenshot("table", "#table-status");

        String csv = get(find("#download-csv").getAttribute("href"));
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo("area,area_name,sex,sex_label,age,age_label,health,health_label,count,total,withheld");
        assertThat(csv).contains("S01006508");

        // Business sums: cells withheld (too few contributors, or so that none can be derived), explained by the one
        // rule.
        new Select(find("#dataset")).selectByValue("businesses");
        check("#var-industry");
        check("#var-size");
        new Select(find("#level")).selectByValue("council-areas");
        new Select(find("#measure")).selectByValue("sum");
        new Select(find("#magnitude")).selectByValue("employees");
        find("#build-table").click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("table-notes"), "over too few businesses"));
        assertThat(find("#table-notes").getText())
                .contains("magnitude-suppression")
                .doesNotContain("min-frequency", "dominance");
        assertThat(browser.driver.findElements(By.cssSelector("table.areas-grid td.withheld-cell")))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.getText()).matches("\u2715 withheld\\[\\d\\]"));
        browser.screenshot("table-businesses", "#table-notes");
    }

    @Test
    void theDataZonesOfACouncilAreTabulatedAsRowsWithAgeBandsFormedOnThePage() throws Exception {
        open("/tables");
        await().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        new Select(find("#dataset")).selectByValue("persons");
        check("#var-age");
        find("#groups-age summary").click();
        // Three bands from the eight ages, from the keyboard: choose the range, name it, add it.
        String[][] bands = {
            {"0 to 15", "0 to 15", "Children"},
            {"16 to 24", "55 to 64", "Working age"},
            {"65 to 74", "75 and over", "Older"}
        };
        for (String[] band : bands) {
            new Select(find("#group-from-age")).selectByVisibleText(band[0]);
            new Select(find("#group-to-age")).selectByVisibleText(band[1]);
            find("#group-label-age").sendKeys(band[2]);
            find("#group-add-age").sendKeys(Keys.ENTER);
            await().until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#groups-age .group-message"), band[2]));
        }
        assertThat(find("#groups-age summary").getText()).contains("3 groups");
        new Select(find("#level")).selectByValue("data-zones-2011");
        new Select(find("#within")).selectByValue("S12000033");
        find("#build-table").click();
        await().until(ExpectedConditions.attributeToBe(By.id("table-output"), "data-interactive", "true"));
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("table.areas-grid tbody tr"));
        assertThat(rows)
                .hasSize(12)
                .allSatisfy(r -> assertThat(r.getAttribute("data-area")).startsWith("S01"));
        List<String> headers = browser.driver.findElements(By.cssSelector("table.areas-grid thead th")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(String.join("|", headers)).contains("Children", "Working age", "Older", "Male", "Female", "Total");
        browser.screenshot("table-areas-as-rows", "#table-status");

        // The page shows what the service releases for the same request, asked by GET.
        String url = "http://localhost:" + port
                + "/tabulate?dataset=persons&variables=sex,age&level=data-zones-2011&within=S12000033" + "&group="
                + enc("age:Children=1") + "&group=" + enc("age:Working age=2|3|4|5|6") + "&group="
                + enc("age:Older=7|8");
        JsonNode table = new com.fasterxml.jackson.databind.ObjectMapper().readTree(get(url));
        String zone = rows.get(0).getAttribute("data-area");
        long expected = -1;
        for (JsonNode c : table.get("cells")) {
            if (c.get("area").asText().equals(zone)
                    && c.get("categories").toString().equals("[\"_T\",\"g2\"]")) {
                expected = c.get("count").asLong();
            }
        }
        // columns: Male (Children, Working age, Older, Total), Female (...), Total (Children, Working age, ...)
        String shown =
                rows.get(0).findElements(By.tagName("td")).get(9).getText().replace(",", "");
        assertThat(shown).isEqualTo(Long.toString(expected));
        String csv = get(find("#download-csv").getAttribute("href"));
        assertThat(csv.lines().skip(1).toList())
                .hasSize(12 * 3 * 4)
                .allSatisfy(l -> assertThat(l).startsWith("S01"));
        assertThat(csv).contains(",g2,Working age,");
    }

    @Test
    void theDataZonesOfACouncilAreOneSliceInTheSliceBuilderItsDownloadsAndItsMap() throws Exception {
        open("/datasets/free-school-meals");
        new Select(find("#level")).selectByValue("data-zones-2011");
        new Select(find("#within")).selectByValue("S12000036");
        find("input[value='" + YEAR_2022 + "']").click();
        find("#show-rows").click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#preview table")));
        assertThat(find("#preview caption").getText()).contains("Data Zones 2011 in City of Edinburgh");
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#preview tbody tr"));
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.getText()).contains("S0100"));
        assertThat(rows).noneSatisfy(r -> assertThat(r.getText()).contains("Culter"));
        assertThat(find("#slice-sparql").getAttribute("textContent"))
                .contains("foi/within> <http://statistics.gov.scot/id/statistical-geography/S12000036>");
        find("#tab-download").click();
        String csvUrl = find("#download-csv").getAttribute("href");
        assertThat(csvUrl).contains("level=data-zones-2011&within=S12000036");
        List<String> lines = get(csvUrl).lines().toList();
        assertThat(lines.subList(1, lines.size()))
                .hasSize(rows.size())
                .allSatisfy(l -> assertThat(l).contains(",2022,"));
        find("#tab-api").click();
        assertThat(find("#api-r").getText())
                .contains("read.csv(\"http://localhost:" + port + "/slice/observations.csv?");
        browser.screenshot("dataset-api", "#api");
        // the map offers the same choice, and draws only the council's data zones
        find("#tab-data").click();
        new Select(find("#mapWithin")).selectByValue("S12000036");
        find("#show-map").click();
        await().until(ExpectedConditions.attributeToBe(By.id("choropleth"), "data-map-state", "ready"));
        assertThat(MapChecks.drawnAreas(browser.driver, "choropleth-map")).isEqualTo(9);
        assertThat(rows).hasSize(9 * 3 * 2); // 9 data zones x 3 sexes x 2 measures
        // A council's page lists the data-zone dataset for its data zones, opening the same slice.
        open("/areas/S12000036");
        WebElement link = browser.driver.findElement(By.linkText("Free School Meal Registrations (example)"));
        assertThat(link.findElement(By.xpath("..")).getText()).contains("figures for its 9 data zones");
        link.click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#preview table")));
        assertThat(new Select(find("#within")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("S12000036");
    }

    @Test
    void aLocalityMadeFromDataZonesIsTabulatedAndItsProfileOpens() throws Exception {
        open("/tables");
        await().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        find("#where-locality").click();
        find("#new-locality summary").click();
        find("#locality-name").sendKeys("Browser Culter");
        for (String dz : List.of("S01006506", "S01006507", "S01006508", "S01006509")) {
            find("#dz-" + dz).click();
        }
        find("#save-locality").click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("locality-status"), "Saved"));
        assertThat(new Select(find("#locality")).getFirstSelectedOption().getText())
                .startsWith("Browser Culter");
        find("#build-table").click();
        await().until(ExpectedConditions.textMatches(
                By.id("table-status"), java.util.regex.Pattern.compile("Table built")));
        assertThat(find("#table-output h2").getText()).contains("Browser Culter");

        open("/areas/S12000033");
        browser.driver
                .findElement(By.linkText("Example local profile (synthetic example data)"))
                .click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(
                By.tagName("h1"), "Aberdeen City (S12000033)"));
        assertThat(find("body").getText()).contains("Pupils registered for free school meals");
        browser.screenshot("profile");

        open("/profiles/example-local/localities/browser-culter.html");
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Browser Culter"));
    }

    // ---- Maps (the bundled schematic example boundaries, loaded on first start) ----------------

    private WebElement area(String mapId, String code) {
        return find("#" + mapId + " path[data-code='" + code + "']");
    }

    @Test
    void aSliceIsMappedWithItsLegendAndTheMapImageDownloads() throws Exception {
        open("/datasets/free-school-meals?mapPeriod=" + enc(YEAR_2022) + "&mapMeasure=" + enc(COUNT));
        assertThat(MapChecks.awaitMap(browser.driver, "#choropleth", Duration.ofSeconds(30)))
                .isEqualTo("ready");
        String base = "http://localhost:" + port;
        String query = MapChecks.mapQuery(browser.driver);
        assertThat(query).contains("level=data-zones-2011", "period=" + enc(YEAR_2022), "measure=" + enc(COUNT));
        JsonNode answer = MapChecks.json(base + "/maps/choropleth.json?" + query);
        JsonNode boundaries = MapChecks.json(base + "/maps/boundaries/data-zones-2011.geojson");
        // every area with a boundary is drawn, once
        assertThat(MapChecks.drawnAreas(browser.driver, "choropleth-map"))
                .isEqualTo(boundaries.path("features").size())
                .isEqualTo(answer.path("areas").size());
        List<String> codes = new java.util.ArrayList<>();
        answer.path("areas").fieldNames().forEachRemaining(codes::add);
        // each area has the colour and pattern of its class in the legend; the suppressed one its own
        assertThat(MapChecks.colourMismatches(browser.driver, answer, codes)).isEmpty();
        assertThat(answer.path("areas").path("S01006515").path("status").asText())
                .isEqualTo("suppressed");
        assertThat(area("choropleth-map", "S01006515").getAttribute("data-state"))
                .isEqualTo("suppressed");
        assertThat(MapChecks.drawnFills(browser.driver, List.of("S01006515"))
                        .get("S01006515")
                        .get("pattern"))
                .isEqualTo(answer.path("suppressed").path("pattern").asText())
                .isNotEqualTo("solid");
        // the legend: the method, each class's range, and the no-data and suppressed swatches
        String legend = find("#map-legend").getText();
        assertThat(legend).contains("Classes: " + answer.path("method").asText());
        answer.path("classes")
                .forEach(c -> assertThat(legend).contains(c.path("label").asText()));
        assertThat(legend)
                .contains(
                        answer.path("noData").path("label").asText(),
                        answer.path("suppressed").path("label").asText());
        assertThat(browser.driver.findElements(By.cssSelector("#map-legend li")))
                .hasSize(answer.path("classes").size() + 2);

        // hover shows the name and value
        new Actions(browser.driver)
                .moveToElement(area("choropleth-map", "S01006506"))
                .perform();
        await().until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("map-info"), "Culter - 01 (S01006506): 7"));
        new Actions(browser.driver)
                .moveToElement(area("choropleth-map", "S01006515"))
                .perform();
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("map-info"), "(S01006515): suppressed"));

        // keyboard: Tab reaches the map, arrows move between areas (name and value shown), Enter opens the area
        WebElement mapEl = find("#choropleth-map");
        browser.driver.executeScript("document.getElementById('map-form').querySelector('button').focus();");
        browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("choropleth-map");
        String first = find("#map-info").getText();
        assertThat(first).matches("(?s).+ \\(S0100\\d{4}\\): .+");
        mapEl.sendKeys(Keys.ARROW_RIGHT);
        mapEl.sendKeys(Keys.ARROW_DOWN);
        String moved = find("#map-info").getText();
        assertThat(moved).matches("(?s).+ \\(S0100\\d{4}\\): .+");
        String movedCode = moved.replaceFirst("(?s).* \\((S0100\\d{4})\\): .*", "$1");
        // the area named is the one outlined on the map
        assertThat(area("choropleth-map", movedCode).getAttribute("stroke-width"))
                .isEqualTo("3");
        browser.screenshot("map-choropleth", "#map");

        // the same figures as a table
        find("#map-table-toggle").click();
        assertThat(find("#map-table-toggle").getAttribute("aria-expanded")).isEqualTo("true");
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#map-table tbody tr"));
        assertThat(rows).hasSize(answer.path("areas").size());
        assertThat(rows).anySatisfy(r -> assertThat(r.getText()).contains("S01006515", "suppressed"));
        assertThat(rows).anySatisfy(r -> assertThat(r.getText()).contains("Culter - 01", "S01006506", "7"));
        browser.screenshot("map-table", "#map-table-toggle");

        // the map image: a valid SVG with the title, the legend and the source line
        HttpResponse<byte[]> svg = MapChecks.fetch(find("#map-download-svg").getAttribute("href"));
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", ".svg");
        MapChecks.assertSvgMapWithLegend(svg.body(), answer);
        assertThat(new String(svg.body(), StandardCharsets.UTF_8))
                .contains(answer.path("title").asText());
        find("#map-download-svg").click();
        Path saved = browser.awaitDownload(".svg", Duration.ofSeconds(30));
        MapChecks.assertSvgMapWithLegend(Files.readAllBytes(saved), answer);
        // and as a PNG image of the same map
        HttpResponse<byte[]> png = MapChecks.fetch(find("#map-download-png").getAttribute("href"));
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", ".png");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
        assertThat(image).as("the PNG map image").isNotNull();
        assertThat(image.getWidth()).isGreaterThan(200);

        // another measure of the same slice is drawn on the same boundaries
        new Select(find("#mapMeasure")).selectByVisibleText("Ratio");
        find("#show-map").click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("map-legend"), "Ratio"));
        MapChecks.awaitMap(browser.driver, "#choropleth", Duration.ofSeconds(30));
        JsonNode ratio = MapChecks.json(base + "/maps/choropleth.json?" + MapChecks.mapQuery(browser.driver));
        assertThat(MapChecks.colourMismatches(browser.driver, ratio, codes)).isEmpty();
        assertThat(browser.driver.getCurrentUrl()).contains("mapMeasure=");

        // selecting an area opens its page, with its locator map
        mapEl.sendKeys(Keys.ENTER);
        await().until(ExpectedConditions.urlContains("/areas/"));
        assertThat(browser.driver.getCurrentUrl()).matches(".*/areas/S0100\\d{4}$");
        open("/datasets/free-school-meals");
        MapChecks.awaitMap(browser.driver, "#choropleth", Duration.ofSeconds(30));
        area("choropleth-map", "S01006508").click();
        await().until(ExpectedConditions.urlContains("/areas/S01006508"));
    }

    @Test
    void anAreaPageShowsTheAreaWithinItsParent() throws Exception {
        open("/areas/S01006506");
        assertThat(MapChecks.awaitMap(browser.driver, "#locator", Duration.ofSeconds(30)))
                .isEqualTo("ready");
        JsonNode locator = MapChecks.json("http://localhost:" + port + "/maps/locator/S01006506.geojson");
        List<WebElement> drawn = browser.driver.findElements(By.cssSelector("#locator-map path[data-role]"));
        assertThat(drawn).hasSize(locator.path("features").size());
        assertThat(browser.driver.findElements(
                        By.cssSelector("#locator-map path[data-role=area][data-code=S01006506]")))
                .hasSize(1);
        assertThat(browser.driver.findElements(By.cssSelector("#locator-map path[data-role=parent]")))
                .hasSize(1);
        assertThat(browser.driver.findElements(By.cssSelector("#locator-map path[data-role=sibling]")))
                .isNotEmpty();
        assertThat(find("#locator-caption").getText()).contains("Culter - 01 is shown hatched within Culter");
        browser.screenshot("map-locator", "#where");
        find("#locator-caption a").click();
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "Culter"));
        MapChecks.awaitMap(browser.driver, "#locator", Duration.ofSeconds(30));

        // Scotland has no boundary loaded: the page says so and draws no map
        open("/areas/S92000003");
        assertThat(find("#locator-status").getText()).startsWith("No boundaries loaded for this level");
        assertThat(browser.driver.findElements(By.cssSelector(".leaflet-container")))
                .isEmpty();
    }

    /** The population the table service releases for these data zones: its count, or -1 when it refuses the area as too small. */
    private long servicePopulation(List<String> zones) throws Exception {
        String body = "{\"dataset\":\"persons\",\"variables\":[],\"geography\":{\"dataZones\":"
                + MapChecks.JSON.writeValueAsString(zones) + "}}";
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/tabulate"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 422) {
            assertThat(r.body()).contains("min-custom-population", "fewer than 200 persons");
            return -1;
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode cells = MapChecks.JSON.readTree(r.body()).path("cells");
        assertThat(cells.size()).isEqualTo(1);
        return cells.get(0).path("count").asLong();
    }

    @Test
    void aLocalityIsBuiltOnTheMapWithThePopulationTheTableServiceReleases() throws Exception {
        open("/tables");
        await().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        find("#where-locality").click();
        find("#new-locality summary").click();
        assertThat(MapChecks.awaitMap(browser.driver, "#locality-builder", Duration.ofSeconds(30)))
                .isEqualTo("ready");
        assertThat(MapChecks.drawnAreas(browser.driver, "builder-map"))
                .isEqualTo(browser.driver.findElements(By.cssSelector(".dz")).size());
        assertThat(find("#locality-population").getText()).contains("No data zones chosen yet", "at least 200 persons");

        // one small data zone: below the minimum, so no figure is shown
        int mapTop = find("#builder-map").getLocation().getY();
        area("builder-map", "S01008717").click();
        assertThat(find("#dz-S01008717").isSelected()).isTrue();
        await().until(ExpectedConditions.attributeToBe(By.id("locality-population"), "data-state", "below-minimum"));
        assertThat(servicePopulation(List.of("S01008717"))).isEqualTo(-1);
        assertThat(find("#locality-population").getText())
                .contains("fewer than the minimum of 200 persons")
                .doesNotContainPattern("\\b99\\b");
        area("builder-map", "S01008717").click();
        assertThat(find("#dz-S01008717").isSelected()).isFalse();

        // three data zones clicked on the map: ticked in the list, and the service's count for them shown
        List<String> three = List.of("S01006506", "S01006507", "S01006508");
        for (String dz : three) {
            area("builder-map", dz).click();
            // the lines above the map change when the count comes back: let the page settle before the next click,
            // or the map may move between the pointer's move and its click (a click then lands on a neighbour)
            await().until(ExpectedConditions.elementToBeSelected(By.id("dz-" + dz)));
            await().until(d -> !"asking".equals(find("#locality-population").getAttribute("data-state")));
        }
        for (String dz : three) {
            assertThat(find("#dz-" + dz).isSelected()).as(dz).isTrue();
            assertThat(area("builder-map", dz).getAttribute("data-selected")).isEqualTo("true");
        }
        await().until(ExpectedConditions.attributeToBe(By.id("locality-population"), "data-state", "released"));
        // the lines above the map changed text several times, and the map stayed where it was under the pointer
        assertThat(find("#builder-map").getLocation().getY()).isEqualTo(mapTop);
        long released = servicePopulation(three);
        assertThat(released).isGreaterThanOrEqualTo(200);
        assertThat(find("#locality-population").getAttribute("data-population")).isEqualTo(String.valueOf(released));
        assertThat(find("#locality-population").getText())
                .startsWith("3 data zones chosen: " + String.format(java.util.Locale.UK, "%,d", released) + " persons");
        browser.screenshot("map-locality", "#locality-population");

        // the list drives the map too
        find("#dz-S01006508").click();
        assertThat(area("builder-map", "S01006508").getAttribute("data-selected"))
                .isEqualTo("false");

        // a lasso around the whole map adds every data zone inside it, as /maps/areas-within answers for the drawn
        // polygon;
        // drawn once the population line above the map has its answer, so the map does not move during the drag
        await().until(ExpectedConditions.not(
                ExpectedConditions.attributeToBe(By.id("locality-population"), "data-state", "asking")));
        find("#lasso-toggle").click();
        assertThat(find("#lasso-toggle").getAttribute("aria-pressed")).isEqualTo("true");
        WebElement mapEl = find("#builder-map");
        int w = mapEl.getSize().getWidth() / 2 - 10, h = mapEl.getSize().getHeight() / 2 - 10;
        new Actions(browser.driver)
                .moveToElement(mapEl, -w + 40, -h + 10)
                .clickAndHold()
                .moveByOffset(2 * w - 60, 0)
                .moveByOffset(0, 2 * h - 20)
                .moveByOffset(-(2 * w - 60), 0)
                .moveByOffset(0, -(2 * h - 30))
                .release()
                .perform();
        await().until(ExpectedConditions.attributeToBeNotEmpty(find("#locality-builder"), "data-lasso-codes"));
        String polygon = find("#locality-builder").getAttribute("data-last-lasso");
        JsonNode within = MapChecks.json(
                "http://localhost:" + port + "/maps/areas-within?level=data-zones-2011&polygon=" + enc(polygon));
        List<String> inside = new java.util.ArrayList<>();
        within.path("codes").forEach(c -> inside.add(c.asText()));
        assertThat(inside).isNotEmpty();
        assertThat(find("#locality-builder").getAttribute("data-lasso-codes").split(" "))
                .containsExactlyInAnyOrderElementsOf(inside);
        for (String dz : inside) {
            assertThat(find("#dz-" + dz).isSelected())
                    .as(dz + " inside the lasso")
                    .isTrue();
        }
        await().until(ExpectedConditions.attributeToBe(By.id("locality-population"), "data-state", "released"));
        List<String> chosen = browser.driver.findElements(By.cssSelector(".dz:checked")).stream()
                .map(e -> e.getAttribute("value"))
                .toList();
        await().until(d -> String.valueOf(servicePopulationUnchecked(chosen))
                .equals(find("#locality-population").getAttribute("data-population")));
        find("#lasso-toggle").click();

        // saved as a locality, which the profiles open
        find("#locality-name").sendKeys("Map Culter");
        find("#save-locality").click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("locality-status"), "Saved"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#locality-profiles a")));
        find("#locality-profiles a").click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Map Culter"));
    }

    private long servicePopulationUnchecked(List<String> zones) {
        try {
            return servicePopulation(zones);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
