package scot.cairn.linkeddata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.Model;
import org.junit.jupiter.api.Test;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.cube.LoadReport;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.RealData;
import scot.cairn.vocab.PublisherVocabulary;
import scot.cairn.vocab.UriScheme;

/**
 * The real recycling file (statistics.gov.scot's SG training download) through the real cube
 * loader and back out as the whole-cube CSV: one row per input row, same areas, periods (as
 * typed) and values; markers keep their row with a status and no value.
 */
class LoaderRoundTripIT {
    private static final UriScheme URIS = UriScheme.defaultScheme();

    @Test
    void recyclingFileRoundTripsThroughLoaderAndCubeTable() throws IOException {
        Path csv = RealData.require("statistics_gov_scot/sg_training/recycling_data.csv");
        CubeDefinition definition = CubeDefinition.read(Path.of("../cube-definitions/recycling.yaml"));
        try (TripleStore store = TripleStore.inMemory()) {
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
            LoadReport report = new CubeLoader(URIS, AreaDirectory.anyWellFormedCode()).load(definition, csv, store);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long rows = Downloads.writeCubeCsv(store, URIS, URIS.dataset("recycling"), out);

            List<String> source = new ArrayList<>();
            try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                    CSVParser p = CSVFormat.DEFAULT
                            .builder()
                            .setHeader()
                            .setSkipHeaderRecord(true)
                            .get()
                            .parse(r)) {
                for (CSVRecord rec : p) {
                    source.add(rec.get("FeatureCode") + "|" + rec.get("DateCode") + "|" + normalise(rec.get("Value")));
                }
            }
            List<String> downloaded = new ArrayList<>();
            List<String> header;
            try (CSVParser p = CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(new StringReader(out.toString(StandardCharsets.UTF_8)))) {
                header = p.getHeaderNames();
                for (CSVRecord rec : p) {
                    String value = rec.get("Value").isEmpty()
                            ? "marker:" + !rec.get("Status").isEmpty()
                            : normalise(rec.get("Value"));
                    downloaded.add(rec.get("FeatureCode") + "|" + rec.get("DateCode") + "|" + value);
                }
            }
            assertThat(rows).isEqualTo(report.observations()).isEqualTo(source.size());
            assertThat(header)
                    .startsWith("FeatureCode", "FeatureName", "DateCode", "Measurement")
                    .endsWith("Units", "Value", "Status");
            assertThat(downloaded).containsExactlyInAnyOrderElementsOf(source);

            Model description = store.read(dsg -> new Describer(dsg, URIS).describe(URIS.dataset("recycling")));
            assertThat(description.contains(
                            description.createResource(URIS.structure("recycling")),
                            description.createProperty("http://purl.org/linked-data/cube#component")))
                    .isTrue();

            // every URI under the base that the loader wrote as a subject dereferences
            List<String> undescribed = store.read(dsg -> {
                java.util.Set<String> minted = new java.util.TreeSet<>();
                dsg.find().forEachRemaining(q -> {
                    if (q.getSubject().isURI() && URIS.mints(q.getSubject().getURI())) {
                        minted.add(q.getSubject().getURI());
                    }
                });
                Describer describer = new Describer(dsg, URIS);
                return minted.stream()
                        .filter(u -> describer.describe(u).isEmpty())
                        .toList();
            });
            assertThat(undescribed).isEmpty();
        }
    }

    /** Numbers compare by value (the store may write 24.60 as 24.6); a non-number is a marker with a status. */
    private static String normalise(String value) {
        try {
            return new BigDecimal(value.strip()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return "marker:true";
        }
    }
}
