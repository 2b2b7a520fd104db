package scot.cairn.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.geography.Geography;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.server.PublisherApplication;
import scot.cairn.store.TripleStore;
import scot.cairn.tabulation.MicrodataDefinition;
import scot.cairn.tabulation.MicrodataStore;
import scot.cairn.tabulation.synthetic.SyntheticPopulation;
import scot.cairn.testsupport.RealData;
import scot.cairn.vocab.UriScheme;

/**
 * The council analyst's tables on real data: the official geography (6,976 data zones), the NRS
 * 2020 population by data zone published as a dataset, and person records built from the same
 * estimates and the census microdata teaching file (a fifth of the population, every council but
 * Orkney, whose 29 data zones the records therefore do not cover). In Chromium: the data zones of
 * one council and of all Scotland as rows of the table builder, a page at a time, sorted, paged and
 * filtered, with "no data" for Orkney told apart from a count of 0; and the data zones within a
 * council as one slice of a published dataset. Behaviour only: the times are
 * {@code TableBuilderBrowserBenchmark}'s. Skipped, with a message, when the real data is absent.
 */
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.data-dir=target/browser-table-real-it-data/${random.uuid}",
            "cairn.fuseki.port=0",
            "cairn.examples=false",
            "cairn.profiles.dir=../../cube-definitions/profiles"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TableBuilderRealDataIT extends BrowserTest {
    private static final String ABERDEEN = "S12000033";
    private static final String ORKNEY = "S12000023";
    /** Sex by age: (Male, Female, Total) x (8 bands, Total); the males of all ages are column 8. */
    private static final int MALES_ALL_AGES = 8;
    /** Sex alone: Male, Female, Total. */
    private static final int ALL_PERSONS = 2;

    @Autowired
    TripleStore store;

    @Autowired
    UriScheme uris;

    @Autowired
    MicrodataStore microdata;

    @Autowired
    @Qualifier("tabulationAreaHierarchy")
    AreaHierarchy hierarchy;

    private final Set<String> aberdeenZones = new HashSet<>();
    private final Set<String> orkneyZones = new HashSet<>();
    private int allZones;

    @BeforeAll
    void publishTheGeographyAPopulationDatasetAndPersonRecords() throws Exception {
        Path lookup = RealData.require("geography/Datazone2011lookup.csv");
        Path population = RealData.require("population/population20_dz11.csv");
        Path teaching = RealData.require("microdata/Scotland_teaching_file_1PCT.csv");
        Set<String> covered = new HashSet<>();
        try (Reader in = Files.newBufferedReader(lookup)) {
            for (CSVRecord r : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)) {
                String dz = r.get("DZ2011_Code"), council = r.get("LA_Code");
                allZones++;
                (council.equals(ORKNEY) ? orkneyZones : covered).add(dz);
                if (council.equals(ABERDEEN)) {
                    aberdeenZones.add(dz);
                }
            }
        }
        new GeographyLoader(uris).load(lookup, store);
        new CubeLoader(uris, AreaDirectory.of(Geography.fromStore(store, uris)))
                .load(
                        CubeDefinition.read(Path.of("../../cube-definitions/population-total-2020.yaml")),
                        population,
                        store);
        Path dir = Files.createDirectories(Path.of("target/table-real-population"));
        SyntheticPopulation.writeDefinitions(dir);
        SyntheticPopulation.writePersons(population, teaching, dir.resolve("persons.csv"), covered, 0.2, 2026);
        microdata.ingest(MicrodataDefinition.load(dir.resolve("persons.yaml")), dir.resolve("persons.csv"), hierarchy);
    }

    private WebElement find(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    private List<WebElement> rows() {
        return browser.driver.findElements(By.cssSelector("table.areas-grid tbody tr"));
    }

    private List<String> shownAreas() {
        return rows().stream().map(r -> r.getAttribute("data-area")).toList();
    }

    /** The figure of column {@code col} in a row as a number, or null when the cell holds no number. */
    private static Long figure(WebElement row, int col) {
        String text = row.findElements(By.tagName("td")).get(col).getText().replace(",", "");
        return text.matches("\\d+") ? Long.valueOf(text) : null;
    }

    /** Types a page number into the pager, replacing the one shown (clearing it would go to page 1 first). */
    private void goToPage(int page) {
        find("#grid-page").sendKeys(Keys.chord(Keys.CONTROL, "a"), Integer.toString(page), Keys.TAB);
    }

    /** Persons by sex (and age), data zones (within {@code within} when not empty): asked and drawn. */
    private void buildDataZoneTable(String within, boolean byAge) {
        open("/tables");
        await().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        new Select(find("#dataset")).selectByValue("persons");
        assertThat(find("#var-sex").isSelected()).isTrue();
        if (byAge) {
            find("#var-age").click();
        }
        new Select(find("#level")).selectByValue("data-zones-2011");
        new Select(find("#within")).selectByValue(within);
        find("#build-table").click();
        await().until(ExpectedConditions.attributeToBe(By.id("table-output"), "data-interactive", "true"));
    }

    private JsonNode servedTable(String within) throws Exception {
        String url = "http://localhost:" + port + "/tabulate?dataset=persons&variables=sex,age&level=data-zones-2011"
                + "&within=" + within;
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void theDataZonesOfOneCouncilArePagedSortedAndMatchTheService() throws Exception {
        buildDataZoneTable(ABERDEEN, true);
        int n = aberdeenZones.size();
        assertThat(n).isEqualTo(283);
        assertThat(find("#table-status").getText())
                .startsWith("Table built for 283 areas")
                .doesNotContain("no data");
        assertThat(find("#grid-status").getText()).isEqualTo("Rows 1 to 50 of 283 areas (page 1 of 6)");
        assertThat(shownAreas())
                .hasSize(50)
                .allSatisfy(a -> assertThat(aberdeenZones).contains(a));
        // 3 sexes x 9 ages of figures per row, under two header rows
        assertThat(rows().get(0).findElements(By.tagName("td"))).hasSize(27);

        List<String> seen = new ArrayList<>(shownAreas());
        find("#grid-next").click();
        assertThat(find("#grid-status").getText()).isEqualTo("Rows 51 to 100 of 283 areas (page 2 of 6)");
        assertThat(shownAreas()).hasSize(50).doesNotContainAnyElementsOf(seen);
        goToPage(6);
        assertThat(find("#grid-status").getText()).isEqualTo("Rows 251 to 283 of 283 areas (page 6 of 6)");
        assertThat(shownAreas()).hasSize(33);
        assertThat(find("#grid-next").isEnabled()).isFalse();

        // Sorted by the count of males (all ages), largest first: the first row is the service's largest.
        find("button.sort[data-col='" + MALES_ALL_AGES + "']").click();
        assertThat(find("#grid-status").getText()).startsWith("Rows 1 to 50 of 283");
        List<Long> shown = rows().stream().map(r -> figure(r, MALES_ALL_AGES)).toList();
        assertThat(shown).doesNotContainNull().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        long largest = -1;
        String largestArea = null;
        for (JsonNode c : servedTable(ABERDEEN).get("cells")) {
            if (c.get("categories").toString().equals("[\"1\",\"_T\"]")
                    && c.hasNonNull("count")
                    && c.get("count").asLong() > largest) {
                largest = c.get("count").asLong();
                largestArea = c.get("area").asText();
            }
        }
        assertThat(shown.get(0)).isEqualTo(largest);
        assertThat(figure(find("table.areas-grid tbody tr[data-area='" + largestArea + "']"), MALES_ALL_AGES))
                .isEqualTo(largest);
        assertThat(find("button.sort[data-col='" + MALES_ALL_AGES + "']")
                        .findElement(By.xpath(".."))
                        .getAttribute("aria-sort"))
                .isEqualTo("descending");
        // the same column again: smallest first
        find("button.sort[data-col='" + MALES_ALL_AGES + "']").click();
        assertThat(rows().stream().map(r -> figure(r, MALES_ALL_AGES)).toList())
                .doesNotContainNull()
                .isSorted();
        browser.screenshot("table-real-council-data-zones", "#table-status");
    }

    @Test
    void allDataZonesOfScotlandArePagedAndTheUncoveredOnesSayNoData() throws Exception {
        buildDataZoneTable("", false);
        assertThat(allZones).isEqualTo(6976);
        assertThat(find("#table-status").getText())
                .startsWith("Table built for 6,976 areas")
                .contains("; 29 with no data (the dataset does not cover them)")
                // a fifth of each zone's population by sex alone: no covered area is withheld, so the 29 come last
                .doesNotContain("withheld");
        assertThat(find("#grid-status").getText()).isEqualTo("Rows 1 to 50 of 6,976 areas (page 1 of 140)");
        // only the page shown is in the document, not 6,976 rows
        assertThat(rows()).hasSize(50);

        // An Orkney data zone: every cell "no data", never a number; a covered zone's cells hold numbers (0 included).
        String orkney = orkneyZones.iterator().next();
        find("#grid-find").sendKeys(orkney);
        await().until(ExpectedConditions.textToBe(By.id("grid-status"), "Rows 1 to 1 of 1 areas (page 1 of 1)"));
        assertThat(rows()).extracting(r -> r.getAttribute("data-area")).containsExactly(orkney);
        List<WebElement> cells = rows().get(0).findElements(By.tagName("td"));
        assertThat(cells)
                .hasSize(3)
                .allSatisfy(c -> assertThat(c.getText()).isEqualTo("no data"))
                .allSatisfy(c -> assertThat(c.getAttribute("class")).contains("no-data-cell"));
        find("#grid-find").clear();
        find("#grid-find").sendKeys("S01006506");
        await().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("table.areas-grid tbody tr[data-area='S01006506']")));
        assertThat(find("#grid-status").getText()).isEqualTo("Rows 1 to 1 of 1 areas (page 1 of 1)");
        assertThat(rows().get(0).findElements(By.tagName("td")))
                .allSatisfy(c -> assertThat(c.getText()).matches("[\\d,]+|\u2715 withheld\\[\\d\\]"))
                .anySatisfy(c -> assertThat(c.getText()).matches("[\\d,]+"));
        find("#grid-find").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        await().until(ExpectedConditions.textMatches(By.id("grid-status"), Pattern.compile("of 6,976 areas")));

        // Sorted by a column either way, the areas with no data come last: on the last page, 29 Orkney zones.
        for (int clicks = 0; clicks < 2; clicks++) {
            find("button.sort[data-col='" + ALL_PERSONS + "']").click();
            List<Long> top = rows().stream().map(r -> figure(r, ALL_PERSONS)).toList();
            assertThat(top).doesNotContainNull();
            assertThat(top).isSortedAccordingTo(clicks == 0 ? (a, b) -> Long.compare(b, a) : Long::compare);
            new Select(find("#grid-size")).selectByValue("25");
            goToPage(280);
            assertThat(find("#grid-status").getText())
                    .isEqualTo("Rows 6,976 to 6,976 of 6,976 areas (page 280 of 280)");
            goToPage(279);
            assertThat(shownAreas())
                    .hasSize(25)
                    .allSatisfy(a -> assertThat(orkneyZones).contains(a));
            new Select(find("#grid-size")).selectByValue("50");
        }
        browser.screenshot("table-real-scotland-data-zones", "#table-status");

        // The whole table downloads: one line per data zone, sex and age, Orkney's without counts.
        String csv = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(find("#download-csv").getAttribute("href")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(1 + 6976 * 3);
        assertThat(lines.stream().filter(l -> l.startsWith(orkney + ",")))
                .hasSize(3)
                .allSatisfy(l -> assertThat(l).contains("no-data"));
    }

    @Test
    void theDataZonesWithinACouncilAreOneSliceOfAPublishedDataset() throws Exception {
        open("/datasets/population-total-2020");
        find("#tab-data").click();
        new Select(find("#level")).selectByValue("data-zones-2011");
        new Select(find("#within")).selectByValue(ABERDEEN);
        find("#show-rows").click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#preview table")));
        assertThat(find("#preview caption").getText())
                .contains("The first 100 rows of the slice", "Data Zones 2011 in Aberdeen City");
        List<WebElement> preview = browser.driver.findElements(By.cssSelector("#preview tbody tr"));
        assertThat(preview).hasSize(100);
        find("#tab-download").click();
        String csvUrl = find("#download-csv").getAttribute("href");
        assertThat(csvUrl).contains("level=data-zones-2011&within=" + ABERDEEN);
        String csv = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(csvUrl)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        List<String> lines = csv.lines().skip(1).toList();
        // 283 data zones x 3 sexes, every one of them Aberdeen's
        assertThat(lines).hasSize(283 * 3);
        assertThat(lines.stream().map(l -> l.substring(0, l.indexOf(','))).distinct())
                .hasSize(283)
                .allSatisfy(dz -> assertThat(aberdeenZones).contains(dz));
        browser.screenshot("slice-real-within-council", "#download-csv");

        // The council's page offers the data-zone dataset for its data zones, and the link opens the same slice.
        open("/areas/" + ABERDEEN);
        WebElement link = browser.driver.findElement(By.linkText("Population Estimates 2020, All Ages"));
        assertThat(link.findElement(By.xpath("..")).getText()).contains("figures for its 283 data zones");
        link.click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#preview table")));
        assertThat(new Select(find("#within")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo(ABERDEEN);
    }
}
