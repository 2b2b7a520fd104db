package scot.cairn.benchmarks;

import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.springframework.context.ConfigurableApplicationContext;
import scot.cairn.linkeddata.Downloads;
import scot.cairn.server.PublisherApplication;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.ReferenceTime;
import scot.cairn.vocab.SdmxAttribute;
import scot.cairn.vocab.SdmxDimension;
import scot.cairn.vocab.UriScheme;

/**
 * Whole-cube CSV download speed on a 1,004,544-observation dataset (6,976 data zones x 12 years x
 * 3 genders x 4 age groups, about 9 M quads in TDB2), measured three ways in one run:
 * the streaming writer in process, the same over HTTP ({@code GET /downloads/cube-table}), and
 * the baseline of a plain SPARQL join for the same labelled columns (ARQ on the same store,
 * written as SPARQL CSV results). Target: at least 200,000 rows/s.
 *
 * <p>A main, never run by the test phase. Run from the repository root (the server and its
 * modules must be installed: {@code mvn -q -o -pl vocab,store,loaders,sparql-endpoint,linked-data,tabulation,server install -DskipTests}):
 * <pre>
 * mvn -q -o -pl benchmarks package -DskipTests
 * mvn -q -o -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx3g -cp benchmarks/target/classes:$(cat benchmarks/target/cp.txt) \
 *   scot.cairn.benchmarks.DownloadBenchmark benchmarks/target/download-bench 6
 * </pre>
 * The first argument is the server's data folder (the TDB2 store is its {@code tdb2} folder);
 * the second the number of measured runs; a third, {@code writer} or {@code http}, measures
 * only the in-process writer or only the download over HTTP.
 * The store folder is generated on the first run and reused after.
 */
public final class DownloadBenchmark {
    /** Any base works; the server is started with it as {@code cairn.base-uri}. */
    private static final UriScheme URIS = new UriScheme("http://data.example.scot/");

    private static final String SLUG = "population-bench";
    private static final String DATASET = URIS.dataset(SLUG);
    private static final int AREAS = 6976;
    private static final int YEARS = 12;
    private static final String[] GENDERS = {"all", "female", "male"};
    private static final String[] AGES = {"0-15", "16-64", "65-plus", "all"};

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/download-bench");
        Path folder = dataDir.resolve("tdb2");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        // "writer" measures the in-process writer only (for profiling), "http" the download over HTTP only
        boolean writerOnly = args.length > 2 && args[2].equals("writer");
        boolean httpOnly = args.length > 2 && args[2].equals("http");
        boolean fresh = !Files.isDirectory(folder);
        long observations = (long) AREAS * YEARS * GENDERS.length * AGES.length;
        try (TripleStore store = TripleStore.open(folder)) {
            if (fresh
                    || store.read(d -> !d.find(NodeFactory.createURI(URIS.graph(SLUG)), Node.ANY, Node.ANY, Node.ANY)
                            .hasNext())) {
                long t0 = System.nanoTime();
                long quads = generate(store);
                System.out.printf(
                        Locale.ROOT,
                        "generated %,d observations, %,d quads in %.1f s%n",
                        observations,
                        quads,
                        (System.nanoTime() - t0) / 1e9);
            }
            System.out.printf(Locale.ROOT, "store %s, dataset %s (%,d observations)%n", folder, DATASET, observations);
            for (int i = 0; i < (httpOnly ? 0 : repeats); i++) {
                CountingSink out = new CountingSink();
                long t0 = System.nanoTime();
                long c0 = cpu();
                long rows = Downloads.writeCubeCsv(store, URIS, DATASET, out);
                report("in-process streaming writer", rows, out.bytes(), System.nanoTime() - t0, cpu() - c0);
            }
            for (int i = 0; i < (writerOnly || httpOnly ? 0 : 1); i++) { // the baseline takes minutes: once
                CountingSink out = new CountingSink();
                long t0 = System.nanoTime();
                long c0 = cpu();
                long rows = sparqlBaseline(store, out);
                report("baseline: SPARQL join, ARQ CSV results", rows, out.bytes(), System.nanoTime() - t0, cpu() - c0);
            }
        }
        if (writerOnly) {
            return;
        }
        // Over HTTP: the publisher itself on port 0, opening the same folder (the store above is closed).
        try (ConfigurableApplicationContext app = PublisherApplication.start(
                "--server.port=0",
                "--cairn.data-dir=" + dataDir,
                "--cairn.base-uri=" + URIS.base(),
                "--cairn.examples=false",
                "--cairn.fuseki.enabled=false",
                "--logging.level.root=WARN")) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            HttpClient client = HttpClient.newHttpClient();
            String base = app.getBean(UriScheme.class).base();
            String uri = base + "data/" + SLUG;
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                long c0 = cpu();
                HttpResponse<java.io.InputStream> r = client.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/downloads/cube-table?uri="
                                        + URLEncoder.encode(uri, StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                long bytes = 0;
                long lines = 0;
                byte[] buf = new byte[1 << 16];
                try (var in = r.body()) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        bytes += n;
                        for (int k = 0; k < n; k++) {
                            if (buf[k] == '\n') {
                                lines++;
                            }
                        }
                    }
                }
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + r.statusCode());
                }
                report("HTTP GET /downloads/cube-table", lines - 1, bytes, System.nanoTime() - t0, cpu() - c0);
            }
        }
    }

    /**
     * Wall time and the process's CPU time: the build machine is shared, so rows per CPU-second
     * shows the cost of the code when wall time is inflated by other work.
     */
    private static void report(String what, long rows, long bytes, long nanos, long cpuNanos) {
        double s = nanos / 1e9;
        double cpu = cpuNanos / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%-40s %,10d rows %,6.1f MB  wall %6.2f s %,9.0f rows/s  process CPU %6.2f s %,9.0f rows/CPU-s  load %.1f%n",
                what,
                rows,
                bytes / 1e6,
                s,
                rows / s,
                cpu,
                rows / cpu,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long sparqlBaseline(TripleStore store, OutputStream out) {
        String q = """
                PREFIX qb: <http://purl.org/linked-data/cube#>
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                PREFIX sdmxd: <http://purl.org/linked-data/sdmx/2009/dimension#>
                PREFIX sdmxa: <http://purl.org/linked-data/sdmx/2009/attribute#>
                SELECT ?FeatureCode ?FeatureName ?DateCode ?Measurement ?Gender ?Age ?Units ?Value ?Status WHERE {
                  ?obs qb:dataSet <%s> ; sdmxd:refArea ?area ; sdmxd:refPeriod ?p ; qb:measureType ?mt ;
                       <%s> ?g ; <%s> ?a ; sdmxa:unitMeasure ?u .
                  ?area rdfs:label ?FeatureName . ?p rdfs:label ?DateCode . ?mt rdfs:label ?Measurement .
                  ?g rdfs:label ?Gender . ?a rdfs:label ?Age . ?u rdfs:label ?Units .
                  OPTIONAL { ?obs ?mt ?Value }
                  OPTIONAL { ?obs sdmxa:obsStatus ?s . ?s rdfs:label ?Status }
                  BIND(strafter(str(?area), "statistical-geography/") AS ?FeatureCode)
                }""".formatted(DATASET, URIS.dimension("gender"), URIS.dimension("age"));
        return store.read(dsg -> {
            try (QueryExecution qe = QueryExecution.create(q, store.dataset())) {
                ResultSet rs = qe.execSelect();
                CountingResults counting = new CountingResults(rs);
                ResultSetFormatter.outputAsCSV(out, counting);
                return counting.rows;
            }
        });
    }

    private static long generate(TripleStore store) {
        Node type = RDF.type.asNode();
        Node label = RDFS.label.asNode();
        Node dataSet = QB.dataSet.asNode();
        Node refArea = SdmxDimension.refArea.asNode();
        Node refPeriod = SdmxDimension.refPeriod.asNode();
        Node measureType = QB.measureType.asNode();
        Node unit = SdmxAttribute.unitMeasure.asNode();
        Node count = NodeFactory.createURI(URIS.measureProperty("count"));
        Node people = NodeFactory.createURI(URIS.unit("people"));
        Node gender = NodeFactory.createURI(URIS.dimension("gender"));
        Node age = NodeFactory.createURI(URIS.dimension("age"));
        Node ds = NodeFactory.createURI(DATASET);
        Node geo = NodeFactory.createURI(URIS.geographyGraph());
        Node voc = NodeFactory.createURI(URIS.vocabularyGraph());
        Node meta = NodeFactory.createURI(URIS.metadataGraph(SLUG));
        Node data = NodeFactory.createURI(URIS.graph(SLUG));
        List<String> graphs = List.of(geo.getURI(), voc.getURI(), meta.getURI(), data.getURI());
        return store.replaceGraphs(new GraphReplacement(graphs, sink -> {
            Node[] areas = new Node[AREAS];
            for (int a = 0; a < AREAS; a++) {
                String code = String.format(Locale.ROOT, "S0100%04d", 5000 + a);
                areas[a] = NodeFactory.createURI(URIS.area(code));
                sink.add(geo, areas[a], label, NodeFactory.createLiteralString("Data zone " + code));
            }
            Node[] years = new Node[YEARS];
            for (int y = 0; y < YEARS; y++) {
                years[y] = NodeFactory.createURI(ReferenceTime.year(2011 + y));
                sink.add(meta, years[y], label, NodeFactory.createLiteralString(Integer.toString(2011 + y)));
            }
            Node[] genders = concepts(sink, voc, "gender", GENDERS);
            Node[] ages = concepts(sink, voc, "age", AGES);
            sink.add(voc, gender, label, NodeFactory.createLiteralString("Gender"));
            sink.add(voc, age, label, NodeFactory.createLiteralString("Age"));
            sink.add(voc, count, label, NodeFactory.createLiteralString("Count"));
            sink.add(voc, people, label, NodeFactory.createLiteralString("People"));
            Node dsd = NodeFactory.createURI(URIS.structure(SLUG));
            sink.add(meta, ds, type, QB.DataSet.asNode());
            sink.add(meta, ds, label, NodeFactory.createLiteralString("Population (benchmark)"));
            sink.add(meta, ds, QB.structure.asNode(), dsd);
            String[] dims = {
                SdmxDimension.refArea.getURI(),
                SdmxDimension.refPeriod.getURI(),
                QB.measureType.getURI(),
                gender.getURI(),
                age.getURI()
            };
            for (int i = 0; i < dims.length; i++) {
                Node spec = NodeFactory.createURI(URIS.componentSpec(SLUG, Integer.toString(i)));
                sink.add(meta, dsd, QB.component.asNode(), spec);
                sink.add(meta, spec, QB.dimension.asNode(), NodeFactory.createURI(dims[i]));
                sink.add(
                        meta,
                        spec,
                        QB.order.asNode(),
                        NodeFactory.createLiteralDT(Integer.toString(i + 1), XSDDatatype.XSDinteger));
            }
            Node observation = QB.Observation.asNode();
            long v = 0;
            for (int a = 0; a < AREAS; a++) {
                String code = areas[a].getURI().substring(areas[a].getURI().lastIndexOf('/') + 1);
                for (int y = 0; y < YEARS; y++) {
                    for (int g = 0; g < GENDERS.length; g++) {
                        for (int k = 0; k < AGES.length; k++) {
                            Node obs = NodeFactory.createURI(URIS.observation(
                                    SLUG, code, Integer.toString(2011 + y), GENDERS[g], AGES[k], "count"));
                            sink.add(data, obs, type, observation);
                            sink.add(data, obs, dataSet, ds);
                            sink.add(data, obs, refArea, areas[a]);
                            sink.add(data, obs, refPeriod, years[y]);
                            sink.add(data, obs, measureType, count);
                            sink.add(data, obs, gender, genders[g]);
                            sink.add(data, obs, age, ages[k]);
                            sink.add(data, obs, unit, people);
                            sink.add(
                                    data,
                                    obs,
                                    count,
                                    NodeFactory.createLiteralDT(Long.toString(v++ % 997), XSDDatatype.XSDinteger));
                        }
                    }
                }
            }
        }));
    }

    private static Node[] concepts(scot.cairn.store.QuadSink sink, Node g, String scheme, String[] codes) {
        Node[] out = new Node[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = NodeFactory.createURI(URIS.concept(scheme, codes[i]));
            sink.add(
                    g,
                    out[i],
                    RDFS.label.asNode(),
                    NodeFactory.createLiteralString(
                            codes[i].substring(0, 1).toUpperCase(Locale.ROOT) + codes[i].substring(1)));
        }
        return out;
    }

    /** Counts the rows the formatter pulls. */
    private static final class CountingResults extends org.apache.jena.sparql.resultset.ResultSetWrapper {
        long rows;

        CountingResults(ResultSet rs) {
            super(rs);
        }

        @Override
        public org.apache.jena.query.QuerySolution next() {
            rows++;
            return super.next();
        }

        @Override
        public org.apache.jena.sparql.engine.binding.Binding nextBinding() {
            rows++;
            return super.nextBinding();
        }
    }

    private DownloadBenchmark() {}
}
