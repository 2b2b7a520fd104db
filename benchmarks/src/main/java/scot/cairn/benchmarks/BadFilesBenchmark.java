package scot.cairn.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.cube.ValidationReport;
import scot.cairn.vocab.UriScheme;

/**
 * The hostile files of issue 21 too big for a unit test (a 2 GiB CSV line, a 200 MB YAML string,
 * a million columns), each validated as {@code cairn validate} does: the time to refusal, the
 * peak heap and the first message. Run it with a small heap ({@code -Xmx256m}) to show the
 * reading is bounded: before, the long line ran out of memory and the YAML string took 300 s
 * and 1.2 GB.
 *
 * <p>Arguments: the cube definition to validate against (the bundled
 * {@code examples/data/datasets/council-tax-collection.yaml}), and the size of the long line in
 * MiB (default 2048).
 */
public final class BadFilesBenchmark {

    private static final String HEADER = "FeatureCode,DateCode,Measurement,Units,Value\n";
    private static final String GOOD = "S12000033,2019/2020,Count,Pounds (thousands),118000\n";

    private BadFilesBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path definition = Path.of(args.length > 0 ? args[0] : "examples/data/datasets/council-tax-collection.yaml");
        long lineMiB = args.length > 1 ? Long.parseLong(args[1]) : 2048;
        Path dir = Files.createTempDirectory("cairn-bad-files");
        try {
            CubeDefinition def = CubeDefinition.read(definition);
            CubeLoader loader =
                    new CubeLoader(UriScheme.defaultScheme(), AreaDirectory.anyWellFormedCode()).withMaxErrors(5);
            System.out.printf(
                    Locale.ROOT,
                    "| file | size | refused after | peak heap | first message |%n|---|---|---|---|---|%n");
            Path longLine = write(dir.resolve("long-line.csv"), out -> {
                out.write((HEADER + GOOD + "S12000033,2020/2021,Count,").getBytes(StandardCharsets.US_ASCII));
                byte[] block = new byte[1 << 20];
                Arrays.fill(block, (byte) 'x');
                for (long i = 0; i < lineMiB; i++) {
                    out.write(block);
                }
                out.write(",1\n".getBytes(StandardCharsets.US_ASCII));
            });
            measure(longLine, () -> firstError(loader.validate(def, longLine)));
            for (int n : new int[] {100_000, 1_000_000}) {
                StringBuilder header = new StringBuilder(HEADER.strip());
                for (int i = 0; i < n; i++) {
                    header.append(",c").append(i);
                }
                Path columns = write(
                        dir.resolve(n + "-columns.csv"),
                        out -> out.write((header + "\n" + GOOD).getBytes(StandardCharsets.US_ASCII)));
                measure(columns, () -> firstError(loader.validate(def, columns)));
            }
            Path yaml = write(dir.resolve("big-string.yaml"), out -> {
                out.write(Files.readString(definition)
                        .replaceFirst("(?m)^title: .*\n", "")
                        .getBytes(StandardCharsets.UTF_8));
                out.write("title: ".getBytes(StandardCharsets.US_ASCII));
                byte[] block = new byte[1 << 20];
                Arrays.fill(block, (byte) 'y');
                for (int i = 0; i < 200; i++) {
                    out.write(block);
                }
                out.write('\n');
            });
            measure(yaml, () -> {
                try {
                    CubeDefinition.read(yaml);
                    return "(accepted)";
                } catch (InvalidInputException e) {
                    return e.errors().get(0).toString();
                }
            });
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static Path write(Path file, Body body) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            body.write(out);
        }
        return file;
    }

    private static String firstError(ValidationReport report) {
        List<InputError> errors = report.errors();
        return errors.isEmpty()
                ? "(valid)"
                : errors.get(0) + (errors.size() > 1 ? " (+" + (errors.size() - 1) + " more)" : "");
    }

    private static void measure(Path file, java.util.function.Supplier<String> run) throws IOException {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        String message = run.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        String shown = message.length() > 160 ? message.substring(0, 160) + "..." : message;
        System.out.printf(
                Locale.ROOT,
                "| %s | %,.0f MB | %.2f s | %,.0f MB | %s |%n",
                file.getFileName(),
                Files.size(file) / 1e6,
                seconds,
                peak / 1e6,
                shown.replace("|", "\\|"));
    }
}
