package scot.cairn.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.RealData;
import scot.cairn.vocab.PublisherVocabulary;
import scot.cairn.vocab.UriScheme;

/**
 * The real recycling file published three times with edits (a revised value; then an added period
 * and a removed area): the history, the changes between versions, old versions byte for byte, and
 * the live graphs answering client queries with the current version only.
 */
class RecyclingVersionsIT {
    private static final UriScheme URIS = UriScheme.defaultScheme();
    private static final String DS = URIS.dataset("recycling");
    private static final String REVISED_AREA = "S12000033";
    private static final String REMOVED_AREA = "S12000005";

    private static Path source;
    private static CubeDefinition definition;

    @TempDir
    Path scratch;

    @BeforeAll
    static void data() {
        source = RealData.require("statistics_gov_scot/sg_training/recycling_data.csv");
        definition = CubeDefinition.read(Path.of("../cube-definitions/recycling.yaml"));
    }

    /** The original file with one edit per row (null drops the row) plus extra rows. */
    private Path edited(String name, UnaryOperator<List<String>> edit, List<List<String>> extra) throws IOException {
        Path out = scratch.resolve(name);
        try (Reader r = Files.newBufferedReader(source, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.DEFAULT.parse(r);
                Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                CSVPrinter pr = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            boolean header = true;
            for (CSVRecord rec : p) {
                List<String> row = new ArrayList<>(rec.toList());
                if (header) {
                    header = false;
                    pr.printRecord(row);
                    continue;
                }
                List<String> e = edit.apply(row);
                if (e != null) {
                    pr.printRecord(e);
                }
            }
            for (List<String> row : extra) {
                pr.printRecord(row);
            }
        }
        return out;
    }

    private static List<List<String>> rowsOf(Path csv) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(r)) {
            for (CSVRecord rec : p) {
                rows.add(rec.toList());
            }
        }
        return rows;
    }

    private static TripleStore storeWithVocabulary() {
        TripleStore store = TripleStore.inMemory();
        store.replaceGraphs(new GraphReplacement(
                List.of(URIS.vocabularyGraph()),
                sink -> PublisherVocabulary.build(URIS)
                        .getGraph()
                        .find()
                        .forEachRemaining(t -> sink.add(
                                NodeFactory.createURI(URIS.vocabularyGraph()),
                                t.getSubject(),
                                t.getPredicate(),
                                t.getObject()))));
        return store;
    }

    private static PublishOutcome publish(Versions versions, Path csv, String note, Release.Kind kind) {
        VersionedTarget target = versions.publisher(new Release(note, kind), null);
        new CubeLoader(URIS, AreaDirectory.anyWellFormedCode()).load(definition, csv, target);
        return target.lastOutcome();
    }

    private static byte[] csvOf(Versions v, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        v.writeCsv("recycling", n, out);
        return out.toByteArray();
    }

    private static byte[] ntOf(Versions v, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        v.writeNTriples("recycling", n, out);
        return out.toByteArray();
    }

    private static List<String> values(TripleStore store, String area) {
        String q = "PREFIX qb: <http://purl.org/linked-data/cube#>\n"
                + "PREFIX sdmx: <http://purl.org/linked-data/sdmx/2009/dimension#>\n"
                + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                + "SELECT ?period ?value WHERE { ?obs qb:dataSet <" + DS
                + "> ; sdmx:refArea ?area ; sdmx:refPeriod/rdfs:label ?period ;"
                + " qb:measureType ?mt . ?obs ?mt ?value . FILTER(regex(str(?area), '" + area + "$')) }";
        return store.read(dsg -> {
            List<String> out = new ArrayList<>();
            try (org.apache.jena.sparql.exec.QueryExec qe = store.publicQuery(
                            org.apache.jena.query.QueryFactory.create(q))
                    .build()) {
                qe.select()
                        .forEachRemaining(b -> out.add(b.get("period").getLiteralLexicalForm() + "="
                                + b.get("value").getLiteralLexicalForm()));
            }
            return out;
        });
    }

    private static long count(TripleStore store, String query) {
        return store.read(dsg -> {
            try (org.apache.jena.sparql.exec.QueryExec qe = store.publicQuery(
                            org.apache.jena.query.QueryFactory.create(query))
                    .build()) {
                return ((Number) qe.select().next().get("n").getLiteralValue()).longValue();
            }
        });
    }

    @Test
    void threePublicationsWithEditsKeepHistoryChangesAndOldVersionsByteForByte() throws IOException {
        Path v1 = scratch.resolve("v1.csv");
        Files.copy(source, v1);
        String[] revisedOld = new String[1];
        Path v2 = edited(
                "v2.csv",
                row -> {
                    if (revisedOld[0] == null
                            && row.get(0).equals(REVISED_AREA)
                            && row.get(1).equals("2010/2011")
                            && row.get(2).equals("Count")) {
                        revisedOld[0] = row.get(4);
                        List<String> r = new ArrayList<>(row);
                        r.set(4, new BigDecimal(row.get(4)).add(BigDecimal.ONE).toPlainString());
                        return r;
                    }
                    return row;
                },
                List.of());
        List<List<String>> newPeriod = new ArrayList<>();
        for (List<String> row : rowsOf(v2)) {
            if (row.get(1).equals("2011/2012") && !row.get(0).equals(REMOVED_AREA)) {
                List<String> r = new ArrayList<>(row);
                r.set(1, "2012/2013");
                newPeriod.add(r);
            }
        }
        Path v3 = edited("v3.csv", row -> row.get(0).equals(REMOVED_AREA) ? null : row, List.of());
        // v3 = v2's revised value kept, the removed area dropped, the new period added
        List<List<String>> v3rows = new ArrayList<>();
        for (List<String> row : rowsOf(v2)) {
            if (!row.get(0).equals(REMOVED_AREA)) {
                v3rows.add(row);
            }
        }
        v3rows.addAll(newPeriod);
        v3 = edited("v3.csv", row -> null, v3rows);
        long removedObservations =
                rowsOf(v2).stream().filter(r -> r.get(0).equals(REMOVED_AREA)).count();
        assertThat(revisedOld[0]).isNotNull();
        assertThat(removedObservations).isPositive();

        try (TripleStore store = storeWithVocabulary()) {
            Versions versions = new Versions(store, URIS, scratch.resolve("versions"), 1_000_000);

            PublishOutcome o1 = publish(versions, v1, "First release", Release.Kind.UPDATE);
            assertThat(o1.published()).isTrue();
            assertThat(o1.version().number()).isEqualTo(1);
            assertThat(o1.version().observations()).isEqualTo(rowsOf(v1).size());
            byte[] csv1 = csvOf(versions, 1);
            byte[] nt1 = ntOf(versions, 1);

            PublishOutcome o2 = publish(
                    versions, v2, "Corrected the 2010/2011 figure for " + REVISED_AREA, Release.Kind.CORRECTION);
            assertThat(o2.version().number()).isEqualTo(2);
            assertThat(o2.version().changed()).isEqualTo(1);
            assertThat(o2.version().added()).isZero();
            assertThat(o2.version().removed()).isZero();
            byte[] csv2 = csvOf(versions, 2);

            PublishOutcome o3 =
                    publish(versions, v3, "Added 2012/2013; " + REMOVED_AREA + " withdrawn", Release.Kind.UPDATE);
            assertThat(o3.version().number()).isEqualTo(3);
            assertThat(o3.version().added()).isEqualTo(newPeriod.size());
            assertThat(o3.version().removed()).isEqualTo(removedObservations);
            assertThat(o3.version().changed()).isZero();
            assertThat(o3.version().observations()).isEqualTo(v3rows.size());

            // history
            List<VersionRecord> history = versions.history("recycling");
            assertThat(history).extracting(VersionRecord::number).containsExactly(1, 2, 3);
            assertThat(history)
                    .extracting(VersionRecord::kind)
                    .containsExactly(Release.Kind.UPDATE, Release.Kind.CORRECTION, Release.Kind.UPDATE);
            assertThat(history.get(1).note()).contains("Corrected");
            assertThat(history).extracting(VersionRecord::checksum).doesNotHaveDuplicates();

            // old versions, byte for byte, after later publications
            assertThat(csvOf(versions, 1)).isEqualTo(csv1);
            assertThat(ntOf(versions, 1)).isEqualTo(nt1);
            assertThat(csvOf(versions, 2)).isEqualTo(csv2);
            versions.invalidate("recycling"); // rebuilt from the patches, not from the cache
            assertThat(csvOf(versions, 1)).isEqualTo(csv1);
            assertThat(new String(csvOf(versions, 1), StandardCharsets.UTF_8)
                            .lines()
                            .count())
                    .isEqualTo(rowsOf(v1).size() + 1);

            // checksums recomputed from each version's N-Triples download
            for (VersionRecord r : history) {
                ContentChecksum c = new ContentChecksum();
                new String(ntOf(versions, r.number()), StandardCharsets.UTF_8)
                        .lines()
                        .forEach(c::addLine);
                assertThat(c.value()).as("checksum of version " + r.number()).isEqualTo(r.checksum());
            }

            // the live graphs are the current version only, for client queries
            assertThat(values(store, REMOVED_AREA)).isEmpty();
            assertThat(values(store, REVISED_AREA)).anyMatch(v -> v.startsWith("2012/2013="));
            assertThat(values(store, REVISED_AREA).stream()
                            .filter(v -> v.startsWith("2010/2011="))
                            .map(v -> v.substring(10))
                            .toList())
                    .doesNotContain(revisedOld[0]);
            assertThat(count(
                            store,
                            "PREFIX qb: <http://purl.org/linked-data/cube#> SELECT (COUNT(?o) AS ?n) WHERE { ?o qb:dataSet <"
                                    + DS + "> }"))
                    .isEqualTo(v3rows.size());
            List<String> cubes = store.read(dsg -> {
                List<String> out = new ArrayList<>();
                try (org.apache.jena.sparql.exec.QueryExec qe = store.publicQuery(
                                org.apache.jena.query.QueryFactory.create(
                                        "SELECT DISTINCT ?d WHERE { ?d a <http://purl.org/linked-data/cube#DataSet> }"))
                        .build()) {
                    qe.select().forEachRemaining(b -> out.add(b.get("d").toString()));
                }
                return out;
            });
            assertThat(cubes).containsExactly(DS);
            assertThat(store.graphNames())
                    .containsExactlyInAnyOrder(
                            URIS.vocabularyGraph(), URIS.graph("recycling"), URIS.metadataGraph("recycling"));

            // what changed, both ways
            Changes c13 = versions.changes("recycling", 1, 3);
            assertThat(c13.changed()).isEqualTo(1);
            assertThat(c13.added()).isEqualTo(newPeriod.size());
            assertThat(c13.removed()).isEqualTo(removedObservations);
            assertThat(c13.areas()).contains(REVISED_AREA, REMOVED_AREA);
            assertThat(c13.periods()).contains("2012/2013", "2010/2011");
            Changes.Row revised = c13.rows().stream()
                    .filter(r -> r.kind() == Changes.Kind.CHANGED)
                    .findFirst()
                    .orElseThrow();
            assertThat(revised.area()).isEqualTo(REVISED_AREA);
            assertThat(new BigDecimal(revised.oldValue())).isEqualByComparingTo(new BigDecimal(revisedOld[0]));
            assertThat(new BigDecimal(revised.newValue()))
                    .isEqualByComparingTo(new BigDecimal(revisedOld[0]).add(BigDecimal.ONE));
            Changes c21 = versions.changes("recycling", 2, 1);
            assertThat(c21.changed()).isEqualTo(1);
            assertThat(c21.rows().get(0).oldValue()).isEqualTo(revised.newValue());
            ByteArrayOutputStream changesCsv = new ByteArrayOutputStream();
            c13.writeCsv(changesCsv);
            List<String> lines =
                    changesCsv.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).hasSize(1 + c13.rows().size());
            assertThat(lines.get(0))
                    .startsWith("Change,FeatureCode,DateCode,Measurement,")
                    .contains("OldValue,OldStatus,NewValue,NewStatus");

            // identical content: no new version, and the store does not change
            long storeVersion = store.version();
            PublishOutcome again = publish(versions, v3, "again", Release.Kind.UPDATE);
            assertThat(again.published()).isFalse();
            assertThat(again.identicalTo()).isEqualTo(3);
            assertThat(again.summary()).contains("identical to version 3");
            assertThat(store.version()).isEqualTo(storeVersion);

            // a failed publication: no version, nothing changed, no patch left behind
            Path bad = edited(
                    "bad.csv",
                    row -> {
                        List<String> r = new ArrayList<>(row);
                        r.set(4, "n/a-not-a-number");
                        return r;
                    },
                    List.of());
            Set<Path> filesBefore = listFiles(scratch.resolve("versions/recycling"));
            assertThatThrownBy(() -> publish(versions, bad, "bad", Release.Kind.UPDATE))
                    .isInstanceOf(InvalidInputException.class);
            assertThat(versions.history("recycling")).hasSize(3);
            assertThat(store.version()).isEqualTo(storeVersion);
            assertThat(listFiles(scratch.resolve("versions/recycling"))).isEqualTo(filesBefore);

            // storage follows the change: the patches are small next to the data
            long patchBytes =
                    filesBefore.stream().mapToLong(p -> p.toFile().length()).sum();
            assertThat(patchBytes).isLessThan(nt1.length / 4);

            // deleting a middle version merges the patches around it; a cited version needs the flag
            versions.cite("recycling", 1);
            assertThatThrownBy(() -> versions.delete("recycling", 1, false)).hasMessageContaining("cited");
            assertThatThrownBy(() -> versions.delete("recycling", 3, true)).hasMessageContaining("current version");
            versions.delete("recycling", 2, false);
            assertThat(versions.history("recycling"))
                    .extracting(VersionRecord::number)
                    .containsExactly(1, 3);
            assertThat(versions.history("recycling").get(0).cited()).isTrue();
            assertThat(csvOf(versions, 1)).isEqualTo(csv1);
            assertThat(listFiles(scratch.resolve("versions/recycling")))
                    .extracting(p -> p.getFileName().toString())
                    .containsExactly("3-1.rdfp");
            assertThat(versions.changes("recycling", 1, 3).rows())
                    .hasSize(c13.rows().size());

            // retention keeps 2 versions, but not at the cost of a cited one
            versions.setRetention("recycling", 1);
            PublishOutcome o4 = publish(versions, v2, "Back to the v2 figures", Release.Kind.CORRECTION);
            assertThat(o4.version().number()).isEqualTo(4);
            assertThat(o4.pruned()).containsExactly(3);
            assertThat(o4.keptCited()).containsExactly(1);
            assertThat(versions.history("recycling"))
                    .extracting(VersionRecord::number)
                    .containsExactly(1, 4);
            assertThat(csvOf(versions, 4)).isEqualTo(csv2);
            assertThat(csvOf(versions, 1)).isEqualTo(csv1);
            assertThat(listFiles(scratch.resolve("versions/recycling")))
                    .extracting(p -> p.getFileName().toString())
                    .containsExactly("4-1.rdfp");
        }
    }

    private static Set<Path> listFiles(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return new HashSet<>(s.toList());
        }
    }
}
