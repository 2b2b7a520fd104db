package scot.cairn.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import scot.cairn.geography.Geography;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.server.PublisherApplication;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.RealData;
import scot.cairn.vocab.UriScheme;

/**
 * The pages at full scale: the official 2011 geography (6,976 data zones, 8,760 areas) and the
 * SIMD 2020v2 indicators (6,976 data zones x 34 indicators) published into the running server,
 * then every kind of page timed over loopback and a slice taken in the browser by area codes.
 * Skipped, with a message, when the real data folder is absent.
 */
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.data-dir=target/browser-real-it-data/${random.uuid}",
            "cairn.fuseki.port=0",
            "cairn.profiles.dir=../../cube-definitions/profiles"
        })
class WebPagesRealDataIT {
    /** Requests per page before the timed ones: enough for the JIT to compile the page's code. */
    private static final int WARM_UP = 20;

    @LocalServerPort
    int port;

    @Autowired
    TripleStore store;

    @Autowired
    UriScheme uris;

    @Test
    void pagesOverTheFullGeographyAndARealDatasetAreRenderedAndTimed() throws Exception {
        Path lookup = RealData.require("geography/Datazone2011lookup.csv");
        Path simd = RealData.require("simd/imd2020_dz11_scotland_indicators.csv");
        long t0 = System.nanoTime();
        new GeographyLoader(uris).load(lookup, store);
        new CubeLoader(uris, AreaDirectory.of(Geography.fromStore(store, uris)))
                .load(CubeDefinition.read(Path.of("../../cube-definitions/simd-2020-indicators.yaml")), simd, store);
        System.out.printf(
                Locale.ROOT,
                "loaded the real geography and SIMD indicators in %.1f s (%d quads)%n",
                (System.nanoTime() - t0) / 1e9,
                store.size());

        String area = enc("http://purl.org/linked-data/sdmx/2009/dimension#refArea");
        List<String> pages = List.of(
                "/",
                "/?level=data-zones-2011",
                "/datasets/simd-2020-indicators",
                "/datasets/simd-2020-indicators?show=1&areaCodes=S01006506+S01008717",
                "/datasets/simd-2020-indicators?show=1&" + area + "=" + enc(uris.area("S01006506")),
                "/areas",
                "/areas/S92000003",
                "/areas/S12000033",
                "/areas/S02001236",
                "/areas/S01006506",
                "/tables",
                "/tables?council=S12000033",
                "/query");
        HttpClient http = HttpClient.newHttpClient();
        // The process's CPU per request (server and client share this JVM) beside the wall time: on a
        // shared machine the wall time mostly measures the wait for a core, the CPU time the page.
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        StringBuilder report = new StringBuilder("page\tmedian ms\tmax ms\tCPU ms per request\tKB"
                + " (20 requests after " + WARM_UP + " warm-up; full geography + SIMD 2020v2 indicators)\n");
        for (String page : pages) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + page))
                    .header("Accept", "text/html")
                    .build();
            long[] nanos = new long[20];
            int bytes = 0;
            long cpu = 0;
            for (int i = -WARM_UP; i < nanos.length; i++) {
                if (i == 0) {
                    cpu = os.getProcessCpuTime();
                }
                long start = System.nanoTime();
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long t = System.nanoTime() - start;
                assertThat(r.statusCode()).as(page).isEqualTo(200);
                bytes = r.body().length;
                if (i >= 0) {
                    nanos[i] = t;
                }
            }
            double cpuPerRequest = (os.getProcessCpuTime() - cpu) / 1e6 / nanos.length;
            Arrays.sort(nanos);
            double median = nanos[nanos.length / 2] / 1e6;
            report.append(String.format(
                    Locale.ROOT,
                    "%s\t%.1f\t%.1f\t%.1f\t%d%n",
                    page,
                    median,
                    nanos[nanos.length - 1] / 1e6,
                    cpuPerRequest,
                    bytes / 1024));
        }
        report.append(String.format(
                Locale.ROOT,
                "load average (1 min) at the end: %.2f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage()));
        System.out.print(report);
        Files.writeString(Path.of("target/page-timings-real.txt"), report);

        try (Browser browser = new Browser()) {
            browser.driver.get("http://localhost:" + port + "/datasets/simd-2020-indicators#about-panel");
            assertThat(browser.driver
                            .findElement(By.cssSelector("section[aria-labelledby=about]"))
                            .getText())
                    .contains(
                            "Source",
                            "https://www.gov.scot/collections/scottish-index-of-multiple-deprivation-2020/",
                            "Scottish Government");
            browser.driver.findElement(By.id("tab-data")).click();
            browser.driver.findElement(By.id("areaCodes")).sendKeys("S01006506, S01008717");
            browser.driver.findElement(By.id("show-rows")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#preview table")));
            var rows = browser.driver.findElements(By.cssSelector("#preview tbody tr"));
            assertThat(rows)
                    .hasSize(2 * 34)
                    .allSatisfy(r -> assertThat(r.getText()).containsAnyOf("S01006506", "S01008717"));
            browser.screenshot("real-simd-slice", "#downloads");
            String csv = http.send(
                            HttpRequest.newBuilder(URI.create(browser.driver
                                            .findElement(By.id("download-csv"))
                                            .getAttribute("href")))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(csv.lines().skip(1).toList())
                    .hasSize(2 * 34)
                    .allSatisfy(l -> assertThat(l).matches("S01006506,.*|S01008717,.*"));

            theShippedSimdProfilePrintsOnOneA4PagePerArea(browser);
        }
    }

    /**
     * With its two other datasets published from cube-definitions/, the shipped SIMD profile is
     * offered on a council's page (the example profile, whose data covers other councils, is not),
     * and its page prints on one A4 sheet.
     */
    private void theShippedSimdProfilePrintsOnOneA4PagePerArea(Browser browser) throws Exception {
        Geography geography = Geography.fromStore(store, uris);
        CubeLoader loader = new CubeLoader(uris, AreaDirectory.of(geography));
        loader.load(
                CubeDefinition.read(Path.of("../../cube-definitions/simd-2020v2-ranks.yaml")),
                RealData.require("simd/simd2020v2_22062020.csv"),
                store);
        loader.load(
                CubeDefinition.read(Path.of("../../cube-definitions/population-total-2020.yaml")),
                RealData.require("population/population20_dz11.csv"),
                store);
        browser.driver.get("http://localhost:" + port + "/areas/S12000049");
        assertThat(browser.driver.findElements(By.linkText("Example local profile (synthetic example data)")))
                .isEmpty();
        browser.driver
                .findElement(By.linkText("Deprivation and population, SIMD 2020v2"))
                .click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(120))
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.tagName("h1"), "Glasgow City (S12000049)"));
        String body = browser.driver.findElement(By.tagName("body")).getText();
        assertThat(body)
                .contains("family group of similar areas by income and employment deprivation", "percentage points");
        // SIMD 2020v2 has one period: no trend chart is drawn from a single value (ProfileFormatsTest checks the
        // charts)
        assertThat(browser.driver.findElements(By.cssSelector("svg.spark"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("tbody tr"))).hasSize(7);
        PrintOptions a4 = new PrintOptions();
        a4.setOrientation(PrintOptions.Orientation.LANDSCAPE);
        a4.setPageSize(PageSize.ISO_A4);
        byte[] pdf = Base64.getDecoder().decode(browser.driver.print(a4).getContent());
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(Pattern.compile("/Type\\s*/Page\\b(?!s)")
                        .matcher(text)
                        .results()
                        .count())
                .as("A4 pages printed")
                .isEqualTo(1);
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        browser.screenshot("profile-print");
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
