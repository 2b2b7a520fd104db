package scot.cairn.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import scot.cairn.geography.Geography;
import scot.cairn.loaders.boundaries.BoundaryLoader;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.server.PublisherApplication;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.RealData;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/**
 * The maps at full scale: the official 2011 geography, the SIMD 2020v2 indicators and the real
 * 2011 data zone and intermediate zone boundaries (../shared/data/real/boundaries) published into
 * the running server. A data-zone choropleth draws all 6,976 areas with the legend's colours
 * (suppressed ones as such), becomes interactive (the time is recorded, not asserted), and downloads as an
 * SVG with its legend; a locality of three data zones clicked on the map shows the population the
 * table service releases for them. Before the boundaries are published, the pages say there are
 * none. Skipped, with a message, when the real data folder is absent.
 */
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.data-dir=target/browser-maps-real-data/${random.uuid}",
            "cairn.fuseki.port=0",
            "cairn.profiles.dir=../../cube-definitions/profiles"
        })
class MapsRealDataIT {
    /**
     * Navigations timed per renderer, after one warm-up: one in the functional run (each renderer
     * must draw every area); {@code -Dcairn.map-timing.runs=5} for the figures in docs/BENCHMARKS.md.
     */
    private static final int RUNS = Integer.getInteger("cairn.map-timing.runs", 1);

    @LocalServerPort
    int port;

    @Autowired
    TripleStore store;

    @Autowired
    UriScheme uris;

    private String base() {
        return "http://localhost:" + port;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aDataZoneChoroplethOfARealSliceIsDrawnCheckedTimedAndDownloaded() throws Exception {
        Path lookup = RealData.require("geography/Datazone2011lookup.csv");
        Path simd = RealData.require("simd/imd2020_dz11_scotland_indicators.csv");
        Path dz = RealData.require("boundaries/boundaries_dz11.geojson");
        Path iz = RealData.require("boundaries/boundaries_iz11.geojson");
        new GeographyLoader(uris).load(lookup, store);
        Geography geography = Geography.fromStore(store, uris);
        new CubeLoader(uris, AreaDirectory.of(geography))
                .load(CubeDefinition.read(Path.of("../../cube-definitions/simd-2020-indicators.yaml")), simd, store);

        try (Browser browser = new Browser()) {
            var driver = browser.driver;
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));

            // Without boundaries (the examples' schematic ones removed; the real ones not yet published):
            // the pages say so and draw no broken map.
            store.replaceGraphs(new GraphReplacement(
                    List.of(
                            uris.boundaryGraph(AreaLevel.DATA_ZONE),
                            uris.boundaryGraph(AreaLevel.INTERMEDIATE_ZONE),
                            uris.boundaryGraph(AreaLevel.COUNCIL)),
                    sink -> {}));
            driver.get(base() + "/datasets/simd-2020-indicators");
            assertThat(MapChecks.awaitMap(driver, "#choropleth", Duration.ofSeconds(30)))
                    .isEqualTo("unavailable");
            assertThat(driver.findElement(By.id("map-status")).getText())
                    .startsWith("No boundaries loaded for this level (Data Zones 2011)");
            assertThat(driver.findElements(By.cssSelector(".leaflet-container")))
                    .isEmpty();
            driver.get(base() + "/areas/S01006506");
            assertThat(driver.findElement(By.id("locator-status")).getText())
                    .startsWith("No boundaries loaded for this level");
            driver.get(base() + "/tables?council=S12000033");
            assertThat(driver.findElement(By.id("locality-builder")).getAttribute("textContent"))
                    .contains("No boundaries loaded for this level (data zones)");
            assertThat(driver.findElements(By.id("builder-map"))).isEmpty();

            long t0 = System.nanoTime();
            BoundaryLoader boundaries = new BoundaryLoader(uris);
            boundaries.load(dz, AreaLevel.DATA_ZONE, null, geography, store);
            boundaries.load(iz, AreaLevel.INTERMEDIATE_ZONE, null, geography, store);
            System.out.printf(
                    Locale.ROOT,
                    "published the real data zone and intermediate zone boundaries in %.1f s%n",
                    (System.nanoTime() - t0) / 1e9);

            // The slice: school pupil attendance (a ratio, suppressed for some data zones), 2020, data zones.
            driver.get(base() + "/datasets/simd-2020-indicators");
            String measure = option(driver, "mapMeasure", "Ratio");
            String indicator = option(driver, "mapDim0", "School pupil attendance");
            String page = "/datasets/simd-2020-indicators?mapLevel=data-zones-2011&mapMeasure=" + enc(measure)
                    + "&mapDim0=" + enc(indicator);

            // Warm-up: the server builds the boundary payload once per store version.
            driver.get(base() + page);
            assertThat(MapChecks.awaitMap(driver, "#choropleth", Duration.ofSeconds(120)))
                    .isEqualTo("ready");

            // Timed: navigation start to the map drawn and answering the mouse, the browser's cache off
            // (a first visit), the server warm.
            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
            StringBuilder report = new StringBuilder(
                    "renderer\trun\tinteractive ms\tboundaries KB sent\tboundaries ms\tchoropleth.json ms\n");
            Map<String, double[]> byRenderer = new java.util.LinkedHashMap<>();
            for (String renderer : List.of("svg", "canvas")) {
                double[] ms = new double[RUNS];
                for (int i = 0; i < RUNS; i++) {
                    driver.get(base() + page + (renderer.equals("canvas") ? "&renderer=canvas" : ""));
                    assertThat(MapChecks.awaitMap(driver, "#choropleth", Duration.ofSeconds(60)))
                            .isEqualTo("ready");
                    assertThat(driver.findElement(By.id("choropleth")).getAttribute("data-areas-drawn"))
                            .isEqualTo("6976");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> t = (Map<String, Object>)
                            driver.executeScript(
                                    "var m = performance.getEntriesByName('cairn-map-interactive')[0];"
                                            + "var r = performance.getEntriesByType('resource');"
                                            + "var g = r.filter(function (e) { return e.name.indexOf('/maps/boundaries/') >= 0; })[0];"
                                            + "var c = r.filter(function (e) { return e.name.indexOf('/maps/choropleth.json') >= 0; })[0];"
                                            + "return {interactive: m.startTime, bytes: g ? g.transferSize : -1, geo: g ? g.duration : -1, json: c ? c.duration : -1};");
                    ms[i] = ((Number) t.get("interactive")).doubleValue();
                    report.append(String.format(
                            Locale.ROOT,
                            "%s\t%d\t%.0f\t%.0f\t%.0f\t%.0f%n",
                            renderer,
                            i + 1,
                            ms[i],
                            ((Number) t.get("bytes")).doubleValue() / 1024,
                            ((Number) t.get("geo")).doubleValue(),
                            ((Number) t.get("json")).doubleValue()));
                }
                byRenderer.put(renderer, ms);
            }
            driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage();
            byRenderer.forEach((r, ms) -> {
                double[] sorted = ms.clone();
                Arrays.sort(sorted);
                report.append(String.format(
                        Locale.ROOT,
                        "%s: median %.0f ms, slowest %.0f ms over %d runs%n",
                        r,
                        sorted[sorted.length / 2],
                        sorted[sorted.length - 1],
                        RUNS));
            });
            report.append(String.format(Locale.ROOT, "load average (1 min) at the end: %.2f%n", load));
            System.out.print(report);
            Files.writeString(Path.of("target/map-timings-real.txt"), report);
            // The timings are a measurement, not a pass/fail check: they depend on the machine's load
            // (a shared CI machine failed the former 2 s bound at 2.4 s). They go to
            // target/map-timings-real.txt for docs/BENCHMARKS.md; the checks above and below are functional.

            // The map as drawn (SVG renderer, the default): all 6,976 data zones, coloured as the legend says.
            driver.get(base() + page);
            assertThat(MapChecks.awaitMap(driver, "#choropleth", Duration.ofSeconds(60)))
                    .isEqualTo("ready");
            assertThat(MapChecks.drawnAreas(driver, "choropleth-map")).isEqualTo(6976);
            String query = MapChecks.mapQuery(driver);
            JsonNode answer = MapChecks.json(base() + "/maps/choropleth.json?" + query);
            assertThat(answer.path("areas").size()).isEqualTo(6976);
            List<String> codes = new ArrayList<>();
            List<String> suppressed = new ArrayList<>();
            answer.path("areas").fields().forEachRemaining(e -> {
                codes.add(e.getKey());
                if ("suppressed".equals(e.getValue().path("status").asText(null))) {
                    suppressed.add(e.getKey());
                }
            });
            assertThat(suppressed)
                    .as("data zones whose attendance is suppressed")
                    .isNotEmpty();
            List<String> sample = new ArrayList<>(codes);
            Collections.shuffle(sample, new Random(9));
            sample = new ArrayList<>(sample.subList(0, 200));
            sample.addAll(suppressed);
            assertThat(MapChecks.colourMismatches(driver, answer, sample)).isEmpty();
            assertThat(MapChecks.drawnFills(driver, suppressed.subList(0, 1))
                            .get(suppressed.get(0))
                            .get("state"))
                    .isEqualTo("suppressed");
            // every class of the legend is used, and the areas answer the mouse
            for (int c = 0; c < answer.path("classes").size(); c++) {
                assertThat(driver.findElements(By.cssSelector("#choropleth-map path[data-state='class-" + c + "']")))
                        .as("class " + c)
                        .isNotEmpty();
            }
            WebElement culter = driver.findElement(By.cssSelector("#choropleth-map path[data-code='S01006506']"));
            driver.executeScript("arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));", culter);
            wait.until(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("map-info"), "Culter - 01 (S01006506)"));
            browser.screenshot("map-real-data-zones", "#map-status");

            // The downloaded map image: a valid SVG with the legend (and a PNG when offered).
            HttpResponse<byte[]> image = MapChecks.fetch(
                    driver.findElement(By.id("map-download-svg")).getAttribute("href"));
            assertThat(image.statusCode()).isEqualTo(200);
            MapChecks.assertSvgMapWithLegend(image.body(), answer);
            System.out.printf(Locale.ROOT, "map image (SVG) of 6,976 data zones: %d KB%n", image.body().length / 1024);
            HttpResponse<byte[]> png = MapChecks.fetch(
                    driver.findElement(By.id("map-download-png")).getAttribute("href"));
            assertThat(png.statusCode()).isEqualTo(200);
            assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body())))
                    .as("the PNG map image")
                    .isNotNull();

            // The locality builder over the real boundaries: three data zones clicked on the map.
            driver.get(base() + "/tables?council=S12000033");
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
            driver.findElement(By.id("where-locality")).click();
            driver.findElement(By.cssSelector("#new-locality summary")).click();
            assertThat(MapChecks.awaitMap(driver, "#locality-builder", Duration.ofSeconds(60)))
                    .isEqualTo("ready");
            assertThat(MapChecks.drawnAreas(driver, "builder-map"))
                    .isEqualTo(driver.findElements(By.cssSelector(".dz")).size());
            List<String> three = List.of("S01006506", "S01006507", "S01006508");
            for (String code : three) {
                WebElement zone = driver.findElement(By.cssSelector("#builder-map path[data-code='" + code + "']"));
                new Actions(driver).scrollToElement(zone).perform();
                zone.click();
                assertThat(driver.findElement(By.id("dz-" + code)).isSelected())
                        .as(code)
                        .isTrue();
            }
            wait.until(ExpectedConditions.attributeToBe(By.id("locality-population"), "data-state", "released"));
            String body = "{\"dataset\":\"persons\",\"variables\":[],\"geography\":{\"dataZones\":"
                    + MapChecks.JSON.writeValueAsString(three) + "}}";
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base() + "/tabulate"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            long released = MapChecks.JSON
                    .readTree(r.body())
                    .path("cells")
                    .get(0)
                    .path("count")
                    .asLong();
            assertThat(driver.findElement(By.id("locality-population")).getAttribute("data-population"))
                    .isEqualTo(String.valueOf(released));
            browser.screenshot("map-real-locality", "#locality-builder");

            // A real data zone's locator map: it, its intermediate zone and that zone's other data zones.
            driver.get(base() + "/areas/S01006506");
            assertThat(MapChecks.awaitMap(driver, "#locator", Duration.ofSeconds(30)))
                    .isEqualTo("ready");
            assertThat(driver.findElements(By.cssSelector("#locator-map path[data-role=parent][data-code=S02001236]")))
                    .hasSize(1);
        }
    }

    /** The value of the option of select {@code id} whose text is {@code label}. */
    private static String option(org.openqa.selenium.chrome.ChromeDriver driver, String id, String label) {
        return new Select(driver.findElement(By.id(id)))
                .getOptions().stream()
                        .filter(o -> o.getText().equals(label))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no option " + label + " in #" + id))
                        .getAttribute("value");
    }
}
