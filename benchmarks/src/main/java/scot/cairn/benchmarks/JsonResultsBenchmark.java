package scot.cairn.benchmarks;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.riot.rowset.RowSetWriter;
import org.apache.jena.riot.rowset.RowSetWriterRegistry;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sys.JenaSystem;
import scot.cairn.formats.SparqlJson;
import scot.cairn.store.TripleStore;

/**
 * SPARQL JSON results written by Cairn's {@link SparqlJson} and by Jena's own {@code
 * RowSetWriterJSON}, side by side in one JVM on the same answer held in memory (so that only the
 * writers differ): the bytes checked equal by SHA-256 in a first run of each, then {@code runs}
 * runs of each alternating, whole (bytes counted) and cut at the endpoint's default {@code
 * max-bytes} (256 MB: the time spent before {@code Response too large}). Wall and CPU times of
 * the writing thread, and the bytes it allocated, are medians.
 *
 * <p>The answer is either {@code ods_dataset(gender=female)} (634,816 rows of five IRIs and an
 * integer) read once from QueryShapesBenchmark's store ({@code <folder with store/>}), or, with
 * {@code synthetic}, rows of the same shape made up in memory. Run from the repository root after
 * building the classpath (docs/BENCHMARKS.md): {@code java -Xmx3g -cp
 * "benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:<classpath>" scot.cairn.benchmarks.JsonResultsBenchmark <folder |
 * synthetic> [rows (synthetic) or shape name part] [runs]}.
 */
public final class JsonResultsBenchmark {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long MAX_BYTES = 256L * 1024 * 1024;

    public static void main(String[] args) {
        ExitingMain.run(JsonResultsBenchmark::run, args);
    }

    static void run(String[] args) throws Exception {
        JenaSystem.init();
        String source = args.length > 0 ? args[0] : "synthetic";
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        long t = System.nanoTime();
        Answer answer = "synthetic".equals(source)
                ? synthetic(args.length > 1 ? Integer.parseInt(args[1]) : 500_000)
                : fromStore(Path.of(source).toAbsolutePath(), args.length > 1 ? args[1] : "(gender=female)");
        System.out.printf(
                "answer: %s, %,d rows, %d variables, held in memory in %,d ms%n",
                answer.name, answer.rows.size(), answer.vars.size(), (System.nanoTime() - t) / 1_000_000);
        RowSetWriter jena =
                RowSetWriterRegistry.getFactory(ResultSetLang.RS_JSON).create(ResultSetLang.RS_JSON);
        RowSetWriter cairn = new SparqlJson();

        Digest jenaDigest = digest(jena, answer);
        Digest cairnDigest = digest(cairn, answer);
        System.out.printf("Jena:  %,d bytes, SHA-256 %s%n", jenaDigest.bytes, jenaDigest.sha256);
        System.out.printf("Cairn: %,d bytes, SHA-256 %s%n", cairnDigest.bytes, cairnDigest.sha256);
        if (!jenaDigest.equals(cairnDigest)) {
            throw new IllegalStateException("the writers' bytes differ");
        }
        List<String> report = new ArrayList<>();
        report.add("| answer | path | bytes | Cairn ms (CPU ms, MB allocated) | Jena ms (CPU ms, MB allocated)"
                + " | CPU Jena / Cairn |");
        report.add("|---|---|---|---|---|---|");
        report.add(compare(answer, "whole answer written", runs, Long.MAX_VALUE, cairn, jena));
        if (jenaDigest.bytes > MAX_BYTES) {
            report.add(compare(answer, "refused at max-bytes (256 MB)", runs, MAX_BYTES, cairn, jena));
        }
        System.out.println();
        report.forEach(System.out::println);
    }

    /** The rows of one answer, and its variables. */
    record Answer(String name, List<Var> vars, List<Binding> rows) {
        RowSet rowSet() {
            return RowSetStream.create(vars, rows.iterator());
        }
    }

    /**
     * {@code rows} rows of {@code ods_dataset}'s shape: data zone, year, measure type, sex and age
     * as IRIs, the count as an xsd:integer, cycling through 6,976 zones, 91 ages and 3 sexes.
     */
    private static Answer synthetic(int rows) {
        String b = QueryShapesBenchmark.B;
        List<Var> vars = Var.varList(List.of("refArea", "refPeriod", "measureType", "gender", "age", "value"));
        Node period = NodeFactory.createURI("http://reference.data.gov.uk/id/year/2020");
        Node measure = NodeFactory.createURI(b + "def/measure-properties/count");
        Node[] sexes = {
            NodeFactory.createURI(b + "def/concept/gender/female"),
            NodeFactory.createURI(b + "def/concept/gender/male"),
            NodeFactory.createURI(b + "def/concept/gender/all")
        };
        List<Binding> bindings = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            int zone = i / 91 % 6976;
            int age = i % 91;
            bindings.add(BindingFactory.builder()
                    .add(
                            vars.get(0),
                            NodeFactory.createURI(
                                    String.format("%sS%08d", QueryShapesBenchmark.GEOGRAPHY, 1_000_000 + zone)))
                    .add(vars.get(1), period)
                    .add(vars.get(2), measure)
                    .add(vars.get(3), sexes[i / (91 * 6976) % 3])
                    .add(vars.get(4), NodeFactory.createURI(b + "def/concept/age/" + (age == 90 ? "90-plus" : age)))
                    .add(
                            vars.get(5),
                            NodeFactory.createLiteralDT(Integer.toString((i * 37) % 400), XSDDatatype.XSDinteger))
                    .build());
        }
        return new Answer(String.format("synthetic, ods_dataset's shape (%,d rows)", rows), vars, bindings);
    }

    /** The first of QueryShapesBenchmark's shapes whose name contains {@code part}, run once, its rows copied out. */
    private static Answer fromStore(Path dir, String part) {
        var shape = QueryShapesBenchmark.shapes().entrySet().stream()
                .filter(e -> e.getKey().contains(part))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no shape named like " + part));
        try (TripleStore store = TripleStore.open(dir.resolve("store/tdb2"))) {
            return store.read(dsg -> {
                try (QueryExec exec = store.publicQuery(QueryFactory.create(shape.getValue()))
                        .timeout(300, TimeUnit.SECONDS)
                        .build()) {
                    RowSet rs = exec.select();
                    List<Binding> rows = new ArrayList<>();
                    while (rs.hasNext()) {
                        Binding row = rs.next();
                        BindingBuilder copy = BindingFactory.builder();
                        // resolved out of the store's node table, so that writing reads no store
                        row.forEach(copy::add);
                        rows.add(copy.build());
                    }
                    return new Answer(shape.getKey() + " (from the store)", rs.getResultVars(), rows);
                }
            });
        }
    }

    record Digest(long bytes, String sha256) {}

    private static Digest digest(RowSetWriter writer, Answer answer) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long[] bytes = {0};
        writer.write(
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        sha.update((byte) b);
                        bytes[0]++;
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        sha.update(b, off, len);
                        bytes[0] += len;
                    }
                },
                answer.rowSet(),
                null);
        return new Digest(bytes[0], HexFormat.of().formatHex(sha.digest()));
    }

    /** Bytes counted up to {@code limit}, then refused as the endpoint's meter refuses them. */
    private static final class Limited extends OutputStream {
        private final long limit;
        long bytes;

        Limited(long limit) {
            this.limit = limit;
        }

        private void count(int n) {
            bytes += n;
            if (bytes > limit) {
                throw new TooLarge();
            }
        }

        @Override
        public void write(int b) {
            count(1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count(len);
        }
    }

    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("Response too large", null, false, false);
        }
    }

    record Timed(long bytes, double ms, double cpuMs, double allocatedMb) {}

    private static Timed once(RowSetWriter writer, Answer answer, long limit) {
        long t = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        Limited out = new Limited(limit);
        try {
            writer.write(out, answer.rowSet(), null);
        } catch (TooLarge refused) {
            Sink.use(refused);
        }
        return new Timed(
                out.bytes,
                (System.nanoTime() - t) / 1e6,
                (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6,
                (THREADS.getCurrentThreadAllocatedBytes() - allocated) / 1e6);
    }

    /** One warm-up run of each, then {@code runs} of each alternating; medians. */
    private static String compare(
            Answer answer, String path, int runs, long limit, RowSetWriter cairn, RowSetWriter jena) {
        once(cairn, answer, limit);
        once(jena, answer, limit);
        Timed[] c = new Timed[runs];
        Timed[] j = new Timed[runs];
        for (int i = 0; i < runs; i++) {
            c[i] = once(cairn, answer, limit);
            j[i] = once(jena, answer, limit);
        }
        String line = String.format(
                "| %s | %s | %,d | %.0f (%.0f, %.0f) | %.0f (%.0f, %.0f) | %.2fx |",
                answer.name,
                path,
                c[0].bytes,
                median(c, Timed::ms),
                median(c, Timed::cpuMs),
                median(c, Timed::allocatedMb),
                median(j, Timed::ms),
                median(j, Timed::cpuMs),
                median(j, Timed::allocatedMb),
                median(j, Timed::cpuMs) / median(c, Timed::cpuMs));
        System.out.println(line);
        return line;
    }

    private static double median(Timed[] runs, java.util.function.ToDoubleFunction<Timed> f) {
        double[] v = Arrays.stream(runs).mapToDouble(f).sorted().toArray();
        return v[v.length / 2];
    }

    private JsonResultsBenchmark() {}
}
