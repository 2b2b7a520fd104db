package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import scot.cairn.cli.CliRun;
import scot.cairn.testsupport.RealData;

/**
 * Versions end to end: the real recycling file published three times from the command line
 * (a revised value; then an added period and a removed area), then the real server on that store
 * folder serving the history, old versions byte for byte, the changes and the versions SPARQL
 * endpoint, while {@code /sparql} and the catalogue show the current version only.
 */
class VersionsIT {
    private static final String REVISED_AREA = "S12000033";
    private static final String REMOVED_AREA = "S12000005";
    private static final String DS = "http://statistics.gov.scot/data/recycling";

    private static Path dir;
    private static ConfigurableApplicationContext app;
    private static int port;
    private static byte[] version1Csv;
    private static String identicalRun;
    private static String diffRun;
    private static String listRun;
    private static String failedRun;
    private static CliRun deleteCitedRun;
    private static int rowsV1;
    private static int rowsV2;
    private static int rowsV3;
    private static int newPeriodRows;
    private static int removedRows;

    private final HttpClient http = HttpClient.newHttpClient();

    private static List<List<String>> rows(Path csv) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.DEFAULT.parse(r)) {
            for (CSVRecord rec : p) {
                rows.add(new ArrayList<>(rec.toList()));
            }
        }
        return rows;
    }

    private static Path write(Path file, List<List<String>> rows) throws Exception {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            for (List<String> row : rows) {
                p.printRecord(row);
            }
        }
        return file;
    }

    @BeforeAll
    static void publishThreeVersionsThenStart() throws Exception {
        Path source = RealData.require("statistics_gov_scot/sg_training/recycling_data.csv");
        String yaml = Path.of("../cube-definitions/recycling.yaml").toString();
        dir = Files.createDirectories(Path.of("target/versions-it/" + System.nanoTime()));
        String data = dir.resolve("data").toString();

        List<List<String>> v1 = rows(source);
        List<List<String>> v2 = new ArrayList<>();
        boolean revised = false;
        for (List<String> row : v1) {
            List<String> r = new ArrayList<>(row);
            if (!revised
                    && r.get(0).equals(REVISED_AREA)
                    && r.get(1).equals("2010/2011")
                    && r.get(2).equals("Count")) {
                r.set(4, new BigDecimal(r.get(4)).add(BigDecimal.ONE).toPlainString());
                revised = true;
            }
            v2.add(r);
        }
        List<List<String>> v3 = new ArrayList<>();
        List<List<String>> added = new ArrayList<>();
        for (List<String> row : v2) {
            if (row.get(0).equals(REMOVED_AREA)) {
                removedRows++;
                continue;
            }
            v3.add(row);
            if (row.get(1).equals("2011/2012")) {
                List<String> r = new ArrayList<>(row);
                r.set(1, "2012/2013");
                added.add(r);
            }
        }
        v3.addAll(added);
        newPeriodRows = added.size();
        rowsV1 = v1.size() - 1;
        rowsV2 = v2.size() - 1;
        rowsV3 = v3.size() - 1;
        Path f1 = write(dir.resolve("v1.csv"), v1);
        Path f2 = write(dir.resolve("v2.csv"), v2);
        Path f3 = write(dir.resolve("v3.csv"), v3);
        List<List<String>> bad = new ArrayList<>(v3);
        bad.add(List.of(REVISED_AREA, "2013/2014", "Count", "Tonnes", "lots", "Waste Recycled"));
        Path f4 = write(dir.resolve("bad.csv"), bad);

        CliRun r1 = CliRun.of(
                "load",
                "--quiet",
                "--skip-geography-check",
                "--data-dir",
                data,
                "--note",
                "First release",
                yaml,
                f1.toString());
        assertThat(r1.code()).as(r1.err()).isZero();
        assertThat(r1.out()).contains("version 1 of recycling published (update)");
        Path exported = dir.resolve("version1.csv");
        CliRun ex = CliRun.of("versions", "export", "recycling", "1", "--data-dir", data, "--out", exported.toString());
        assertThat(ex.code()).as(ex.err()).isZero();
        version1Csv = Files.readAllBytes(exported);

        CliRun r2 = CliRun.of(
                "load",
                "--quiet",
                "--skip-geography-check",
                "--data-dir",
                data,
                "--kind",
                "correction",
                "--note",
                "Corrected the 2010/2011 figure",
                yaml,
                f2.toString());
        assertThat(r2.code()).as(r2.err()).isZero();
        assertThat(r2.out())
                .contains("version 2 of recycling published (correction)")
                .contains("0 added, 0 removed, 1 changed");
        CliRun r3 = CliRun.of(
                "load",
                "--quiet",
                "--skip-geography-check",
                "--data-dir",
                data,
                "--note",
                "Added 2012/2013",
                yaml,
                f3.toString());
        assertThat(r3.code()).as(r3.err()).isZero();
        identicalRun = CliRun.of(
                        "load",
                        "--quiet",
                        "--skip-geography-check",
                        "--data-dir",
                        data,
                        "--note",
                        "again",
                        yaml,
                        f3.toString())
                .out();
        CliRun failed = CliRun.of(
                "load",
                "--quiet",
                "--skip-geography-check",
                "--data-dir",
                data,
                "--note",
                "broken",
                yaml,
                f4.toString());
        assertThat(failed.code()).isEqualTo(1);
        failedRun = failed.err();
        listRun = CliRun.of("versions", "list", "recycling", "--data-dir", data).out();
        CliRun cite = CliRun.of("versions", "cite", "recycling", "1", "--data-dir", data);
        assertThat(cite.code()).as(cite.err()).isZero();
        deleteCitedRun = CliRun.of("delete", "recycling", "--data-dir", data);
        diffRun = CliRun.of("versions", "diff", "recycling", "1", "3", "--data-dir", data)
                .out();

        // Small limits so that concurrent requests meet them: two readers at once, a short wait for a slot.
        app = PublisherApplication.start(
                "--server.port=0",
                "--cairn.data-dir=" + data,
                "--cairn.examples=false",
                "--cairn.fuseki.enabled=false",
                "--cairn.profiles.dir=../cube-definitions/profiles",
                "--cairn.versions.max-concurrent=2",
                "--cairn.versions.queue-timeout=100ms");
        port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", accept)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> getBytes(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void theCommandLineSaysWhatEachPublicationDid() {
        assertThat(deleteCitedRun.code()).isEqualTo(1);
        assertThat(deleteCitedRun.err())
                .contains("versions [1] of recycling are cited; deleting the dataset needs the explicit flag --cited");
        assertThat(identicalRun)
                .contains("1,088 observations checked, nothing written")
                .contains("no new version: the content is identical to version 3 of recycling");
        assertThat(failedRun).contains("bad.csv:").contains("nothing was published");
        assertThat(listRun.lines().filter(l -> l.matches("\\d+\t.*"))).hasSize(3);
        assertThat(listRun)
                .contains("\tcorrection\t")
                .contains("Corrected the 2010/2011 figure")
                .doesNotContain("broken");
        assertThat(diffRun)
                .contains("version 1 -> 3: " + newPeriodRows + " observations added, " + removedRows
                        + " removed, 1 changed")
                .contains(REMOVED_AREA)
                .contains("2012/2013");
    }

    @Test
    void anOldVersionDownloadsByteForByteAsItWasWhenCurrent() throws Exception {
        HttpResponse<byte[]> csv = getBytes("/data/recycling/version/1/data.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).isEqualTo(version1Csv);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8).lines().count())
                .isEqualTo(rowsV1 + 1);
        HttpResponse<String> nt = get("/data/recycling/version/2/data.nt", "*/*");
        assertThat(nt.statusCode()).isEqualTo(200);
        assertThat(nt.body().lines().toList()).isSorted();
        assertThat(get("/data/recycling/version/9/data.csv", "*/*").statusCode())
                .isEqualTo(404);
    }

    @Test
    void versionsHavePagesAndRdfWithDcatTerms() throws Exception {
        HttpResponse<String> page = get("/data/recycling/version/2", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("version 2")
                .contains("correction")
                .contains("Corrected the 2010/2011 figure")
                .contains("sha256-sum:")
                .contains("This is an earlier version");
        HttpResponse<String> ttl = get("/data/recycling/version/2", "text/turtle");
        assertThat(ttl.statusCode()).isEqualTo(200);
        assertThat(ttl.body()).contains("isVersionOf").contains("versionNotes").contains("previousVersion");
        assertThat(get("/data/recycling/version/2.nt", "text/html").body())
                .contains("<http://www.w3.org/ns/dcat#version> \"2\"");

        HttpResponse<String> dataset = get("/data/recycling", "text/html");
        assertThat(dataset.body())
                .contains("<h2>Versions</h2>")
                .contains("Cite this version")
                .contains("Household Waste and Recycling, version 3 (update, published")
                .contains("/data/recycling/version/1/data.csv");
        HttpResponse<String> datasetNt = get("/data/recycling.nt", "*/*");
        assertThat(datasetNt.body())
                .contains("<" + DS + "> <http://www.w3.org/ns/dcat#hasVersion> <" + DS + "/version/1>");
    }

    @Test
    void changesBetweenTwoVersionsAsJsonCsvAndHtml() throws Exception {
        HttpResponse<String> json = get("/data/recycling/changes.json?from=1&to=3", "*/*");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body())
                .contains("\"added\" : " + newPeriodRows)
                .contains("\"removed\" : " + removedRows)
                .contains("\"changed\" : 1")
                .contains(REMOVED_AREA)
                .contains("2012/2013");
        HttpResponse<String> csv = get("/data/recycling/changes.csv?from=1&to=2", "*/*");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("changed," + REVISED_AREA + ",2010/2011,Count,");
        assertThat(get("/data/recycling/changes?from=2&to=3", "text/html").body())
                .contains("Observations added");
        assertThat(get("/data/recycling/changes.json?from=1&to=7", "*/*").statusCode())
                .isEqualTo(404);
    }

    @Test
    void publicQueriesSeeTheCurrentVersionOnly() throws Exception {
        String count =
                "PREFIX qb: <http://purl.org/linked-data/cube#> SELECT (COUNT(?obs) AS ?n) WHERE { ?obs qb:dataSet <"
                        + DS + "> }";
        assertThat(get("/sparql?query=" + q(count), "text/csv")
                        .body()
                        .lines()
                        .toList()
                        .get(1)
                        .strip())
                .isEqualTo(Integer.toString(rowsV3));
        String removed =
                "PREFIX qb: <http://purl.org/linked-data/cube#>\nPREFIX sdmx: <http://purl.org/linked-data/sdmx/2009/dimension#>\n"
                        + "SELECT ?obs WHERE { ?obs qb:dataSet <" + DS
                        + "> ; sdmx:refArea ?area . FILTER(regex(str(?area), '" + REMOVED_AREA + "$')) }";
        assertThat(get("/sparql?query=" + q(removed), "text/csv").body().lines().count())
                .isEqualTo(1);
        String datasets = "SELECT DISTINCT ?d WHERE { ?d a <http://purl.org/linked-data/cube#DataSet> }";
        assertThat(get("/sparql?query=" + q(datasets), "text/csv")
                        .body()
                        .lines()
                        .toList())
                .containsExactly("d", DS);
        HttpResponse<String> catalogue = get("/data.csv", "text/csv");
        assertThat(catalogue.body()).doesNotContain("/data/recycling/version/");
        assertThat(catalogue.body().lines().filter(l -> l.startsWith("http://statistics.gov.scot/data/")))
                .hasSize(1);
    }

    /**
     * Issue 21's attack in small: many concurrent anonymous queries over every version. Each
     * earlier version is built once in the whole run (this test and the others), every answer is
     * 200 or a plain 503 (busy, with Retry-After, or Request Timeout), never a 500, and the
     * server's health keeps answering throughout.
     */
    @Test
    void concurrentQueriesOverEveryVersionBuildEachOnceAndTheServerKeepsAnswering() throws Exception {
        String query =
                "PREFIX qb: <http://purl.org/linked-data/cube#> SELECT ?g (COUNT(?obs) AS ?n) WHERE { GRAPH ?g { ?obs qb:dataSet ?ds } } "
                        + "GROUP BY ?g ORDER BY ?g";
        List<String> counts = List.of(
                "g,n",
                "http://statistics.gov.scot/graph/recycling/version/1," + rowsV1,
                "http://statistics.gov.scot/graph/recycling/version/2," + rowsV2,
                "http://statistics.gov.scot/graph/recycling/version/3," + rowsV3);
        int requests = 16;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(requests + 1);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String path = i % 4 == 3
                        ? "/data/recycling/version/" + (1 + i % 2) + "/data.nt"
                        : "/versions/sparql?dataset=recycling&query=" + q(query);
                answers.add(pool.submit(() -> {
                    go.await();
                    return get(path, "text/csv");
                }));
            }
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.Future<List<Integer>> health = pool.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                go.await();
                do {
                    statuses.add(get("/health", "application/json").statusCode());
                } while (!done.get());
                return statuses;
            });
            go.countDown();
            int ok = 0;
            for (var f : answers) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).as(r.body()).isIn(200, 503);
                if (r.statusCode() == 503) {
                    assertThat(r.headers().firstValue("Content-Type").orElse(""))
                            .startsWith("text/plain");
                    if (!r.body().equals("Request Timeout")) {
                        assertThat(r.body()).startsWith("Server busy");
                        assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    }
                } else if (r.uri().getPath().equals("/versions/sparql")) {
                    assertThat(r.body().lines().toList()).isEqualTo(counts);
                    ok++;
                } else {
                    assertThat(r.body().lines().toList()).isSorted().hasSizeGreaterThan(rowsV1);
                }
            }
            done.set(true);
            assertThat(health.get()).isNotEmpty().containsOnly(200);
            assertThat(ok).as("queries answered in full").isPositive();
        } finally {
            pool.shutdownNow();
        }
        // once things are calm every request is answered, from the versions built once
        assertThat(get("/versions/sparql?dataset=recycling&query=" + q(query), "text/csv")
                        .body()
                        .lines()
                        .toList())
                .isEqualTo(counts);
        assertThat(app.getBean(scot.cairn.versions.Versions.class).builds())
                .as("earlier versions built")
                .isEqualTo(2);
    }

    @Test
    void everyVersionIsANamedGraphOfTheVersionsEndpoint() throws Exception {
        String query =
                "PREFIX qb: <http://purl.org/linked-data/cube#> SELECT ?g (COUNT(?obs) AS ?n) WHERE { GRAPH ?g { ?obs qb:dataSet ?ds } } "
                        + "GROUP BY ?g ORDER BY ?g";
        HttpResponse<String> r = get("/versions/sparql?dataset=recycling&query=" + q(query), "text/csv");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body().lines().toList())
                .containsExactly(
                        "g,n",
                        "http://statistics.gov.scot/graph/recycling/version/1," + rowsV1,
                        "http://statistics.gov.scot/graph/recycling/version/2," + rowsV2,
                        "http://statistics.gov.scot/graph/recycling/version/3," + rowsV3);
        assertThat(get("/versions/sparql?dataset=recycling&version=1&version=3&query=" + q(query), "text/csv")
                        .body()
                        .lines()
                        .toList())
                .containsExactly(
                        "g,n",
                        "http://statistics.gov.scot/graph/recycling/version/1," + rowsV1,
                        "http://statistics.gov.scot/graph/recycling/version/3," + rowsV3);
        assertThat(get("/versions/sparql?dataset=recycling&query=" + q("SELECT * WHERE {"), "*/*")
                        .statusCode())
                .isEqualTo(400);
    }
}
