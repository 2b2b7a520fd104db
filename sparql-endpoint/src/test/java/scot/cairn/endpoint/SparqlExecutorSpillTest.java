package scot.cairn.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.jena.query.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import scot.cairn.formats.Formulas;
import scot.cairn.store.StoreTuning;
import scot.cairn.store.TripleStore;

/**
 * A result larger than {@code buffer-bytes} is evaluated once, held in a temporary file and
 * answered whole; the file is gone after success, refusal, timeout and a failed send; a scratch
 * folder that cannot take it gives 503.
 */
class SparqlExecutorSpillTest {
    /** 20,000 rows of four URIs: about 4 MB of CSV, 60 times the 64 KB buffer. */
    static final String LARGE = "SELECT ?s ?p ?a ?b WHERE { GRAPH <" + Fixture.GRAPH_A + "> { ?s ?p ?o } GRAPH <"
            + Fixture.GRAPH_A + "> { ?a ?b ?c } } LIMIT 20000";
    /**
     * 1,200 rows (over the buffer) first, then a count over 1,546^3 combinations that only the time
     * limit ends: the query times out after its result has begun to spill.
     */
    static final String SPILLS_THEN_RUNS_AWAY = "SELECT * WHERE { { GRAPH <" + Fixture.GRAPH_A
            + "> { ?s ?p ?o } } UNION { SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } } }";

    static TripleStore store;
    static Watchdog watchdog;

    @TempDir
    Path scratch;

    @BeforeAll
    static void open() {
        store = TripleStore.inMemory();
        Fixture.load(store);
        watchdog = new Watchdog();
    }

    @AfterAll
    static void close() {
        watchdog.close();
        store.close();
    }

    private static SparqlProperties limits(String bufferBytes, String maxBytes, Duration timeout) {
        SparqlProperties d = SparqlProperties.defaults();
        return new SparqlProperties(
                timeout,
                d.maxRows(),
                DataSize.parse(maxBytes),
                DataSize.parse(bufferBytes),
                d.maxConcurrentPerClient(),
                d.maxConcurrent(),
                d.queueTimeout(),
                false,
                d.maxQueryBytes(),
                d.cacheBytes());
    }

    /** What a sink was given: the whole body, and whether it came from a spill file. */
    private static final class Captured implements SparqlExecutor.Sink {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean spilled;
        long announcedLength = -1;
        Path file;

        @Override
        public void whole(byte[] bytes) {
            body.writeBytes(bytes);
        }

        @Override
        public void spilled(SpillBuffer spill) throws IOException {
            spilled = true;
            announcedLength = spill.size();
            file = spill.file();
            assertThat(file).exists().hasParent(spill.file().getParent());
            spill.writeTo(body);
        }
    }

    private Captured run(SparqlExecutor executor, String query, ResultFormat format) throws IOException {
        Captured sink = new Captured();
        Query q = SparqlExecutor.parse(new SparqlRequest(query, List.of(), List.of()));
        executor.execute(q, format, Formulas.NEUTRALISE, sink);
        return sink;
    }

    /** Every file in the scratch folder and below it, but the lock file of an executor's live spill folder. */
    private List<Path> leftInScratch() throws IOException {
        try (Stream<Path> files = Files.walk(scratch)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals(".owner"))
                    .toList();
        }
    }

    @Test
    void spillFilesGoInAFolderOfTheExecutorsOwnThatItsCloseRemoves() throws IOException {
        Captured spilled;
        try (SparqlExecutor executor =
                new SparqlExecutor(store, limits("64KB", "256MB", Duration.ofSeconds(60)), watchdog, scratch)) {
            spilled = run(executor, LARGE, ResultFormat.CSV);
            assertThat(spilled.spilled).isTrue();
            Path folder = spilled.file.getParent();
            assertThat(folder.getParent()).isEqualTo(scratch);
            assertThat(folder.getFileName().toString()).matches("cairn-sparql-\\d+");
            assertThat(spilled.file.getFileName().toString())
                    .startsWith(SpillBuffer.PREFIX)
                    .endsWith(SpillBuffer.SUFFIX);
            // a second large answer uses the same folder
            assertThat(run(executor, LARGE, ResultFormat.JSON).file.getParent()).isEqualTo(folder);
            assertThat(leftInScratch()).isEmpty();
        }
        try (Stream<Path> files = Files.list(scratch)) {
            assertThat(files).as("the folder is gone with the executor").isEmpty();
        }
    }

    /**
     * What a killed server leaves: its spill folder with a file in it and no live lock. The next
     * store opened over the same scratch folder deletes it, and only it: a live executor's folder,
     * an unrelated file and a folder named otherwise are left alone.
     */
    @Test
    void aSpillFolderAKilledProcessLeftIsSweptWhenAStoreOpens(@TempDir Path data) throws IOException {
        Path leftover = Files.createDirectories(scratch.resolve("cairn-sparql-4711"));
        Files.writeString(leftover.resolve(".owner"), "");
        Files.write(leftover.resolve("cairn-sparql-123456.spill"), new byte[100_000]);
        Path unrelatedFile = Files.writeString(scratch.resolve("cairn-sparql-notes.txt"), "not ours");
        Path unrelatedFolder = Files.createDirectories(scratch.resolve("cairn-sparql-kept"));
        Files.writeString(unrelatedFolder.resolve("x.spill"), "not ours either");
        try (SparqlExecutor live =
                new SparqlExecutor(store, limits("64KB", "256MB", Duration.ofSeconds(60)), watchdog, scratch)) {
            Path liveFolder = run(live, LARGE, ResultFormat.CSV).file.getParent();

            TripleStore.open(data.resolve("tdb2"), StoreTuning.defaults().withSortDir(scratch))
                    .close();

            assertThat(leftover).doesNotExist();
            assertThat(liveFolder).isDirectory();
            assertThat(unrelatedFile).exists();
            assertThat(unrelatedFolder.resolve("x.spill")).exists();
            // the live executor goes on spilling into its folder
            assertThat(run(live, LARGE, ResultFormat.CSV).file.getParent()).isEqualTo(liveFolder);
        }
    }

    @Test
    void aResultOfSeveralMegabytesIsAnsweredWholeFromTheFileByteForByteAsFromMemory() throws IOException {
        for (ResultFormat format : List.of(ResultFormat.CSV, ResultFormat.JSON, ResultFormat.XML)) {
            SparqlExecutor small =
                    new SparqlExecutor(store, limits("64KB", "256MB", Duration.ofSeconds(60)), watchdog, scratch);
            SparqlExecutor large =
                    new SparqlExecutor(store, limits("64MB", "256MB", Duration.ofSeconds(60)), watchdog, scratch);

            Captured fromFile = run(small, LARGE, format);
            Captured fromMemory = run(large, LARGE, format);

            assertThat(fromFile.spilled).as(format.name()).isTrue();
            assertThat(fromMemory.spilled).isFalse();
            assertThat(fromFile.body.size()).isGreaterThan(3_000_000);
            assertThat(fromFile.announcedLength).isEqualTo(fromFile.body.size());
            assertThat(fromFile.body.toByteArray()).isEqualTo(fromMemory.body.toByteArray());
            assertThat(fromFile.file).doesNotExist();
            assertThat(leftInScratch()).isEmpty();
        }
    }

    @Test
    void aSpilledResultOverMaxBytesIsRefusedAndItsFileDeleted() throws IOException {
        SparqlExecutor executor =
                new SparqlExecutor(store, limits("64KB", "1MB", Duration.ofSeconds(60)), watchdog, scratch);
        assertThatThrownBy(() -> run(executor, LARGE, ResultFormat.CSV))
                .isInstanceOfSatisfying(SparqlFailure.class, f -> {
                    assertThat(f.status()).isEqualTo(400);
                    assertThat(f.getMessage()).isEqualTo(SparqlFailure.RESPONSE_TOO_LARGE);
                });
        assertThat(leftInScratch()).isEmpty();
    }

    @Test
    void aQueryThatTimesOutAfterItsResultBeganToSpillIsRefusedAndItsFileDeleted() throws IOException {
        SparqlExecutor executor =
                new SparqlExecutor(store, limits("16KB", "256MB", Duration.ofSeconds(2)), watchdog, scratch);
        try (WatchService ws = scratch.getFileSystem().newWatchService()) {
            // the spill folder is made at the first spill: its creation shows that this run did spill
            scratch.register(ws, StandardWatchEventKinds.ENTRY_CREATE);
            assertThatThrownBy(() -> run(executor, SPILLS_THEN_RUNS_AWAY, ResultFormat.JSON))
                    .isInstanceOfSatisfying(SparqlFailure.class, f -> {
                        assertThat(f.status()).isEqualTo(503);
                        assertThat(f.getMessage()).isEqualTo(SparqlFailure.REQUEST_TIMEOUT);
                    });
            WatchKey key = ws.poll();
            assertThat(key).as("the result spilled before the time limit").isNotNull();
            assertThat(key.pollEvents())
                    .anySatisfy(e -> assertThat(e.context().toString()).startsWith(SpillBuffer.PREFIX));
        }
        assertThat(leftInScratch()).isEmpty();
    }

    @Test
    void aSendThatFailsMidwayLeavesNoFile() throws IOException {
        SparqlExecutor executor =
                new SparqlExecutor(store, limits("64KB", "256MB", Duration.ofSeconds(60)), watchdog, scratch);
        AtomicReference<Path> file = new AtomicReference<>();
        Query q = SparqlExecutor.parse(new SparqlRequest(LARGE, List.of(), List.of()));
        assertThatThrownBy(() -> executor.execute(q, ResultFormat.CSV, Formulas.NEUTRALISE, new SparqlExecutor.Sink() {
                    @Override
                    public void whole(byte[] body) {
                        throw new AssertionError("expected a spilled result");
                    }

                    @Override
                    public void spilled(SpillBuffer body) throws IOException {
                        file.set(body.file());
                        body.writeTo(new GoneAfter(100_000));
                    }
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("Broken pipe");
        assertThat(file.get()).isNotNull().doesNotExist();
        assertThat(leftInScratch()).isEmpty();
    }

    @Test
    void anUnusableScratchFolderGives503WithAPlainMessage() throws IOException {
        Path notAFolder = Files.writeString(scratch.resolve("a-file"), "x");
        SparqlExecutor executor = new SparqlExecutor(
                store, limits("64KB", "256MB", Duration.ofSeconds(60)), watchdog, notAFolder.resolve("scratch"));
        assertThatThrownBy(() -> run(executor, LARGE, ResultFormat.CSV))
                .isInstanceOfSatisfying(SparqlFailure.class, f -> {
                    assertThat(f.status()).isEqualTo(503);
                    assertThat(f.getMessage()).isEqualTo(SparqlFailure.NO_SCRATCH);
                });
        // a result that fits the buffer needs no scratch folder at all
        Captured small = run(executor, "SELECT ?s WHERE { ?s a ?t } LIMIT 3", ResultFormat.CSV);
        assertThat(small.spilled).isFalse();
        assertThat(small.body.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("s\r\n");
    }

    @Test
    void aFullDiskWhileSpillingGivesScratchFailureAndLeavesNoFile() throws IOException {
        AtomicInteger opened = new AtomicInteger();
        SpillBuffer buffer = new SpillBuffer(1024, scratch, file -> {
            opened.incrementAndGet();
            return new FullAfter(Files.newOutputStream(file), 10_000);
        });
        byte[] chunk = new byte[4096];
        try (buffer) {
            assertThatThrownBy(() -> {
                        for (int i = 0; i < 100; i++) {
                            buffer.write(chunk, 0, chunk.length);
                        }
                        buffer.flush();
                    })
                    .isInstanceOf(SpillBuffer.ScratchFailure.class)
                    .hasMessageContaining("No space left on device");
            assertThat(buffer.file()).exists();
        }
        assertThat(opened).hasValue(1);
        assertThat(leftInScratch()).isEmpty();
    }

    @Test
    void aSmallResultStaysInMemoryAndNeedsNoFile() throws IOException {
        try (SpillBuffer buffer = new SpillBuffer(1024, scratch)) {
            buffer.write(new byte[1024], 0, 1024);
            assertThat(buffer.inMemory()).isTrue();
            assertThat(buffer.bytes()).hasSize(1024);
            buffer.write(7);
            assertThat(buffer.inMemory()).isFalse();
            assertThat(buffer.size()).isEqualTo(1025);
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            buffer.writeTo(back);
            assertThat(back.toByteArray()).hasSize(1025).endsWith(7);
        }
        assertThat(leftInScratch()).isEmpty();
    }

    /** A client connection that breaks after {@code limit} bytes. */
    private static final class GoneAfter extends OutputStream {
        private long left;

        GoneAfter(long limit) {
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            left -= len;
            if (left < 0) {
                throw new IOException("Broken pipe");
            }
        }
    }

    /** A file system that fills up after {@code limit} bytes. */
    private static final class FullAfter extends OutputStream {
        private final OutputStream target;
        private long left;

        FullAfter(OutputStream target, long limit) {
            this.target = target;
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            left -= len;
            if (left < 0) {
                throw new IOException("No space left on device");
            }
            target.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            target.close();
        }
    }
}
