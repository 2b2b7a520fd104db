package scot.cairn.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.w3c.dom.Document;

/** What the map tests check in more than one test class: the drawn areas against the service's answer, and map images. */
final class MapChecks {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MapChecks() {}

    static HttpResponse<byte[]> fetch(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(String url) throws Exception {
        HttpResponse<byte[]> r = fetch(url);
        assertThat(r.statusCode()).as(url + ": " + new String(r.body())).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Waits until the map box {@code css} says its map is drawn (or unavailable), and returns that state. */
    static String awaitMap(ChromeDriver driver, String css, Duration timeout) {
        new WebDriverWait(driver, timeout)
                .until(ExpectedConditions.or(
                        ExpectedConditions.attributeToBe(By.cssSelector(css), "data-map-state", "ready"),
                        ExpectedConditions.attributeToBe(By.cssSelector(css), "data-map-state", "unavailable")));
        String state = driver.findElement(By.cssSelector(css)).getAttribute("data-map-state");
        if (state.equals("unavailable")) {
            System.out.println("map " + css + " unavailable: "
                    + driver.findElement(By.cssSelector(css))
                            .getAttribute("textContent")
                            .strip()
                            .replaceAll("\\s+", " "));
        }
        return state;
    }

    /** The query string of the map on the page now (the download link carries it). */
    static String mapQuery(ChromeDriver driver) {
        String href = driver.findElement(By.id("map-download-svg")).getAttribute("href");
        return href.substring(href.indexOf('?') + 1);
    }

    /** The number of areas drawn as elements in the map {@code mapId}. */
    static long drawnAreas(ChromeDriver driver, String mapId) {
        return (Long) driver.executeScript(
                "return document.querySelectorAll('#' + arguments[0] + ' path.leaflet-interactive[data-code]').length;",
                mapId);
    }

    /**
     * For each code: the area's drawn fill resolved to {colour, pattern} ("solid" when a plain
     * colour), and its data-state; null when the area is not drawn.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, String>> drawnFills(ChromeDriver driver, Collection<String> codes) {
        return (Map<String, Map<String, String>>) driver.executeScript(
                "var out = {};"
                        + "arguments[0].forEach(function (code) {"
                        + "  var p = document.querySelector('#choropleth-map path[data-code=\"' + code + '\"]');"
                        + "  if (!p) { out[code] = null; return; }"
                        + "  var f = p.getAttribute('fill'), m = /^url\\(\"?#([^\")]+)\"?\\)$/.exec(f);"
                        + "  if (!m) { out[code] = {colour: f, pattern: 'solid', state: p.getAttribute('data-state')}; return; }"
                        + "  var pat = document.getElementById(m[1]);"
                        + "  out[code] = {colour: pat.querySelector('rect').getAttribute('fill'), pattern: pat.getAttribute('data-pattern'), state: p.getAttribute('data-state')};"
                        + "});"
                        + "return out;",
                new ArrayList<>(codes));
    }

    /** The fill the answer gives an area: its class's colour and pattern, or the suppressed or no-data style. */
    static Map<String, String> expectedFill(JsonNode answer, String code) {
        JsonNode a = answer.path("areas").path(code);
        JsonNode style;
        String state;
        if ("suppressed".equals(a.path("status").asText(null))) {
            style = answer.path("suppressed");
            state = "suppressed";
        } else if (a.path("class").isNull() || a.path("class").isMissingNode()) {
            style = answer.path("noData");
            state = "no-data";
        } else {
            style = answer.path("classes").get(a.path("class").asInt());
            state = "class-" + a.path("class").asInt();
        }
        String pattern = style.path("pattern").asText("solid");
        if (pattern.isEmpty() || pattern.equals("none") || pattern.equals("null")) {
            pattern = "solid";
        }
        return Map.of(
                "colour", style.path("colour").asText().toLowerCase(Locale.ROOT), "pattern", pattern, "state", state);
    }

    /** The codes whose drawn fill differs from the answer's, each with what was drawn and what was expected. */
    static List<String> colourMismatches(ChromeDriver driver, JsonNode answer, Collection<String> codes) {
        Map<String, Map<String, String>> drawn = drawnFills(driver, codes);
        List<String> out = new ArrayList<>();
        for (String code : codes) {
            Map<String, String> want = expectedFill(answer, code);
            Map<String, String> got = drawn.get(code);
            if (got == null
                    || !want.get("colour").equalsIgnoreCase(got.get("colour"))
                    || !want.get("pattern").equals(got.get("pattern"))
                    || !want.get("state").equals(got.get("state"))) {
                out.add(code + ": drawn " + got + ", legend says " + want);
            }
        }
        return out;
    }

    /** A well-formed SVG document whose text holds every legend label of the answer. */
    static Document assertSvgMapWithLegend(byte[] svg, JsonNode answer) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        String text = doc.getDocumentElement().getTextContent();
        for (JsonNode c : answer.path("classes")) {
            assertThat(text).as("the SVG's legend").contains(c.path("label").asText());
        }
        assertThat(text)
                .contains(
                        answer.path("noData").path("label").asText(),
                        answer.path("suppressed").path("label").asText());
        return doc;
    }
}
