package scot.cairn.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.sparql.core.Quad;
import scot.cairn.geography.Geography;
import scot.cairn.geography.StoreGeography;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.profiles.AreaProfile;
import scot.cairn.profiles.Locality;
import scot.cairn.profiles.ProfileDefinition;
import scot.cairn.profiles.ProfileEngine;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/**
 * A 20-indicator area profile for councils on a store of ~17 M quads, against the baseline of
 * computing only each indicator's council totals by period with SPARQL aggregates, in one run.
 *
 * <p>The store is {@link SliceQueryBenchmark}'s: ten generated data zone datasets {@code bench-0..9}
 * (6,976 data zones x 10 years x 3 sexes; count measure). This benchmark adds the official 2011
 * geography (from the lookup file given) and a small synthetic quintile dataset {@code bench-deprivation},
 * once. The profile has, per dataset, the count for sex = all and the proportion female / all.
 * Figures: the first request (extraction of the 21 series, once per store version), then p50/p95 of
 * profiles for the 32 councils in turn with the extracted tables, plus Scotland, an intermediate zone
 * and a 300-data-zone locality.
 *
 * <p>Run (store copied from, or generated like, {@code benchmarks/target/slice-store/tdb2}):
 * {@code mvn -q -o -pl benchmarks package -DskipTests && java -Xmx6g -cp "benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" scot.cairn.benchmarks.ProfileBenchmark benchmarks/target/profile-store ../shared/data/real/geography/Datazone2011lookup.csv}
 */
public final class ProfileBenchmark {

    static final UriScheme URIS = UriScheme.defaultScheme();
    static final String QB = "http://purl.org/linked-data/cube#";

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/profile-store");
        Path lookup = Path.of(args.length > 1 ? args[1] : "../shared/data/real/geography/Datazone2011lookup.csv");
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 320;
        int baselineRounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        long counted = SliceQueryBenchmark.ensureStore(dataDir.resolve("tdb2"));
        List<String> report = new ArrayList<>();
        try (TripleStore store = TripleStore.open(dataDir.resolve("tdb2"))) {
            // ensureStore counted the store as it was; add what prepare writes on a first run.
            long quads = counted + prepare(store, lookup);
            report.add(String.format("store: %,d quads (%s)", quads, dataDir));
            Geography geo = Geography.fromStore(store, URIS);
            List<String> councils = geo.areas(AreaLevel.COUNCIL).stream()
                    .map(Geography.Area::code)
                    .toList();
            ProfileDefinition def = ProfileDefinition.read(profileYaml(), "bench-profile.yaml");

            ProfileEngine engine = new ProfileEngine(store, URIS, new StoreGeography(store, URIS));
            long t0 = System.nanoTime();
            AreaProfile first = engine.profile(def, councils.get(0));
            double coldMs = (System.nanoTime() - t0) / 1e6;
            report.add(String.format(
                    "first request (extract 21 series for store version %d, then compute): %.0f ms; %d rows",
                    first.storeVersion(), coldMs, first.rows().size()));

            // Warm-up, then measure.
            for (int i = 0; i < 64; i++) {
                engine.profile(def, councils.get(i % councils.size()));
            }
            double[] council = new double[requests];
            for (int i = 0; i < requests; i++) {
                long t = System.nanoTime();
                engine.profile(def, councils.get(i % councils.size()));
                council[i] = (System.nanoTime() - t) / 1e6;
            }
            List<String> dzs = geo.areas(AreaLevel.DATA_ZONE).stream()
                    .map(Geography.Area::code)
                    .toList();
            Random r = new Random(42);
            List<String> pick = new ArrayList<>(dzs);
            java.util.Collections.shuffle(pick, r);
            Locality locality = new Locality("bench", "Bench locality", pick.subList(0, 300));
            double[] scotland = time(40, () -> engine.profile(def, "S92000003"));
            double[] iz = time(
                    200,
                    () -> engine.profile(
                            def,
                            geo.areas(AreaLevel.INTERMEDIATE_ZONE)
                                    .get(r.nextInt(1279))
                                    .code()));
            double[] loc = time(200, () -> engine.profile(def, locality));

            // Baseline: SPARQL aggregates for only the council totals by period, one query per indicator series.
            double[] baseline = new double[baselineRounds];
            for (int b = 0; b < baselineRounds; b++) {
                String c = councils.get((b * 7) % councils.size());
                long t = System.nanoTime();
                store.read(dsg -> {
                    for (int d = 0; d < 10; d++) {
                        for (String sex : new String[] {"all", "female"}) {
                            try (var qe = QueryExecutionFactory.create(aggregate(c, d, sex), store.dataset())) {
                                qe.execSelect().forEachRemaining(x -> {});
                            }
                        }
                    }
                    return null;
                });
                baseline[b] = (System.nanoTime() - t) / 1e6;
            }

            report.add("");
            report.add("| request | p50 ms | p95 ms | max ms | n |");
            report.add("|---|---|---|---|---|");
            report.add(row("profile, council (20 indicators), Cairn engine", council));
            report.add(row("profile, Scotland (32 councils as sub-areas)", scotland));
            report.add(row("profile, intermediate zone", iz));
            report.add(row("profile, locality of 300 data zones", loc));
            report.add(row("baseline: SPARQL SUM per indicator, council totals by year only", baseline));
            report.add("");
            report.add(String.format(
                    "ratio (baseline / engine), council p50: %.0fx", pct(baseline, 50) / pct(council, 50)));
        }
        report.forEach(System.out::println);
        System.exit(0);
    }

    interface Action {
        void run() throws Exception;
    }

    static double[] time(int n, Action a) throws Exception {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            a.run();
            out[i] = (System.nanoTime() - t) / 1e6;
        }
        return out;
    }

    static String row(String name, double[] ms) {
        return String.format(
                "| %s | %.2f | %.2f | %.2f | %d |",
                name, pct(ms, 50), pct(ms, 95), Arrays.stream(ms).max().orElse(0), ms.length);
    }

    static double pct(double[] ms, int p) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }

    /** Loads the geography and the synthetic quintiles, unless already there; returns the quads added. */
    static long prepare(TripleStore store, Path lookup) {
        long added = 0;
        if (store.size(URIS.geographyGraph()) == 0) {
            long t = System.nanoTime();
            new GeographyLoader(URIS).load(lookup, store);
            System.out.printf("loaded geography in %.1f s%n", (System.nanoTime() - t) / 1e9);
            added += store.size(URIS.geographyGraph());
        }
        String graph = URIS.graph("bench-deprivation");
        if (store.size(graph) == 0) {
            Node g = NodeFactory.createURI(graph);
            Node ds = NodeFactory.createURI(URIS.dataset("bench-deprivation"));
            Node quintile = NodeFactory.createURI(URIS.measureProperty("quintile"));
            Node period = NodeFactory.createURI("http://reference.data.gov.uk/id/year/2020");
            store.replaceGraphs(new GraphReplacement(List.of(graph), sink -> {
                for (int z = 0; z < SliceQueryBenchmark.DATA_ZONES; z++) {
                    String code = "S01" + String.format("%06d", SliceQueryBenchmark.FIRST_DZ + z);
                    Node obs = NodeFactory.createURI(URIS.observation("bench-deprivation", code, "2020", "quintile"));
                    sink.add(Quad.create(g, obs, NodeFactory.createURI(QB + "dataSet"), ds));
                    sink.add(Quad.create(
                            g,
                            obs,
                            NodeFactory.createURI("http://purl.org/linked-data/sdmx/2009/dimension#refArea"),
                            NodeFactory.createURI(URIS.area(code))));
                    sink.add(Quad.create(
                            g,
                            obs,
                            NodeFactory.createURI("http://purl.org/linked-data/sdmx/2009/dimension#refPeriod"),
                            period));
                    sink.add(Quad.create(g, obs, NodeFactory.createURI(QB + "measureType"), quintile));
                    sink.add(Quad.create(
                            g,
                            obs,
                            quintile,
                            NodeFactory.createLiteralDT(Integer.toString(1 + (z * 7) % 5), XSDDatatype.XSDinteger)));
                }
            }));
            added += store.size(graph);
        }
        return added;
    }

    static String profileYaml() {
        StringBuilder y = new StringBuilder("""
                name: bench
                title: Benchmark profile (20 indicators)
                deprivation: {label: synthetic quintile, series: {dataset: bench-deprivation, measure: quintile}}
                indicators:
                """);
        for (int d = 0; d < 10; d++) {
            y.append("  - {id: count-")
                    .append(d)
                    .append(", label: Count ")
                    .append(d)
                    .append(", type: count, better: lower, value: {dataset: bench-")
                    .append(d)
                    .append(", measure: count, dimensions: {gender: all}}}\n");
            y.append("  - {id: female-")
                    .append(d)
                    .append(", label: Female share ")
                    .append(d)
                    .append(", type: proportion, better: higher, numerator: {dataset: bench-")
                    .append(d)
                    .append(", measure: count, dimensions: {gender: female}}, denominator: {dataset: bench-")
                    .append(d)
                    .append(", measure: count, dimensions: {gender: all}}}\n");
        }
        return y.toString();
    }

    /** The council's total of one series by year, the way a SPARQL-only profile would start. */
    static String aggregate(String council, int d, String sex) {
        String b = UriScheme.DEFAULT_BASE;
        return "PREFIX qb: <" + QB + "> PREFIX sdmxd: <http://purl.org/linked-data/sdmx/2009/dimension#> "
                + "SELECT ?period (SUM(?v) AS ?total) (COUNT(?obs) AS ?n) WHERE { "
                + "?dz <http://publishmydata.com/def/ontology/foi/within> <" + b + "id/statistical-geography/" + council
                + "> . "
                + "?obs sdmxd:refArea ?dz ; qb:dataSet <" + b + "data/bench-" + d + "> ; <" + b
                + "def/dimension/gender> <" + b
                + "def/concept/gender/" + sex + "> ; sdmxd:refPeriod ?period ; <" + b
                + "def/measure-properties/count> ?v . } GROUP BY ?period";
    }
}
