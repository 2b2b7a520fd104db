package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import scot.cairn.store.TripleStore;

/**
 * {@code cairn load --endpoint} into a running Cairn server publishes the dataset as a new
 * version: the server validates it against its own geography, writes only the difference and
 * records the version, exactly as a load into a store folder does.
 */
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.data-dir=target/versioned-publish-it/${random.uuid}",
            "cairn.fuseki.port=0",
            "cairn.publish.password=s3cret"
        })
class VersionedPublishingIT {

    @LocalServerPort
    int port;

    @Autowired
    LoopbackFuseki fuseki;

    @Autowired
    TripleStore store;

    @Autowired
    CairnProperties properties;

    private final HttpClient http = HttpClient.newHttpClient();

    private String endpoint() {
        return "http://127.0.0.1:" + fuseki.port() + LoopbackFuseki.PUBLISH_PATH;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> publishGet(String password) throws Exception {
        String basic = java.util.Base64.getEncoder()
                .encodeToString(("publisher:" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create(endpoint()).resolve("/cairn/publish"))
                        .header("Authorization", "Basic " + basic)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void loadIntoTheRunningServerRecordsVersionsAndRefusesBadInputAndWrongPasswords() throws Exception {
        // The bundled example, as extracted on first start, published into the running server twice.
        Path examples = properties.dataDir().resolve("examples/datasets");
        Path yaml = examples.resolve("council-tax-collection.yaml");
        Path csv = examples.resolve("council-tax-collection.csv");
        CliRun first = CliRun.of(
                "load",
                "--endpoint",
                endpoint(),
                "--password",
                "s3cret",
                "--note",
                "First release",
                yaml.toString(),
                csv.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("version URI http://statistics.gov.scot/data/council-tax-collection/version/1");

        Path revised = Files.createTempFile(Path.of("target"), "council-tax-revised", ".csv");
        Files.writeString(
                revised,
                Files.readString(csv)
                        .replace(
                                "S12000033,2019/2020,Count,Pounds (thousands),118000",
                                "S12000033,2019/2020,Count,Pounds (thousands),118500"));
        CliRun second = CliRun.of(
                "load",
                "--endpoint",
                endpoint(),
                "--password",
                "s3cret",
                "--note",
                "Aberdeen 2019/2020 revised",
                "--kind",
                "correction",
                yaml.toString(),
                revised.toString());
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("/version/2");

        CliRun again = CliRun.of(
                "load", "--endpoint", endpoint(), "--password", "s3cret", yaml.toString(), revised.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("nothing written");

        assertThat(get("/data/council-tax-collection/version/2").statusCode()).isEqualTo(200);
        assertThat(get("/data/council-tax-collection/version/3").statusCode()).isEqualTo(404);
        HttpResponse<String> changes = get("/data/council-tax-collection/changes.csv?from=1&to=2");
        assertThat(changes.statusCode()).as(changes.body()).isEqualTo(200);
        assertThat(changes.body()).contains("S12000033").contains("118000").contains("118500");
        assertThat(get("/data/council-tax-collection").body()).contains("Aberdeen 2019/2020 revised");

        // A wrong password changes nothing; a file with an unknown area is refused with its line.
        long version = store.version();
        CliRun wrong =
                CliRun.of("load", "--endpoint", endpoint(), "--password", "nope", yaml.toString(), csv.toString());
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("answered 401");
        // that 401 comes from the client's credential check (a GET), before any file is sent
        assertThat(publishGet("nope").statusCode()).isEqualTo(401);
        HttpResponse<String> ready = publishGet("s3cret");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).startsWith("Ready");
        assertThat(store.version()).isEqualTo(version);
        Path bad = Files.createTempFile(Path.of("target"), "council-tax-bad", ".csv");
        Files.writeString(
                bad, Files.readString(revised).replace("S12000033,2020/2021,Count", "S12999999,2020/2021,Count"));
        CliRun refused =
                CliRun.of("load", "--endpoint", endpoint(), "--password", "s3cret", yaml.toString(), bad.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err())
                .contains("S12999999")
                .contains("nothing was published")
                .contains("answered 400");
        assertThat(store.version()).isEqualTo(version);
        assertThat(get("/data/council-tax-collection/version/3").statusCode()).isEqualTo(404);

        // --skip-geography-check is honoured by the server as by a load into a store folder.
        CliRun skipped = CliRun.of(
                "load",
                "--endpoint",
                endpoint(),
                "--password",
                "s3cret",
                "--skip-geography-check",
                "--note",
                "Unchecked area",
                yaml.toString(),
                bad.toString());
        assertThat(skipped.code()).as(skipped.err()).isZero();
        assertThat(skipped.out()).contains("/version/3");
        assertThat(get("/data/council-tax-collection/version/3").statusCode()).isEqualTo(200);
    }
}
