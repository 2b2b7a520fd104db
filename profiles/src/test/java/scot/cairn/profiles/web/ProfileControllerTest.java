package scot.cairn.profiles.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import scot.cairn.testsupport.MockMvcHttp;

/**
 * {@link ProfileController} in a {@code @WebMvcTest} slice over the example store (the wiring over
 * real HTTP is {@link ProfilesHttpIT}'s): the profiles on offer, an area's and a locality's profile
 * as JSON, CSV and HTML (HTML without a suffix), and every unknown profile, area, locality or
 * suffix, however odd, answered 404 in plain words, never 500.
 */
@WebMvcTest(properties = "cairn.profiles.dir=src/test/resources/example/profiles")
@ContextConfiguration(classes = {ProfilesFixture.class, ProfilesConfiguration.class})
class ProfileControllerTest {

    static final String ABERDEEN = "/profiles/example-health/areas/S12000033";

    @Autowired
    MockMvc mvc;

    final ObjectMapper json = new ObjectMapper();

    HttpResponse<String> get(String path, String... headers) {
        return MockMvcHttp.text(new MockMvcHttp(mvc).get(path, headers));
    }

    static String type(HttpResponse<String> r) {
        return r.headers().firstValue("Content-Type").orElseThrow();
    }

    @Test
    void theProfilesOnOfferAreListedAsJsonWithAndWithoutTheSuffix() throws Exception {
        HttpResponse<String> r = get("/profiles");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(type(r)).startsWith("application/json");
        JsonNode j = json.readTree(r.body());
        assertThat(j).hasSize(1);
        assertThat(j.at("/0/name").asText()).isEqualTo("example-health");
        assertThat(j.at("/0/title").asText()).isNotBlank();
        assertThat(j.at("/0/indicators")).isNotEmpty();
        assertThat(j.at("/0/areas").asText()).isEqualTo("/profiles/example-health/areas/{code}.html");
        assertThat(j.at("/0/localities").asText()).isEqualTo("/profiles/example-health/localities/{id}.html");
        HttpResponse<String> suffixed = get("/profiles.json");
        assertThat(suffixed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(suffixed.body())).isEqualTo(j);
    }

    @Test
    void anAreaProfileComesAsJsonCsvAndHtmlByItsSuffix() throws Exception {
        HttpResponse<String> j = get(ABERDEEN + ".json");
        assertThat(j.statusCode()).isEqualTo(200);
        assertThat(type(j)).startsWith("application/json");
        JsonNode profile = json.readTree(j.body());
        assertThat(profile.at("/area/code").asText()).isEqualTo("S12000033");
        assertThat(profile.at("/area/name").asText()).isEqualTo("Aberdeen City");
        assertThat(profile.at("/rows/0/trend/direction").asText()).isEqualTo("IMPROVING");

        HttpResponse<String> csv = get(ABERDEEN + ".csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(type(csv)).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.body())
                .startsWith("area_code,area_name,area_level,indicator,")
                .contains("S12000033,Aberdeen City,Council Area,emergency-stays-rate,");

        HttpResponse<String> html = get(ABERDEEN + ".html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(type(html)).isEqualTo("text/html;charset=UTF-8");
        assertThat(html.body()).contains("<h1>Aberdeen City (S12000033)</h1>").contains("improving since 2016");
        // without a suffix, and whatever the Accept header says, the page is HTML
        assertThat(get(ABERDEEN).body()).isEqualTo(html.body());
        HttpResponse<String> asked = get(ABERDEEN, "Accept", "application/json");
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(type(asked)).startsWith("text/html");
    }

    @Test
    void theCsvFormulasParameterTakesAnyValueAndNeverFails() {
        String plain = get(ABERDEEN + ".csv").body();
        for (String value : new String[] {"keep", "KEEP", "neutralise", "junk", "", "%00", "x".repeat(5000)}) {
            HttpResponse<String> r = get(ABERDEEN + ".csv?formulas=" + value);
            assertThat(r.statusCode()).as(value).isEqualTo(200);
            assertThat(type(r)).as(value).startsWith("text/csv");
            // the example's labels hold no formula, so the treatment changes nothing here
            assertThat(r.body()).as(value).isEqualTo(plain);
        }
    }

    @Test
    void aLocalityProfileAggregatesItsDataZones() throws Exception {
        HttpResponse<String> r = get("/profiles/example-health/localities/currie-and-culter.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(type(r)).startsWith("application/json");
        JsonNode j = json.readTree(r.body());
        assertThat(j.at("/area/level").asText()).isEqualTo("Locality");
        assertThat(j.at("/area/dataZones").asInt()).isEqualTo(4);
        // 2019 stays: S01006506 22, S01006507 23, S01008429 suppressed, S01008430 40.
        assertThat(j.at("/rows/1/value/value").asDouble()).isEqualTo(22 + 23 + 40);
        assertThat(j.at("/rows/1/value/suppressedDataZones").asInt()).isEqualTo(1);
        assertThat(j.at("/rows/0/subAreas/level").asText()).isEqualTo("Data Zone 2011");
        // a count is not ranked: no worst and best data zone
        assertThat(j.at("/rows/1/subAreas").isNull()).isTrue();
        HttpResponse<String> csv = get("/profiles/example-health/localities/currie-and-culter.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(type(csv)).startsWith("text/csv");
        assertThat(csv.body()).contains("Currie and Culter");
        HttpResponse<String> html = get("/profiles/example-health/localities/currie-and-culter");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(type(html)).startsWith("text/html");
        assertThat(html.body()).contains("Currie and Culter");
    }

    @Test
    void unknownProfilesAreasLocalitiesAndSuffixesAnswer404InPlainWords() {
        assertNotFound("/profiles/nope/areas/S12000033.json", "no profile named nope\n");
        assertNotFound("/profiles/nope/localities/currie-and-culter.html", "no profile named nope\n");
        assertNotFound("/profiles/example-health/areas/S12999999.json", "no area with code S12999999 is loaded\n");
        assertNotFound("/profiles/example-health/localities/nowhere.html", "no locality with id nowhere\n");
        assertNotFound(ABERDEEN + ".xlsx", "unknown format .xlsx (use .json, .csv or .html)\n");
        assertNotFound(ABERDEEN + ".JSON", "unknown format .JSON (use .json, .csv or .html)\n");
        // the suffix is checked before the profile
        assertNotFound("/profiles/nope/areas/S12000033.xlsx", "unknown format .xlsx (use .json, .csv or .html)\n");
    }

    @Test
    void hostileCodesAndIdsAnswer404NotAServerError() {
        String huge = "S".repeat(20_000);
        assertNotFound(
                "/profiles/example-health/areas/" + huge + ".json", "no area with code " + huge + " is loaded\n");
        assertNotFound("/profiles/example-health/areas/%3Cscript%3E.html", "no area with code <script> is loaded\n");
        assertNotFound("/profiles/example-health/localities/%27%20OR%201=1.json", "no locality with id ' OR 1=1\n");
        // a leading dot is part of the code, not a suffix
        assertNotFound("/profiles/example-health/areas/.json", "no area with code .json is loaded\n");
        assertNotFound("/profiles/example-health/areas/S12000033.", "unknown format . (use .json, .csv or .html)\n");
    }

    @Test
    void onlyGetIsAnswered() {
        for (String method : new String[] {"POST", "PUT", "DELETE"}) {
            HttpResponse<byte[]> r = new MockMvcHttp(mvc).send(method, ABERDEEN + ".json", new byte[0]);
            assertThat(r.statusCode()).as(method).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow").orElseThrow()).as(method).contains("GET");
        }
    }

    private void assertNotFound(String path, String message) {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(404);
        assertThat(type(r)).as(path).isEqualTo("text/plain;charset=UTF-8");
        assertThat(r.body()).as(path).isEqualTo(message);
    }
}
