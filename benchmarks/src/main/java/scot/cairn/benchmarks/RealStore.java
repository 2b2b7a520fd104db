package scot.cairn.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * A store of the real published files, built with a jar's own commands as a publisher would:
 * {@code load-geography} of the official lookup (with its built-in code history), then
 * {@code load} of recycling, the SIMD 2020v2 indicators and ranks, and the NRS population 2020
 * totals and single years of age (1.9 M observations), each with its definition in
 * {@code cube-definitions/}; the commands save the tables of the profiles in
 * {@code cube-definitions/profiles} with the store, as a publisher's would. Marked ready with its quad count only when every command succeeded.
 *
 * <p>The {@link Size#MEDIUM medium} store (about 5 M quads, the size issue 17 names) keeps every
 * file but the NRS population by single year of age, of which it loads the first
 * {@value #MEDIUM_POPULATION_ROWS} rows as published (the first data zones, each with its three
 * sex rows): the rest of the files as they are.
 */
final class RealStore {

    /** Rows of the single-year population file the medium store loads (of 20,928). */
    static final int MEDIUM_POPULATION_ROWS = 3_300;

    /** Which store to build: the full files (19.5 M quads) or the medium one (about 5 M). */
    enum Size {
        FULL,
        MEDIUM;

        static Size parse(String s) {
            return switch (s) {
                case "full" -> FULL;
                case "5m", "medium" -> MEDIUM;
                default -> throw new IllegalArgumentException("store size is full or 5m, not " + s);
            };
        }
    }

    private RealStore() {}

    static void build(Path jar, Path folder, Path real) throws Exception {
        build(jar, folder, real, Size.FULL);
    }

    static void build(Path jar, Path folder, Path real, Size size) throws Exception {
        Path data = folder.resolve("cairn-data");
        if (Files.exists(folder)) {
            delete(folder); // an earlier build that did not finish
        }
        Files.createDirectories(folder);
        Path defs = Path.of("cube-definitions").toAbsolutePath();
        String profiles = "--profiles-dir=" + defs.resolve("profiles");
        run(
                jar,
                folder,
                "load-geography",
                "--data-dir",
                data.toString(),
                profiles,
                real.resolve("geography/Datazone2011lookup.csv").toString());
        String[][] cubes = {
            {"recycling", "statistics_gov_scot/sg_training/recycling_data.csv"},
            {"simd-2020-indicators", "simd/imd2020_dz11_scotland_indicators.csv"},
            {"simd-2020v2-ranks", "simd/simd2020v2_22062020.csv"},
            {"population-total-2020", "population/population20_dz11.csv"},
            {"population-estimates-2020", "population/population20_dz11.csv"},
        };
        if (size == Size.MEDIUM) {
            Path part = folder.resolve("population20_dz11-first-" + MEDIUM_POPULATION_ROWS + ".csv");
            try (var lines = Files.lines(real.resolve(cubes[4][1]))) {
                Files.write(part, (Iterable<String>) lines.limit(MEDIUM_POPULATION_ROWS + 1L)::iterator);
            }
            cubes[4][1] = part.toString();
        }
        for (String[] cube : cubes) {
            run(
                    jar,
                    folder,
                    "load",
                    "--quiet",
                    "--data-dir",
                    data.toString(),
                    profiles,
                    defs.resolve(cube[0] + ".yaml").toString(),
                    real.resolve(cube[1]).toString());
        }
        Files.writeString(folder.resolve("READY"), String.format("%,d quads%n", countQuads(data.resolve("tdb2"))));
    }

    private static void run(Path jar, Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xmx4g",
                "-XX:-DontCompileHugeMethods",
                "-jar",
                jar.toString()));
        cmd.addAll(List.of(args));
        long t = System.nanoTime();
        int code = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .inheritIO()
                .start()
                .waitFor();
        System.out.printf("%s: exit %d after %.1f s%n", String.join(" ", args), code, (System.nanoTime() - t) / 1e9);
        if (code != 0) {
            throw new IllegalStateException("cairn " + String.join(" ", args) + " failed with exit code " + code);
        }
    }

    /** Every quad of every named graph, read once in this JVM; the store is released after. */
    private static long countQuads(Path tdb2) {
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(tdb2.toString());
        try {
            return Txn.calculateRead(dsg, () -> {
                long n = 0;
                var it = dsg.find();
                while (it.hasNext()) {
                    it.next();
                    n++;
                }
                return n;
            });
        } finally {
            TDBInternal.expel(dsg);
        }
    }

    /** A fresh copy of the built store for one system (cp keeps it fast and sparse); no lock files. */
    static void copy(Path built, Path to) throws Exception {
        if (Files.exists(to)) {
            delete(to);
        }
        int code = new ProcessBuilder("cp", "-r", "--reflink=auto", built.toString(), to.toString())
                .inheritIO()
                .start()
                .waitFor();
        if (code != 0) {
            throw new IllegalStateException("cp of " + built + " failed");
        }
        try (var files = Files.walk(to)) {
            for (Path p : files.filter(p -> p.getFileName().toString().equals("tdb.lock"))
                    .toList()) {
                Files.delete(p);
            }
        }
    }

    static void delete(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
