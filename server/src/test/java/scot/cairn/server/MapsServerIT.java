package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import scot.cairn.cli.CliRun;

/**
 * Maps in the whole server: the schematic example boundaries are loaded on first start, every URI
 * they mint dereferences through the linked-data pages, and {@code load-boundaries --endpoint}
 * publishes into the running server (the map layers follow) or is refused with nothing changed.
 */
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.data-dir=target/maps-it-data/${random.uuid}",
            "cairn.fuseki.port=0",
            "cairn.profiles.dir=../cube-definitions/profiles",
            "cairn.publish.password=m4ps"
        })
class MapsServerIT {

    @LocalServerPort
    int port;

    @Autowired
    LoopbackFuseki fuseki;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", accept)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    int features(String path) throws Exception {
        HttpResponse<String> r = get(path, "application/geo+json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body()).get("features").size();
    }

    @Test
    void theExampleBoundariesOfThreeLevelsAreLoadedOnFirstStart() throws Exception {
        assertThat(features("/maps/boundaries/data-zones-2011.geojson")).isEqualTo(21);
        assertThat(features("/maps/boundaries/intermediate-zones-2011.geojson")).isEqualTo(4);
        assertThat(features("/maps/boundaries/council-areas.geojson")).isEqualTo(2);
        JsonNode choropleth = json.readTree(get(
                        "/maps/choropleth.json?dataset=council-tax-collection&level=S12&period=2019/2020"
                                + "&measure=http://statistics.gov.scot/def/measure-properties/percent",
                        "application/json")
                .body());
        assertThat(choropleth.get("areas").size()).isEqualTo(2);
        assertThat(choropleth.at("/areas/S12000033/value").asDouble()).isEqualTo(96.5);
    }

    @Test
    void everyUriTheBoundariesMintDereferences() throws Exception {
        HttpResponse<String> geometry = get("/id/statistical-geography/S01006506/geometry", "application/n-triples");
        assertThat(geometry.statusCode()).as(geometry.body()).isEqualTo(200);
        assertThat(geometry.body())
                .contains(
                        "<http://statistics.gov.scot/id/statistical-geography/S01006506/geometry> "
                                + "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.opengis.net/ont/geosparql#Geometry>")
                .contains("<http://www.opengis.net/ont/geosparql#asWKT> \"MULTIPOLYGON (((")
                .contains("^^<http://www.opengis.net/ont/geosparql#wktLiteral>");
        assertThat(get("/id/statistical-geography/S01006506/geometry", "text/html")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> area = get("/id/statistical-geography/S01006506", "application/n-triples");
        assertThat(area.body())
                .contains(
                        "<http://statistics.gov.scot/id/statistical-geography/S01006506> "
                                + "<http://www.opengis.net/ont/geosparql#hasGeometry> <http://statistics.gov.scot/id/statistical-geography/S01006506/geometry>");
        assertThat(get("/graph/boundaries/data-zones-2011", "text/turtle").statusCode())
                .isEqualTo(200);
    }

    @Test
    void loadBoundariesPublishesIntoTheRunningServerOrIsRefusedWithNothingChanged(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String endpoint = "http://127.0.0.1:" + fuseki.port() + LoopbackFuseki.PUBLISH_PATH;
        // the wards of the example geography get schematic boxes
        Path wards = dir.resolve("wards.geojson");
        Files.writeString(
                wards,
                "{\"type\":\"FeatureCollection\",\"features\":[" + ward("S13002843", -2.4) + ","
                        + ward("S13002920", -3.3) + "," + ward("S13002935", -3.1) + "]}");
        CliRun ok = CliRun.of(
                "load-boundaries",
                "--level",
                "electoral-wards",
                "--code-property",
                "ward_code",
                "--endpoint",
                endpoint,
                "--password",
                "m4ps",
                wards.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        // (the server in this JVM logs to the same standard output)
        assertThat(ok.out())
                .contains("3 Electoral Wards boundaries (9 quads, codes from 'ward_code') from wards.geojson into "
                        + "http://statistics.gov.scot/graph/boundaries/electoral-wards");
        assertThat(features("/maps/boundaries/S13.geojson")).isEqualTo(3);

        Path bad = dir.resolve("bad-wards.geojson");
        Files.writeString(
                bad,
                "{\"type\":\"FeatureCollection\",\"features\":[" + ward("S13002843", -2.4) + ","
                        + ward("S13009999", -2.0) + "]}");
        CliRun refused = CliRun.of(
                "load-boundaries",
                "--level",
                "S13",
                "--code-property",
                "ward_code",
                "--endpoint",
                endpoint,
                "--password",
                "m4ps",
                bad.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err())
                .contains(
                        "bad-wards.geojson:feature 2 (code S13009999): S13009999 is not a Multi-Member Ward of the loaded geography\n");
        assertThat(features("/maps/boundaries/S13.geojson")).isEqualTo(3);
    }

    private static String ward(String code, double lon) {
        return "{\"type\":\"Feature\",\"properties\":{\"ward_code\":\"" + code
                + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[" + lon + ",56],[" + (lon + 0.1) + ",56],["
                + (lon + 0.1) + ",56.1],[" + lon + ",56.1],[" + lon + ",56]]]}}";
    }
}
