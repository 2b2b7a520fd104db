package scot.cairn.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import scot.cairn.geography.Geography;
import scot.cairn.geography.StoreGeography;
import scot.cairn.loaders.boundaries.BoundaryLoader;
import scot.cairn.loaders.boundaries.BoundaryReport;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.maps.MapArea;
import scot.cairn.maps.MapLayers;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/**
 * The data-zone boundary payload that browsers get from {@code /maps/boundaries/data-zones-2011.geojson}:
 * loads the official lookup and the real 2011 data zone boundaries into a fresh TDB2 folder
 * (timing the boundary load, 3 runs), then builds the layer's gzip-compressed GeoJSON the way the
 * server does ({@link MapLayers}: read the store, round to 5 decimals, write, gzip) with the served
 * setting (no simplification) and with a JTS TopologyPreservingSimplifier tolerance of 0.0001 degrees
 * for comparison; one warm-up and 5 measured builds each, medians. Baseline in the same run: the
 * source file itself (6 decimals) gzipped at the same level. Prints sizes, vertex counts and the
 * load average before and after.
 *
 * <p>A main, not a test. Run it with
 * <pre>
 * mvn -q -o -pl benchmarks package -DskipTests
 * mvn -q -o -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp "benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
 *   scot.cairn.benchmarks.BoundaryPayloadBenchmark ../shared/data/real/geography/Datazone2011lookup.csv \
 *   ../shared/data/real/boundaries/boundaries_dz11.geojson benchmarks/target/boundary-bench
 * </pre>
 */
public final class BoundaryPayloadBenchmark {
    private static final int RUNS = 5;

    private BoundaryPayloadBenchmark() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: BoundaryPayloadBenchmark LOOKUP.csv BOUNDARIES_DZ.geojson SCRATCH_DIR");
            System.exit(2);
        }
        Path lookup = Path.of(args[0]);
        Path boundaries = Path.of(args[1]);
        Path scratch = Path.of(args[2]);
        deleteTree(scratch);
        Files.createDirectories(scratch);
        System.out.println("load average before: " + loadAverage());
        UriScheme uris = UriScheme.defaultScheme();
        try (TripleStore store = TripleStore.open(scratch.resolve("tdb2"))) {
            new GeographyLoader(uris).load(lookup, store);
            Geography geography = Geography.fromStore(store, uris);
            List<Double> loads = new ArrayList<>();
            BoundaryReport report = null;
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                report = new BoundaryLoader(uris).load(boundaries, AreaLevel.DATA_ZONE, null, geography, store);
                loads.add((System.nanoTime() - t) / 1e9);
            }
            System.out.printf(
                    Locale.ROOT,
                    "boundary load: %s%n  runs %s s, median %.2f s%n",
                    report.summary(),
                    fmt(loads),
                    median(loads));

            byte[] source = Files.readAllBytes(boundaries);
            List<Double> gzipTimes = new ArrayList<>();
            byte[] sourceGz = null;
            for (int i = 0; i <= RUNS; i++) {
                long t = System.nanoTime();
                sourceGz = gzip(source);
                if (i > 0) {
                    gzipTimes.add((System.nanoTime() - t) / 1e9);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "baseline, source file: %,d bytes, gzip %,d bytes (%.2f MB), gzip median %.2f s%n",
                    source.length,
                    sourceGz.length,
                    sourceGz.length / 1e6,
                    median(gzipTimes));

            for (double tolerance : new double[] {MapLayers.DISPLAY_TOLERANCE, 0.0001}) {
                List<Double> builds = new ArrayList<>();
                byte[] gz = null;
                MapLayers.Layer layer = null;
                for (int i = 0; i <= RUNS; i++) {
                    long t = System.nanoTime();
                    layer = new MapLayers(store, uris, new StoreGeography(store, uris), tolerance)
                            .layer(AreaLevel.DATA_ZONE);
                    gz = layer.gzippedGeoJson();
                    if (i > 0) {
                        builds.add((System.nanoTime() - t) / 1e9);
                    }
                }
                long raw;
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                    raw = in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                long vertices = layer.areas().values().stream()
                        .mapToLong(a -> a.display().getNumPoints())
                        .sum();
                long stored = layer.areas().values().stream()
                        .mapToLong(a -> a.boundary().getNumPoints())
                        .sum();
                System.out.printf(
                        Locale.ROOT,
                        "%s tolerance %s: %d features, %,d of %,d vertices, GeoJSON %,d bytes, gzip %,d bytes (%.2f MB); "
                                + "build (read store + simplify/round + write + gzip) runs %s s, median %.2f s%n",
                        tolerance == MapLayers.DISPLAY_TOLERANCE ? "served," : "compare,",
                        tolerance,
                        layer.areas().size(),
                        vertices,
                        stored,
                        raw,
                        gz.length,
                        gz.length / 1e6,
                        fmt(builds),
                        median(builds));
                MapArea culter = layer.areas().get("S01006506");
                System.out.println("  e.g. S01006506 " + culter.display().getNumPoints() + " vertices");
            }
        }
        System.out.println("load average after: " + loadAverage());
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static String fmt(List<Double> xs) {
        return String.join(
                " / ",
                xs.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
