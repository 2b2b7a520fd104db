package scot.cairn.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.tabulation.Client;
import scot.cairn.tabulation.Localities;
import scot.cairn.tabulation.LocalityLimits;
import scot.cairn.tabulation.MicrodataStore;
import scot.cairn.vocab.AreaLevel;

/**
 * Reading one locality (what every profile and table of a locality does first), one page of the
 * list and creating one, on a DuckDB store filled to the default hard cap of localities (10,000),
 * each as large as a locality may be in practice (100-character name; {@code zones} data zones),
 * side by side with the baseline: the scan of every locality that {@code MicrodataStore.locality}
 * did before (read all, keep the one; its query text), same file, same run. The first 200
 * localities are created through {@link Localities#create}, the rest by one INSERT of the same
 * shape.
 *
 * <p>Run (from the repository root):
 * <pre>
 * mvn -q -pl tabulation -am compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * mvn -q -pl benchmarks -am compile -DskipTests
 * java -cp "benchmarks/target/classes:tabulation/target/classes:$(cat tabulation/target/classpath.txt)" \
 *     scot.cairn.benchmarks.LocalityLookupBenchmark /tmp/cairn-localities [localities=10000] [zones=300]
 * </pre>
 */
public final class LocalityLookupBenchmark {

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "benchmarks/target/localities");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int zonesEach = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        Files.createDirectories(work);
        Path db = work.resolve("localities.duckdb");
        Files.deleteIfExists(db);
        Files.deleteIfExists(work.resolve("localities.duckdb.wal"));
        List<String> zones = new ArrayList<>();
        Map<String, Map<AreaLevel, String>> parents = new LinkedHashMap<>();
        for (int i = 0; i < 6_976; i++) {
            String dz = String.format(Locale.ROOT, "S01%06d", 6_000 + i);
            zones.add(dz);
            parents.put(dz, Map.of(AreaLevel.COUNCIL, "S12000033"));
        }
        AreaHierarchy geography = AreaHierarchy.of(parents, Map.of());
        List<String> slugs = new ArrayList<>();
        Random r = new Random(7);
        int viaApi = Math.min(count, 200);
        LocalityLimits room = new LocalityLimits(100, 1_000, count + 100, count + 100, 20, false);
        try (MicrodataStore store = MicrodataStore.open(db)) {
            Localities localities = new Localities(store, geography, room);
            time("create through Localities.create (empty store)", viaApi, 0, () -> {
                int i = slugs.size();
                int from = r.nextInt(zones.size() - zonesEach);
                return slugs.add(localities
                        .create(name(i), zones.subList(from, from + zonesEach), Client.withApiKey("bench"))
                        .locality()
                        .slug());
            });
        }
        // The rest in one statement (creating 10,000 one by one takes many minutes on a shared machine):
        // the same names, slugs and sizes as the API makes.
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO localities (slug, name, data_zones, created, owner_client, creator, zone_count) "
                    + "SELECT 'locality-' || lpad(i::VARCHAR, 6, '0') || '-" + "x".repeat(84) + "', "
                    + "'Locality ' || lpad(i::VARCHAR, 6, '0') || ' " + "x".repeat(84) + "', "
                    + "list_transform(range(" + zonesEach + "), j -> 'S01' || lpad((6000 + (i * 7919) % "
                    + (zones.size() - zonesEach)
                    + " + j)::VARCHAR, 6, '0')), now(), 'bench', 'key:bench', " + zonesEach + " FROM range(" + viaApi
                    + ", " + count + ") t(i)");
        }
        for (int i = viaApi; i < count; i++) {
            slugs.add(String.format(Locale.ROOT, "locality-%06d-", i) + "x".repeat(84));
        }
        System.out.printf(
                Locale.ROOT, "store: %,d localities of %d data zones, %,d bytes%n", count, zonesEach, Files.size(db));
        try (MicrodataStore store = MicrodataStore.open(db)) {
            Localities localities = new Localities(store, geography, room);
            int[] next = {count};
            time("create through Localities.create (store at the cap)", 50, 0, () -> {
                int from = r.nextInt(zones.size() - zonesEach);
                return localities.create(
                        name(next[0]++), zones.subList(from, from + zonesEach), Client.withApiKey("late"));
            });
        }
        try (MicrodataStore store = MicrodataStore.open(db)) {
            Localities localities = new Localities(store, geography, LocalityLimits.defaults());
            time(
                    "keyed lookup: MicrodataStore.locality(slug)",
                    2_000,
                    200,
                    () -> store.locality(slugs.get(r.nextInt(count))).orElseThrow());
            time(
                    "list: one page of 100 (GET /localities?size=100)",
                    200,
                    20,
                    () -> localities.page(1 + r.nextInt(count / 100), 100));
        }
        // The store is closed: DuckDB lets one database instance hold the file, so the baseline opens its own.
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath())) {
            time(
                    "baseline: read every locality, keep the one (locality(slug) before)",
                    20,
                    3,
                    () -> scan(c, slugs.get(r.nextInt(count))));
        }
    }

    private static String name(int i) {
        return String.format(Locale.ROOT, "Locality %06d ", i) + "x".repeat(84);
    }

    /** The implementation this replaces: every locality read and split, then filtered in Java. */
    private static MicrodataStore.Locality scan(Connection c, String slug) {
        List<MicrodataStore.Locality> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT slug, name, array_to_string(data_zones, ','), created FROM localities ORDER BY slug")) {
            while (rs.next()) {
                out.add(new MicrodataStore.Locality(
                        rs.getString(1),
                        rs.getString(2),
                        List.of(rs.getString(3).split(",")),
                        rs.getTimestamp(4).toInstant()));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out.stream().filter(l -> l.slug().equals(slug)).findFirst().orElseThrow();
    }

    private static void time(String what, int runs, int warmup, Supplier<?> work) {
        for (int i = 0; i < warmup; i++) {
            Sink.use(work.get());
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            Sink.use(work.get());
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(
                Locale.ROOT,
                "%-72s p50 %9.2f ms  p95 %9.2f ms  max %9.2f ms  (n=%d)%n",
                what,
                ms[runs / 2],
                ms[(int) Math.ceil(runs * 0.95) - 1],
                ms[runs - 1],
                runs);
    }
}
