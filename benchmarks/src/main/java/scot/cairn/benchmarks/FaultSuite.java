package scot.cairn.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.BadFiles;
import scot.cairn.vocab.UriScheme;

/**
 * The fault and abuse suite of issue 21, as one command (not part of {@code mvn verify}: it
 * starts about 30 JVMs and takes minutes). Against real {@code cairn} processes on one data folder:
 *
 * <ol>
 *   <li>kill -9 of a publishing process at each stage of a publication: while its load writes
 *       sorted runs (a new dataset's first version), while the reverse RDF patch of a new version
 *       is written ({@code .rdfp.tmp}), at commit (the patch moved into place, the store not yet
 *       committed), and during an upload on {@code /cairn/publish} of a running server. After
 *       each: TDB2's check of every index, every graph's checksum (unchanged, or the whole new
 *       dataset when the kill came after the commit), every kept version rebuilt whole, what was
 *       left, the next publication, and what is left after it ({@link StoreAudit});
 *   <li>16 concurrent readers counting the dataset through {@code /sparql} while a new version
 *       is published through {@code /cairn/publish}: errors, and counts that are neither the old
 *       nor the new dataset (half published);
 *   <li>a runaway query (cut at the time limit) and deeply nested ones (400) on both SPARQL
 *       endpoints;
 *   <li>the hostile-request corpus ({@code HostileRequests}, as {@code PublicHostileRequestsIT});
 *   <li>the bad-file corpus ({@code BadFiles}, as {@code BadFilesCliTest}) through {@code cairn validate}.
 * </ol>
 *
 * <p>Arguments: a work folder (emptied first), the rounds of kills (default 3), observations per
 * version (default 30,000: about 300,000 quads, more than one index batch, so the first version
 * writes sorted runs). Prints a summary; exits 1 when anything failed.
 */
public final class FaultSuite {
    static final String PASSWORD = "fault-suite-Pw,1";
    static final String CUBE = "fault-cube";
    static final UriScheme URIS = UriScheme.defaultScheme();

    private final Path work;
    private final Path data;
    private final Path tmp;
    private final Path auditTmp;
    private final Path logs;
    private final Path files;
    private final String exampleYaml;
    private final int observations;
    private final List<String> slugs = new ArrayList<>(List.of(CUBE));
    private final Summary summary = new Summary();
    private StoreAudit.Result baseline;
    private int version;

    private FaultSuite(Path work, String exampleYaml, int observations) throws IOException {
        this.work = work;
        this.data = work.resolve("data");
        this.tmp = Files.createDirectories(work.resolve("tmp"));
        this.auditTmp = Files.createDirectories(work.resolve("audit-tmp"));
        this.logs = Files.createDirectories(work.resolve("logs"));
        this.files = Files.createDirectories(work.resolve("files"));
        this.exampleYaml = exampleYaml;
        this.observations = observations;
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "benchmarks/target/fault-suite")
                .toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int observations = args.length > 2 ? Integer.parseInt(args[2]) : 30_000;
        Path example = Path.of(args.length > 3 ? args[3] : "examples/data/datasets/council-tax-collection.yaml");
        deleteTree(work);
        FaultSuite suite = new FaultSuite(work, Files.readString(example), observations);
        long start = System.nanoTime();
        suite.run(rounds);
        suite.summary.print((System.nanoTime() - start) / 1e9);
        System.exit(suite.summary.failed() ? 1 : 0);
    }

    private void run(int rounds) throws Exception {
        setUp();
        for (int r = 1; r <= rounds; r++) {
            String fresh = "fault-new-" + r;
            slugs.add(fresh);
            killLoad("sorted-run write", fresh, csv(1, observations), this::sortedRunWritten);
            killLoad("RDF patch write", CUBE, csv(++version, observations), () -> patchFiles(".rdfp.tmp") > 0);
            long patches = patchFiles(".rdfp");
            killLoad("commit", CUBE, csv(++version, observations), () -> patchFiles(".rdfp") > patches);
            killUpload(csv(++version, observations));
        }
        new ServerChecks(this).run();
        badFiles();
    }

    // ----- set-up and the publications

    private void setUp() throws Exception {
        version = 1;
        ChildJvm first = load("setup-load", CUBE, csv(version, observations));
        if (first.exitCode() != 0) {
            throw new IllegalStateException("the first publication failed: " + first.output());
        }
        // a server's first start adds its vocabulary graph: before the baseline, not during a kill
        startServer("setup-server").close();
        baseline = StoreAudit.audit(data, auditTmp, slugs);
        if (!baseline.consistent()) {
            throw new IllegalStateException("the store is inconsistent before any kill: " + baseline.problems());
        }
        StoreAudit.Sum expected = expectedData(CUBE, csv(version, observations));
        StoreAudit.Sum stored = baseline.graphs().get(URIS.graph(CUBE));
        System.out.printf("set-up: %s published; data graph %s (%s loaded in memory)%n", CUBE, stored, expected);
        if (!expected.equals(stored)) {
            throw new IllegalStateException("the stored data graph differs from the same CSV loaded in memory");
        }
    }

    Path definition(String slug) throws IOException {
        Path f = files.resolve(slug + ".yaml");
        if (!Files.exists(f)) {
            Files.writeString(
                    f,
                    exampleYaml
                            .replace("slug: council-tax-collection", "slug: " + slug)
                            .replace("title: Council Tax Collection (example)", "title: Fault suite " + slug));
        }
        return f;
    }

    /**
     * Version {@code v} of a generated cube: {@code n} observations over 100 council codes and
     * months from 1900, every value different from every other version's.
     */
    Path csv(int v, int n) throws IOException {
        Path f = files.resolve("v" + v + "-" + n + ".csv");
        if (!Files.exists(f)) {
            StringBuilder s = new StringBuilder(BadFiles.HEADER);
            for (int i = 0; i < n; i++) {
                int month = i / 100;
                s.append(String.format(
                        Locale.ROOT,
                        "S12%06d,%d-%02d,Count,Pounds (thousands),%d%n",
                        1 + i % 100,
                        1900 + month / 12,
                        1 + month % 12,
                        i * 7L + v * 3L));
            }
            Files.writeString(f, s);
        }
        return f;
    }

    private ChildJvm load(String name, String slug, Path csv) throws Exception {
        return ChildJvm.run(name, logs, tmp, loadArgs(slug, csv));
    }

    private String[] loadArgs(String slug, Path csv) throws IOException {
        return new String[] {
            "load",
            "--data-dir",
            data.toString(),
            "--skip-geography-check",
            "--note",
            "fault suite",
            definition(slug).toString(),
            csv.toString()
        };
    }

    /** The data graph the CSV makes, loaded into a store in memory. */
    StoreAudit.Sum expectedData(String slug, Path csv) throws IOException {
        try (TripleStore memory = TripleStore.inMemory()) {
            new CubeLoader(URIS, AreaDirectory.anyWellFormedCode())
                    .load(CubeDefinition.read(definition(slug)), csv, memory);
            return StoreAudit.audit(memory, URIS.graph(slug));
        }
    }

    // ----- kills

    private boolean sortedRunWritten() {
        try (Stream<Path> runs = Files.walk(tmp)) {
            return runs.anyMatch(p -> Files.isRegularFile(p)
                    && p.getParent().getFileName().toString().startsWith("cairn-"));
        } catch (IOException | UncheckedIOException e) {
            return false; // a folder went away while it was listed
        }
    }

    private long patchFiles(String suffix) {
        Path versions = data.resolve("versions");
        if (!Files.isDirectory(versions)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(versions)) {
            return all.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** Leftovers: sorted-run folders, half-written patches and upload folders. */
    int leftovers() throws IOException {
        int n = (int) patchFiles(".rdfp.tmp");
        try (Stream<Path> runs = Files.list(tmp)) {
            n += (int) runs.filter(p -> p.getFileName().toString().startsWith("cairn-"))
                    .count();
        }
        Path uploads = data.resolve("uploads");
        if (Files.isDirectory(uploads)) {
            try (Stream<Path> u = Files.list(uploads)) {
                n += (int) u.count();
            }
        }
        return n;
    }

    private void killLoad(String stage, String slug, Path csv, BooleanSupplier marker) throws Exception {
        StoreAudit.Sum expected = expectedData(slug, csv);
        String name = "kill-" + stage.replace(' ', '-') + "-" + summary.kills.size();
        try (ChildJvm child = ChildJvm.start(name, logs, tmp, loadArgs(slug, csv))) {
            boolean hit = child.awaitWhileAlive(marker, 600_000);
            if (!hit || !child.alive()) {
                summary.missed.add(stage + ": the publication ended before the moment came (exit "
                        + (child.alive() ? "?" : child.exitCode()) + ")");
                child.kill9();
                baseline = StoreAudit.audit(data, auditTmp, slugs);
                return;
            }
            child.kill9();
        }
        afterKill(stage, slug, csv, expected, cliLoad(slug, csv));
    }

    /** How the data folder is recovered after a kill: the next publication of the same files; null when it worked, else why not. */
    interface Recovery {
        String publish() throws Exception;
    }

    private Recovery cliLoad(String slug, Path csv) {
        return () -> {
            ChildJvm next = load("next-" + summary.kills.size(), slug, csv);
            return next.exitCode() == 0 ? null : "exit " + next.exitCode() + ": " + firstLines(next.output());
        };
    }

    /** The checks after a kill during the publication of {@code csv} as {@code slug}, then the next publication. */
    void afterKill(String stage, String slug, Path csv, StoreAudit.Sum expected, Recovery recovery) throws Exception {
        int left = leftovers();
        StoreAudit.Result after = StoreAudit.audit(data, auditTmp, slugs);
        List<String> problems = new ArrayList<>(after.problems());
        String dataGraph = URIS.graph(slug);
        boolean committed = expected.equals(after.graphs().get(dataGraph))
                && !expected.equals(baseline.graphs().get(dataGraph));
        if (!committed) {
            for (String g : union(baseline.graphs().keySet(), after.graphs().keySet())) {
                if (!Objects.equals(baseline.graphs().get(g), after.graphs().get(g))) {
                    problems.add("graph " + g + " changed: " + baseline.graphs().get(g) + " -> "
                            + after.graphs().get(g));
                }
            }
        }
        for (Map.Entry<String, StoreAudit.Sum> v : baseline.versions().entrySet()) {
            if (!v.getValue().equals(after.versions().get(v.getKey()))) {
                problems.add("version " + v.getKey() + " is not whole: " + v.getValue() + " -> "
                        + after.versions().get(v.getKey()));
            }
        }
        // the next publication: the same files again
        String failure = recovery.publish();
        boolean nextWorks = failure == null;
        if (!nextWorks) {
            problems.add("the next publication failed: " + failure);
        }
        int leftAfter = leftovers();
        baseline = StoreAudit.audit(data, auditTmp, slugs);
        problems.addAll(baseline.problems());
        if (!expected.equals(baseline.graphs().get(dataGraph))) {
            problems.add("after the next publication the data graph is "
                    + baseline.graphs().get(dataGraph) + ", not " + expected);
        }
        summary.kills.add(new Summary.Kill(stage, committed, left, leftAfter, nextWorks, problems));
        System.out.printf(
                "kill -9 at %s: %s; left %d, after recovery %d; next publication %s%s%n",
                stage,
                committed ? "had committed" : "nothing changed",
                left,
                leftAfter,
                nextWorks ? "ok" : "FAILED",
                problems.isEmpty() ? "" : "; PROBLEMS " + problems);
    }

    /** kill -9 of a server while a publication's upload arrives on /cairn/publish. */
    private void killUpload(Path csv) throws Exception {
        StoreAudit.Sum expected = expectedData(CUBE, csv);
        try (ChildJvm server = startServer("kill-upload-" + summary.kills.size())) {
            int fuseki = publishPort(server);
            byte[] body = multipart(Files.readString(definition(CUBE)), Files.readString(csv));
            try (Socket socket = new Socket("127.0.0.1", fuseki)) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /cairn/publish HTTP/1.1\r\nHost: 127.0.0.1:" + fuseki + "\r\n"
                                + "Authorization: " + basic() + "\r\n"
                                + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                                + "Content-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, body.length / 2);
                out.flush();
                boolean arriving = server.awaitWhileAlive(this::uploadArriving, 120_000);
                server.kill9();
                if (!arriving) {
                    summary.missed.add("upload: no upload folder with data appeared");
                    return;
                }
            }
        }
        afterKill("upload on /cairn/publish", CUBE, csv, expected, () -> publishThroughServer("next-upload", csv));
    }

    /** Starts a server (which sweeps what a killed one left), publishes {@code csv} through it, stops it; null when it worked. */
    String publishThroughServer(String name, Path csv) throws Exception {
        try (ChildJvm server = startServer(name)) {
            HttpResponse<String> r = publish(server, csv);
            return r.statusCode() == 200 ? null : r.statusCode() + ": " + firstLines(r.body());
        }
    }

    /** POSTs the cube's definition and {@code csv} to the server's /cairn/publish. */
    HttpResponse<String> publish(ChildJvm server, Path csv) throws Exception {
        byte[] body = multipart(Files.readString(definition(CUBE)), Files.readString(csv));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + publishPort(server) + "/cairn/publish"))
                                .header("Authorization", basic())
                                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private boolean uploadArriving() {
        Path uploads = data.resolve("uploads");
        try (Stream<Path> all = Files.walk(uploads)) {
            return all.anyMatch(p -> Files.isRegularFile(p) && p.toFile().length() > 0);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    // ----- the server

    ChildJvm startServer(String name) throws Exception {
        ChildJvm server = ChildJvm.start(
                name,
                logs,
                tmp,
                "serve",
                "--port",
                "0",
                "--data-dir",
                data.toString(),
                "--no-examples",
                "--cairn.fuseki.port=0",
                "--cairn.sparql.timeout=5s",
                "--cairn.versions.timeout=5s",
                // the 16 readers come from one address: let it run 16 queries at once, as 16 clients could
                "--cairn.sparql.max-concurrent-per-client=16",
                "--cairn.publish.password=" + PASSWORD);
        server.awaitOutput(Pattern.compile("Cairn is serving http://localhost:(\\d+)/"), 300_000);
        return server;
    }

    static int publicPort(ChildJvm server) throws Exception {
        return Integer.parseInt(server.awaitOutput(Pattern.compile("Cairn is serving http://localhost:(\\d+)/"), 1)
                .group(1));
    }

    static int publishPort(ChildJvm server) throws Exception {
        Matcher m = server.awaitOutput(Pattern.compile("--endpoint http://127\\.0\\.0\\.1:(\\d+)/"), 1);
        return Integer.parseInt(m.group(1));
    }

    static final String BOUNDARY = "fault-suite-boundary";

    static byte[] multipart(String definition, String csv) {
        String body = "--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"definition\"; filename=\"d.yaml\"\r\n\r\n"
                + definition + "\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"skip-geography-check\"\r\n\r\ntrue\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"data.csv\"\r\n\r\n" + csv + "\r\n--"
                + BOUNDARY + "--\r\n";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    static String basic() {
        return "Basic "
                + Base64.getEncoder().encodeToString(("publisher:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    // ----- accessors for ServerChecks

    Summary summary() {
        return summary;
    }

    Path data() {
        return data;
    }

    StoreAudit.Result baseline() {
        return baseline;
    }

    Path auditTmp() {
        return auditTmp;
    }

    List<String> slugs() {
        return slugs;
    }

    int nextVersion() {
        return ++version;
    }

    int observations() {
        return observations;
    }

    // ----- bad files

    private void badFiles() throws Exception {
        for (BadFiles.Case bad : BadFiles.corpus(exampleYaml)) {
            Path f = files.resolve(bad.file());
            Files.write(f, bad.bytes());
            Path definition = bad.definition() ? f : definition("council-tax-collection");
            Path csv =
                    bad.definition() ? Files.writeString(files.resolve("ok.csv"), BadFiles.HEADER + BadFiles.GOOD) : f;
            List<String> args = new ArrayList<>(List.of("validate", "--skip-geography-check"));
            args.addAll(bad.options());
            args.addAll(List.of(definition.toString(), csv.toString()));
            ChildJvm run = ChildJvm.run("bad-" + bad.file(), logs, tmp, args.toArray(String[]::new));
            String out = run.output();
            boolean plain = run.exitCode() == 1
                    && out.contains(bad.expected())
                    && !out.contains("Exception")
                    && !out.contains("\tat ");
            summary.badFiles++;
            if (!plain) {
                summary.badFileFailures.add(bad.file() + ": exit " + run.exitCode() + ": " + firstLines(out));
            }
        }
        System.out.printf(
                "bad files: %d tried, %d not refused plainly%n", summary.badFiles, summary.badFileFailures.size());
    }

    static String firstLines(String text) {
        return text.lines().limit(5).reduce((a, b) -> a + " | " + b).orElse("");
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
