package scot.cairn.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.algebra.optimize.Optimize;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.main.OpExecutorFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.system.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher's embedded triple store: a TDB2 database in a folder (or in memory for tests), or
 * a plain Jena dataset in memory that answers the same ({@link #plainInMemory}).
 *
 * <p>Every dataset lives in its own named graphs; SPARQL sees the union of all named graphs as
 * its default graph. All writes happen in write transactions, so readers (any number, on any
 * thread) always see a committed state: TDB2 gives multiple readers and one writer, and
 * readers are never blocked by a publication in progress. A publication's cost grows with what it
 * writes, not with what the store holds (store/README.md).
 *
 * <p>This class and {@link StoreTuning}, {@link BulkQuads}, {@link SubjectChanges} and
 * {@link TermIds} are the whole of the store's API: TDB2's internals stay behind them.
 *
 * <p>{@link #version()} changes after every committed write; response caches key on it.
 */
public final class TripleStore implements PublishTarget {
    private static final Logger LOG = LoggerFactory.getLogger(TripleStore.class);

    private final Backend backend;
    private final DatasetGraph dsg;
    private final StoreTuning tuning;
    private final AtomicLong version = new AtomicLong();
    private final AtomicLong generation = new AtomicLong();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile ChangeObserver observer;
    /** Set on a replica: only {@link #applyReplicated} may write. */
    private volatile String followOnly;
    /** The recorder of the write transaction in progress (writer thread only), or null. */
    private ChangeObserver.Recorder recording;

    private final List<Consumer<Set<String>>> graphListeners = new CopyOnWriteArrayList<>();
    private final GraphStatistics statistics;
    private final AggregateSummaries summaries;
    /** The graphs the write transaction in progress may change (writer thread only); null when any. */
    private Set<String> touching;

    private final CubeQueryOptimizer optimizer;

    /** @param figures the per-graph figures this store keeps, made for its backend */
    private TripleStore(
            Backend backend,
            StoreTuning tuning,
            CubeQueryOptimizer optimizer,
            Function<Backend, GraphStatistics> figures,
            java.util.function.BiFunction<Backend, GraphStatistics, AggregateSummaries> summarise) {
        this.backend = backend;
        this.dsg = backend.datasetGraph();
        this.tuning = Objects.requireNonNull(tuning, "tuning must not be null");
        this.optimizer = optimizer;
        this.statistics = figures.apply(backend);
        this.summaries = summarise.apply(backend, statistics);
        optimizer.attach(dsg, version::get, summaries);
        generation.set(Txn.calculateRead(dsg, () -> StoreState.generation(dsg)));
    }

    /** Opens (creating when absent) the TDB2 database in {@code folder}, with the default tuning. */
    public static TripleStore open(Path folder) {
        return open(folder, StoreTuning.defaults());
    }

    /**
     * Opens (creating when absent) the TDB2 database in {@code folder}.
     *
     * @throws IllegalArgumentException when the tuning's sort folder cannot be used
     * @throws PublicationException     when the folder cannot be created
     */
    public static TripleStore open(Path folder, StoreTuning tuning) {
        tuning.checkSortDir();
        try {
            boolean fresh = !Files.isDirectory(folder) || isEmpty(folder);
            Files.createDirectories(folder);
            CubeQueryOptimizer optimizer = new CubeQueryOptimizer();
            TdbBackend backend = TdbBackend.open(folder, fresh, optimizer.reorderTransformation());
            LOG.info("Opened TDB2 store at {}{}", folder.toAbsolutePath(), fresh ? " (new)" : "");
            SortRunFolders.sweep(tuning.sortDir()); // sorted runs a killed load left
            return new TripleStore(
                    backend,
                    tuning,
                    optimizer,
                    b -> GraphStatistics.open(folder, b.datasetGraph(), b::countQuads),
                    (b, figures) -> AggregateSummaries.open(folder, b.datasetGraph(), figures));
        } catch (IOException e) {
            throw new PublicationException("cannot open the store folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a new TDB2 database in the empty or absent {@code folder} for content derived from the
     * main store (earlier versions of a dataset, built to be read): the same quad indexes and fast
     * publication path as {@link #open}, with TDB2's node caches cut to 10,000 entries each, so that
     * each such store open costs a few MB of heap instead of up to about 100 MB. It keeps no
     * per-graph figures ({@link #graphSizes} is empty, every {@link #graphStamp} 0): nothing
     * summarises it, and counting would slow its build.
     *
     * @throws PublicationException when the folder cannot be created or already holds files
     */
    public static TripleStore openCompact(Path folder, StoreTuning tuning) {
        tuning.checkSortDir();
        try {
            Files.createDirectories(folder);
            if (!isEmpty(folder)) {
                throw new PublicationException("not an empty folder: " + folder);
            }
        } catch (IOException e) {
            throw new PublicationException("cannot create the store folder " + folder + ": " + e.getMessage(), e);
        }
        CubeQueryOptimizer optimizer = new CubeQueryOptimizer();
        return new TripleStore(
                TdbBackend.openCompact(folder, optimizer.reorderTransformation()),
                tuning,
                optimizer,
                b -> GraphStatistics.none(),
                (b, figures) -> AggregateSummaries.none());
    }

    /** An in-memory TDB2 database (same engine, indexes and transactions), for tests and examples. */
    public static TripleStore inMemory() {
        return inMemory(StoreTuning.defaults());
    }

    public static TripleStore inMemory(StoreTuning tuning) {
        tuning.checkSortDir();
        CubeQueryOptimizer optimizer = new CubeQueryOptimizer();
        return new TripleStore(
                TdbBackend.inMemory(optimizer.reorderTransformation()),
                tuning,
                optimizer,
                b -> GraphStatistics.inMemory(b::countQuads),
                (b, figures) -> AggregateSummaries.inMemory());
    }

    /**
     * A store on Jena's transactional in-memory dataset instead of TDB2: no TDB2 internals, the
     * same answers (numbers and dates read back in TDB2's stored form, the union default graph),
     * written with the dataset's own methods. The fallback the tests run beside TDB2.
     */
    public static TripleStore plainInMemory() {
        return new TripleStore(
                new PlainBackend(),
                StoreTuning.defaults(),
                new CubeQueryOptimizer(),
                b -> GraphStatistics.inMemory(b::countQuads),
                (b, figures) -> AggregateSummaries.none());
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            return s.findAny().isEmpty();
        }
    }

    /**
     * The node as the store gives it back: numbers, dates and booleans are kept as values, so
     * {@code "24.60"^^xsd:decimal} reads back as {@code "24.6"}; other nodes are unchanged.
     * Comparing new content in this form with what is stored keeps unchanged content unchanged.
     */
    public static Node storedForm(Node node) {
        return NodeIds.storedForm(node);
    }

    /** {@link #storedForm(Node)} of the triple's object. */
    public static Triple storedForm(Triple t) {
        Node o = t.getObject();
        Node stored = NodeIds.storedForm(o);
        return stored == o ? t : Triple.create(t.getSubject(), t.getPredicate(), stored);
    }

    /** How this store writes publications. */
    public StoreTuning tuning() {
        return tuning;
    }

    /** The dataset: use it inside transactions only ({@link #read}, {@link #write}). */
    public DatasetGraph datasetGraph() {
        return dsg;
    }

    public Dataset dataset() {
        return DatasetFactory.wrap(dsg);
    }

    /**
     * A query over this store as the public endpoint runs it: the default graph is the union of the
     * named graphs (unless the query names its own with FROM), dimension filters are turned into
     * exact values and slice patterns answered one lookup per observation (the cube optimizer,
     * docs/architecture.md). Add limits to the builder; execute inside {@link #read}.
     */
    public QueryExecBuilder publicQuery(Query query) {
        QueryExecBuilder builder =
                QueryExec.dataset(dsg).query(query).set(ARQConstants.sysOptimizerFactory, optimizer.rewriteFactory());
        OpExecutorFactory executor = optimizer.executorFactory();
        if (executor != null) {
            builder.set(ARQConstants.sysOpExecutorFactory, executor);
        }
        backend.unionDefaultGraph(builder, query);
        return builder;
    }

    /**
     * {@link #publicQuery}, refused with {@link TooManyRows} as soon as the engine can tell that the
     * answer has more than {@code maxRows} rows: a query whose answer is its ORDER BY's rows (a
     * SELECT with ORDER BY and no LIMIT, OFFSET, DISTINCT, REDUCED, trailing VALUES or subquery)
     * stops reading once its sort has been given one row more than that, instead of reading,
     * sorting and writing them all. A query that fits runs exactly as {@link #publicQuery}; every
     * other query too (its writer counts the rows).
     */
    public QueryExecBuilder publicQuery(Query query, long maxRows) {
        QueryExecBuilder builder = publicQuery(query);
        if (RankedSort.answersAreSortedRows(query)) {
            builder.set(RankedSort.MAX_ROWS, maxRows);
        }
        return builder;
    }

    /** The answer has more rows than a query's limit allows ({@link #publicQuery(Query, long)}). */
    public static final class TooManyRows extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyRows(long maxRows) {
            super("the answer has more than " + maxRows + " rows", null, false, false);
        }
    }

    /**
     * The same query as {@link #publicQuery} (union default graph) run by the stock engine, with
     * ARQ's standard optimizer and TDB2's own executor, without the cube optimizer's rewrite and
     * star plan: the baseline that tests and benchmarks compare the public answers with. Execute
     * inside {@link #read}.
     */
    public QueryExecBuilder plainQuery(Query query) {
        QueryExecBuilder builder = QueryExec.dataset(dsg)
                .query(query)
                .set(ARQConstants.sysOptimizerFactory, Optimize.stdOptimizationFactory);
        backend.unionDefaultGraph(builder, query);
        return builder;
    }

    /** Changes after every committed write. */
    public long version() {
        return version.get();
    }

    /**
     * The number of write transactions committed to this store since it was created (kept in the
     * store, so it survives restarts); a replica takes its publisher's ({@link #applyReplicated}).
     * Equal generations of a publisher and its replicas mean equal content, so it makes validators
     * (ETags) that any of them can answer.
     */
    public long generation() {
        return generation.get();
    }

    /**
     * The store's own state: its {@code generation} and what {@link #applyReplicated} recorded with
     * it, as of the last commit. Kept in the store (not in any graph), so no query answer shows it.
     */
    public Map<String, String> state() {
        return read(StoreState::read);
    }

    /**
     * Reports every write transaction from now on to {@code observer} (a publisher's replication
     * log): its quads added and deleted, however written, and its commit or abort. One observer per
     * store; null stops observing.
     */
    public void observeChanges(ChangeObserver observer) {
        this.observer = observer;
    }

    /**
     * Makes this store a replica's: from now on every write except {@link #applyReplicated} fails
     * with a {@link PublicationException} giving {@code reason}, so nothing but the replication log
     * changes it.
     */
    public void followOnly(String reason) {
        this.followOnly = java.util.Objects.requireNonNull(reason, "reason must not be null");
    }

    /** False on a replica's store ({@link #followOnly}): its content comes from the replication log only. */
    public boolean writable() {
        return followOnly == null;
    }

    private void checkWritable() {
        String reason = followOnly;
        if (reason != null) {
            throw new PublicationException(reason);
        }
    }

    /** Runs {@code listener} after every committed write (on the writing thread). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Runs {@code listener} after every committed write (on the writing thread, before the
     * {@link #onChange} listeners) with the names of the graphs the write may have changed.
     */
    public void onGraphsChanged(Consumer<Set<String>> listener) {
        graphListeners.add(listener);
    }

    /** The number of quads in each named graph that holds any, by graph name; kept at every write, never counted here. */
    public Map<String, Long> graphSizes() {
        Map<String, Long> out = new java.util.TreeMap<>();
        statistics.graphs().forEach((g, s) -> out.put(g, s.quads()));
        return out;
    }

    /**
     * A number that changes whenever a write may have changed the named graph (0 when it holds no
     * quad): summaries computed from a graph stay valid while its stamp is the same, across
     * restarts too. Writes made to the store folder by other tools than Cairn are not seen.
     */
    public long graphStamp(String graph) {
        return statistics.graph(graph).stamp();
    }

    /**
     * Runs {@code action} in a read transaction (or inside the caller's transaction). While a
     * {@link RequestBudget} is open on this thread, every quad {@code action} reads is charged to it.
     *
     * @throws RequestBudget.Exceeded when the request goes past its time or its quads (the read ends there)
     */
    public <T> T read(Function<DatasetGraph, T> action) {
        RequestBudget budget = RequestBudget.current();
        DatasetGraph view = budget == null ? dsg : new BudgetedView(dsg, budget);
        return Txn.calculateRead(dsg, () -> action.apply(view));
    }

    /**
     * Runs {@code action} in a write transaction; the version and generation change when it
     * commits. Inside an observed store the dataset given to {@code action} reports its changes to
     * the observer ({@link #observeChanges}); hand it, not another reference, to {@link #bulkQuads}
     * and {@link #subjectChanges}, and use {@link #drop} for whole graphs. Any named graph may
     * change, so every graph is recounted before the commit and gets a new
     * {@link #graphStamp stamp}: name the graphs with {@link #write(Collection, Consumer)} instead.
     */
    public void write(Consumer<DatasetGraph> action) {
        write(null, action);
    }

    /**
     * {@link #write(Consumer)} for an action that changes only the named graphs {@code graphs}:
     * only their figures are recounted and only their {@link #graphStamp stamps} change. Nested in
     * the caller's write transaction, the graphs join those that transaction counts.
     *
     * @param graphs the graphs the action may change; null when it may change any
     */
    public void write(Collection<String> graphs, Consumer<DatasetGraph> action) {
        if (dsg.isInTransaction()) {
            if (touching != null) {
                if (graphs == null) {
                    touching = null;
                } else {
                    touching.addAll(graphs);
                }
            }
            DatasetGraph view = recording == null ? dsg : new CaptureView(dsg, recording);
            action.accept(view); // nested in the caller's write transaction, which commits it
            return;
        }
        checkWritable();
        dsg.begin(TxnType.WRITE);
        touching = graphs == null ? null : new HashSet<>(graphs);
        ChangeObserver.Recorder recorder = startRecording();
        long committedAs;
        Figures counts;
        try {
            action.accept(recorder == null ? dsg : new CaptureView(dsg, recorder));
            counts = beforeCommit(touching);
            committedAs = commit(recorder);
        } catch (RuntimeException | Error e) {
            abort(recorder);
            throw e;
        } finally {
            recording = null;
            touching = null;
            dsg.end();
        }
        committed(committedAs, recorder, counts);
    }

    private ChangeObserver.Recorder startRecording() {
        ChangeObserver o = observer;
        recording = o == null ? null : o.begin();
        return recording;
    }

    /** Inside the write transaction: the next generation, the observer's prepare, the commit. */
    private long commit(ChangeObserver.Recorder recorder) {
        long next = StoreState.generation(dsg) + 1;
        StoreState.write(dsg, Map.of(StoreState.GENERATION, Long.toString(next)));
        if (recorder != null) {
            try {
                recorder.prepare(next);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new PublicationException("the change could not be logged for replication: " + e.getMessage(), e);
            }
        }
        dsg.commit();
        pendingSummaries = null; // committed: nothing to put back on a later abort
        return next;
    }

    private void abort(ChangeObserver.Recorder recorder) {
        if (dsg.isInTransaction()) {
            dsg.abort();
        }
        statistics.aborted();
        summaries.aborted(takePendingSummaries());
        if (recorder != null) {
            recorder.aborted();
        }
    }

    @Override
    public long replaceGraphs(GraphReplacement replacement) {
        Set<Node> allowed = new HashSet<>();
        for (String g : replacement.graphs()) {
            allowed.add(NodeFactory.createURI(g));
        }
        checkWritable();
        long[] count = {0};
        BulkQuads indexer = null;
        dsg.begin(TxnType.WRITE);
        ChangeObserver.Recorder recorder = startRecording();
        long committedAs;
        Figures counts;
        try {
            drop(allowed);
            // started after the drop so that the index threads continue from the trees the drop left
            indexer = bulkQuads(dsg);
            BulkQuads fast = indexer;
            ChangeSink log = recorder;
            replacement.writer().writeTo(quad -> {
                if (!allowed.contains(quad.getGraph())) {
                    throw new PublicationException("quad outside the graphs being replaced: " + quad.getGraph()
                            + " (allowed: " + replacement.graphs() + ")");
                }
                fast.add(quad);
                if (log != null) {
                    log.add(quad);
                }
                count[0]++;
            });
            indexer.finish();
            indexer = null;
            counts = beforeCommit(replacement.graphs());
            committedAs = commit(recorder);
        } catch (PublicationException e) {
            cancelThenAbort(indexer, recorder);
            throw e;
        } catch (Exception e) {
            cancelThenAbort(indexer, recorder);
            throw new PublicationException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } finally {
            recording = null;
            dsg.end();
        }
        committed(committedAs, recorder, counts);
        return count[0];
    }

    /** Index threads must stop before the abort, which discards everything they wrote. */
    private void cancelThenAbort(BulkQuads indexer, ChangeObserver.Recorder recorder) {
        if (indexer != null) {
            indexer.cancel();
        }
        abort(recorder);
    }

    /**
     * For a publication that writes many new quads inside {@link #write}: a writer that fills each
     * quad index from its own thread within that transaction (or adds with {@code txn.add} when
     * parallel indexing is off or the store is not TDB2). Always {@link BulkQuads#finish} or
     * {@link BulkQuads#cancel} it.
     *
     * @param txn the dataset {@link #write} gave its action
     */
    public BulkQuads bulkQuads(DatasetGraph txn) {
        ChangeSink sink = CaptureView.sinkOf(txn);
        if (sink == null) {
            return backend.bulkQuads(txn, tuning);
        }
        return new RecordedBulkQuads(backend.bulkQuads(CaptureView.tdbUnder(txn), tuning), sink);
    }

    /** Bulk adds inside an observed transaction: each quad is reported as it is handed over. */
    private record RecordedBulkQuads(BulkQuads bulk, ChangeSink sink) implements BulkQuads {
        @Override
        public void add(Quad quad) {
            bulk.add(quad);
            sink.add(quad);
        }

        @Override
        public void finish() {
            bulk.finish();
        }

        @Override
        public void cancel() {
            bulk.cancel();
        }
    }

    /**
     * For a publication by difference inside {@link #write}: the subjects of {@code graph} that
     * {@code subjects} accepts (URIs only), to compare with new content and change.
     *
     * @param txn the dataset {@link #write} gave its action
     */
    public SubjectChanges subjectChanges(DatasetGraph txn, Node graph, Predicate<String> subjects) {
        SubjectChanges changes = backend.subjectChanges(CaptureView.tdbUnder(txn), graph, subjects, tuning);
        ChangeSink sink = CaptureView.sinkOf(txn);
        return sink == null ? changes : new RecordedSubjectChanges(changes, graph, sink);
    }

    /** Streams the changes of one write transaction made elsewhere into a sink. */
    @FunctionalInterface
    public interface ChangeSource {
        /** Writes the changes; returns the entries to record with them (the position they were read up to). */
        Map<String, String> writeTo(ReplicaSink sink) throws Exception;
    }

    /**
     * Where {@link #applyReplicated} takes a change: quads added and deleted in order, and whole
     * graphs dropped (what {@link #drop} did on the publisher), which the index threads delete
     * in one pass per index instead of quad by quad.
     */
    public interface ReplicaSink extends ChangeSink {

        /** Deletes every quad of the named graph {@code graph}, after the changes before it. */
        void dropGraph(Node graph);
    }

    /**
     * Applies a change committed elsewhere (a publisher's write transaction, read from the
     * replication log) in one write transaction of this store, and records with it the publisher's
     * {@code generation} and the caller's {@code state} (its position in the log): they commit
     * together or not at all, so a replica that stops at any moment resumes exactly after the last
     * change it committed. Readers see the change whole or not at all. Long runs of adds are written
     * by the index threads ({@link #bulkQuads}), and graphs dropped whole
     * ({@link ReplicaSink#dropGraph}) are deleted by them, as on the publisher; small changes quad
     * by quad.
     *
     * @param generation the generation the change committed as on its publisher; must be above this store's
     * @param source     writes the changes and returns the entries to record with them (keys: lower-case words with hyphens)
     * @return the number of changes applied (a graph dropped whole counts as one)
     * @throws PublicationException when the source fails; nothing is applied
     * @throws IllegalStateException on an observed store (a publisher), or for a generation not above this store's
     */
    public long applyReplicated(long generation, ChangeSource source) {
        if (observer != null) {
            throw new IllegalStateException("a publisher's store does not apply replicated changes");
        }
        ReplicatedChanges apply = new ReplicatedChanges(this, dsg);
        Set<String> touched = new HashSet<>();
        ReplicaSink noting = new ReplicaSink() {
            @Override
            public void add(Quad quad) {
                note(touched, quad.getGraph());
                apply.add(quad);
            }

            @Override
            public void delete(Quad quad) {
                note(touched, quad.getGraph());
                apply.delete(quad);
            }

            @Override
            public void dropGraph(Node graph) {
                note(touched, graph);
                apply.dropGraph(graph);
            }
        };
        Figures counts;
        dsg.begin(TxnType.WRITE);
        try {
            long current = StoreState.generation(dsg);
            if (generation <= current) {
                throw new IllegalStateException("generation " + generation + " is not after the store's " + current);
            }
            Map<String, String> entries = new java.util.HashMap<>(source.writeTo(noting));
            entries.put(StoreState.GENERATION, Long.toString(generation));
            apply.finish();
            StoreState.write(dsg, entries);
            counts = beforeCommit(touched);
            dsg.commit();
            pendingSummaries = null;
        } catch (IllegalStateException | PublicationException e) {
            apply.cancel();
            dsg.abort();
            statistics.aborted();
            summaries.aborted(takePendingSummaries());
            throw e;
        } catch (Exception e) {
            apply.cancel();
            dsg.abort();
            statistics.aborted();
            summaries.aborted(takePendingSummaries());
            throw new PublicationException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } finally {
            dsg.end();
        }
        committed(generation, null, counts);
        return apply.count();
    }

    /**
     * A consistent backup: every quad of the named graphs written to {@code out} as N-Quads (blank
     * nodes keep their labels), from one moment of the store, with writers held off until it ends
     * (readers go on); {@code alongside} runs under the same hold, for files that must match the
     * store (the versions folder). Returns the store's {@link #state()} at that moment.
     */
    public Map<String, String> backup(java.io.OutputStream out, Runnable alongside) {
        dsg.begin(TxnType.WRITE); // excludes writers; nothing is written and it is aborted
        try {
            org.apache.jena.riot.system.StreamRDF stream = org.apache.jena.riot.system.StreamRDFWriter.getWriterStream(
                    out, org.apache.jena.riot.RDFFormat.NQUADS_UTF8);
            stream.start();
            dsg.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                if (!q.isDefaultGraph()) {
                    stream.quad(q);
                }
            });
            stream.finish();
            alongside.run();
            return StoreState.read(dsg);
        } finally {
            dsg.abort();
            dsg.end();
        }
    }

    /**
     * Creates a store in {@code folder} (absent or empty) from a {@link #backup}: the quads and
     * {@code state} written in one transaction, the indexes filled by their own threads.
     *
     * @throws PublicationException when the folder is not empty or the backup does not parse
     */
    public static TripleStore restore(Path folder, java.io.InputStream nquads, Map<String, String> state) {
        try {
            if (Files.isDirectory(folder) && !isEmpty(folder)) {
                throw new PublicationException("cannot restore into " + folder + ": it is not empty");
            }
        } catch (java.io.IOException e) {
            throw new PublicationException("cannot read " + folder + ": " + e.getMessage(), e);
        }
        TripleStore store = open(folder);
        long generation = Long.parseLong(state.getOrDefault(StoreState.GENERATION, "0"));
        Map<String, String> rest = new java.util.HashMap<>(state);
        rest.remove(StoreState.GENERATION);
        try {
            store.applyReplicated(Math.max(1, generation), sink -> {
                org.apache.jena.riot.RDFParser.source(nquads)
                        .lang(org.apache.jena.riot.Lang.NQUADS)
                        .labelToNode(org.apache.jena.riot.lang.LabelToNode.createUseLabelEncoded())
                        .parse(new org.apache.jena.riot.system.StreamRDFBase() {
                            @Override
                            public void quad(Quad quad) {
                                sink.add(quad);
                            }
                        });
                return rest;
            });
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    @Override
    public void dropGraphs(Collection<String> graphs) {
        List<Node> nodes = graphs.stream().map(NodeFactory::createURI).toList();
        write(graphs, d -> drop(nodes));
    }

    /** Deletes every quad of {@code graphs}, inside the write transaction open on this store ({@link #write}). */
    public void drop(Collection<Node> graphs) {
        ChangeObserver.Recorder log = recording;
        if (log != null) {
            for (Node g : graphs) {
                long[] n = {0};
                dsg.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                    log.delete(q);
                    n[0]++;
                });
                if (n[0] > 0) {
                    log.droppedGraph(g, n[0]);
                }
            }
        }
        backend.drop(dsg, graphs, tuning);
    }

    /** Names of all named graphs that hold at least one quad. */
    public List<String> graphNames() {
        return read(d -> {
            List<String> names = new ArrayList<>();
            d.listGraphNodes().forEachRemaining(n -> names.add(n.getURI()));
            names.sort(null);
            return names;
        });
    }

    /** True when the named graph holds no quad; stops at the first one instead of counting. */
    public boolean isEmpty(String graph) {
        Node g = NodeFactory.createURI(graph);
        return read(d -> !d.find(g, Node.ANY, Node.ANY, Node.ANY).hasNext());
    }

    /** Number of quads in one named graph. */
    public long size(String graph) {
        Node g = NodeFactory.createURI(graph);
        return read(d -> {
            long n = 0;
            var it = d.find(g, Node.ANY, Node.ANY, Node.ANY);
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return n;
        });
    }

    /** Number of quads in all named graphs. */
    public long size() {
        return read(d -> {
            long n = 0;
            var it = d.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY);
            while (it.hasNext()) {
                Quad q = it.next();
                if (!q.isDefaultGraph()) {
                    n++;
                }
            }
            return n;
        });
    }

    /**
     * A view of the store for a write-enabled service outside the loaders (the loopback Fuseki
     * publishing endpoint): writes through it commit to the same database and, like every
     * other write, change {@link #version()} and notify the listeners.
     */
    public DatasetGraph publishingView() {
        return new PublishingView();
    }

    /** The named graphs the Fuseki write transaction in progress has changed (writer thread only). */
    private Set<String> fusekiWritten = new HashSet<>();

    private void noteFusekiWrite(Node g) {
        if (dsg.isInTransaction() && dsg.transactionMode() == org.apache.jena.query.ReadWrite.WRITE) {
            note(fusekiWritten, g);
        }
    }

    private static void note(Set<String> graphs, Node g) {
        if (g != null && g.isURI() && !Quad.isDefaultGraph(g) && !Quad.isUnionGraph(g)) {
            graphs.add(g.getURI());
        }
    }

    /** The recorder of a Fuseki write transaction, started with its first change (a read never needs one). */
    private ChangeObserver.Recorder recorderForFusekiWrite() {
        if (recording == null
                && observer != null
                && dsg.isInTransaction()
                && dsg.transactionMode() == org.apache.jena.query.ReadWrite.WRITE) {
            startRecording();
        }
        return recording;
    }

    /**
     * Fuseki's write transactions on the store: each gets the next generation and, on an observed
     * store, a recorder that sees its changes (through Jena's change-reporting wrapper, so graph
     * views and {@code deleteAny} are reported too).
     */
    private final class PublishingView extends org.apache.jena.rdfpatch.system.DatasetGraphChanges {
        PublishingView() {
            super(dsg, new org.apache.jena.rdfpatch.changes.RDFChangesNoOp() {
                @Override
                public void add(Node g, Node s, Node p, Node o) {
                    noteFusekiWrite(g);
                    ChangeObserver.Recorder r = recorderForFusekiWrite();
                    if (r != null) {
                        r.add(Quad.create(g == null ? Quad.defaultGraphIRI : g, s, p, o));
                    }
                }

                @Override
                public void delete(Node g, Node s, Node p, Node o) {
                    noteFusekiWrite(g);
                    ChangeObserver.Recorder r = recorderForFusekiWrite();
                    if (r != null) {
                        r.delete(Quad.create(g == null ? Quad.defaultGraphIRI : g, s, p, o));
                    }
                }
            });
        }

        @Override
        public void commit() {
            boolean wrote = isInTransaction() && transactionMode() == org.apache.jena.query.ReadWrite.WRITE;
            if (!wrote) {
                super.commit();
                return;
            }
            ChangeObserver.Recorder recorder = recording;
            Set<String> written = fusekiWritten;
            fusekiWritten = new HashSet<>();
            long committedAs;
            Figures counts;
            try {
                checkWritable();
                long next = StoreState.generation(dsg) + 1;
                StoreState.write(dsg, Map.of(StoreState.GENERATION, Long.toString(next)));
                if (recorder != null) {
                    recorder.prepare(next);
                }
                counts = beforeCommit(written);
                super.commit();
                pendingSummaries = null;
                committedAs = next;
            } catch (Exception e) {
                recording = null;
                super.abort();
                statistics.aborted();
                summaries.aborted(takePendingSummaries());
                if (recorder != null) {
                    recorder.aborted();
                }
                throw e instanceof RuntimeException r ? r : new PublicationException(String.valueOf(e.getMessage()), e);
            }
            recording = null;
            committed(committedAs, recorder, counts);
        }

        @Override
        public void abort() {
            ChangeObserver.Recorder recorder = recording;
            recording = null;
            fusekiWritten = new HashSet<>();
            super.abort();
            if (recorder != null) {
                recorder.aborted();
            }
        }
    }

    /** What a write transaction computed just before its commit: the graphs' counts and summaries. */
    private record Figures(Map<String, Long> counts, AggregateSummaries.Pending summaries) {}

    /**
     * The summaries computed by the write transaction in progress once it reaches its commit, for
     * an abort after that point (writer thread, under the write lock; cleared when it commits).
     */
    private AggregateSummaries.Pending pendingSummaries;

    /** Inside the write transaction, just before its commit: the figures of the graphs it may have changed. */
    private Figures beforeCommit(Collection<String> touched) {
        Map<String, Long> counts = statistics.beforeCommit(dsg, touched);
        pendingSummaries = summaries.beforeCommit(dsg, counts.keySet());
        return new Figures(counts, pendingSummaries);
    }

    private AggregateSummaries.Pending takePendingSummaries() {
        AggregateSummaries.Pending p = pendingSummaries;
        pendingSummaries = null;
        return p;
    }

    private void committed(long committedAs, ChangeObserver.Recorder recorder, Figures figures) {
        Map<String, Long> counts = figures.counts();
        generation.set(committedAs);
        if (recorder != null) {
            recorder.committed(committedAs);
        }
        statistics.committed(counts);
        summaries.committed(figures.summaries(), committedAs, statistics);
        version.incrementAndGet();
        Set<String> changed = Set.copyOf(counts.keySet());
        for (Consumer<Set<String>> l : graphListeners) {
            try {
                l.accept(changed);
            } catch (RuntimeException e) {
                LOG.warn("store change listener failed", e);
            }
        }
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warn("store change listener failed", e);
            }
        }
    }

    /** Deletes every quad of {@code graph} in {@link #applyReplicated}'s transaction, as {@link #drop} does. */
    void dropReplicated(DatasetGraph txn, Node graph) {
        backend.drop(txn, List.of(graph), tuning);
    }

    /** What the store is made of (tests). */
    Backend backend() {
        return backend;
    }

    /** The context the public endpoint's queries run in (tests). */
    org.apache.jena.sparql.util.Context publicQueryContext() {
        return optimizer.context(dsg.getContext());
    }

    /** The per-dataset aggregate summaries (tests). */
    AggregateSummaries summaries() {
        return summaries;
    }

    CubeQueryOptimizer optimizer() {
        return optimizer;
    }

    @Override
    public String describe() {
        return backend.describe();
    }

    @Override
    public void close() {
        backend.close();
    }
}
