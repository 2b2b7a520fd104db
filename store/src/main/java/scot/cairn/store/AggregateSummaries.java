package scot.cairn.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AggregateSummary} of every named graph that holds observations, kept by the store at
 * every write as {@link GraphStatistics} keeps its counts: computed inside the write transaction
 * for the graphs it wrote, just before it commits, from node ids; installed after the commit and
 * persisted in {@value #FILE} beside the database with the graph's stamp.
 *
 * <p>Never stale: a graph's summary is removed before any write to the graph commits and the new
 * one is installed after, tagged with the store generation it describes; a query uses a summary
 * only when its own transaction's generation is at least that tag, so a reader of an older state
 * never sees a newer summary, nor a reader of a newer state an older one. A summary computed by a
 * write that a later write to the same graph overtook is dropped. After a crash between a commit
 * and the file's update, the graph's stamp no longer matches the file's ({@link GraphStatistics}
 * gives the graphs it recounts new stamps), so the store opened next recomputes it.
 */
final class AggregateSummaries {
    private static final Logger LOG = LoggerFactory.getLogger(AggregateSummaries.class);

    static final String FILE = "cairn-summaries.tsv";

    /** One graph's summary, the graph's stamp it was computed for, and the first generation it describes. */
    record Entry(String graph, AggregateSummary summary, long stamp, long generation) {}

    /** What a write transaction computed before its commit, for {@link #committed} or {@link #aborted}. */
    static final class Pending {
        private final Map<String, AggregateSummary> computed = new HashMap<>();
        private final Map<String, Long> epochs = new HashMap<>();
        private final Map<String, Entry> removed = new HashMap<>();
        /** Set when committed: an abort after that point (a later transaction's) must not put anything back. */
        private boolean committed;
    }

    private static final Pending NOTHING = new Pending();

    /** Every graph name the store has held since it was opened, added before the write that makes it visible (guarded by this). */
    private final java.util.Set<String> known = new java.util.HashSet<>();

    /** The last answer of {@link #alone} for a graph's summary. */
    private record Checked(Object database, long dataVersion, AggregateSummary summary, boolean alone) {}

    private final java.util.concurrent.ConcurrentHashMap<String, Checked> checked =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Path folder;
    private final boolean enabled;
    /** Guarded by this. */
    private final Map<String, Entry> entries = new HashMap<>();
    /** How many times each graph's summary was removed for a write (guarded by this). */
    private final Map<String, Long> epochs = new HashMap<>();

    private AggregateSummaries(Path folder, boolean enabled) {
        this.folder = folder;
        this.enabled = enabled;
    }

    /** No summaries (stores not on TDB2, and stores built to be read once). */
    static AggregateSummaries none() {
        return new AggregateSummaries(null, false);
    }

    /** Summaries of a store in memory, computed at every write, never persisted. */
    static AggregateSummaries inMemory() {
        return new AggregateSummaries(null, true);
    }

    /**
     * The summaries persisted in {@code folder} for the graphs whose stamp is unchanged, and the
     * others (a graph written by a publication that crashed before the file was updated, every
     * graph of a store written before summaries existed) recomputed.
     */
    static AggregateSummaries open(Path folder, DatasetGraph dsg, GraphStatistics statistics) {
        AggregateSummaries s = new AggregateSummaries(folder, true);
        Map<String, Entry> read = new HashMap<>();
        Path file = folder.resolve(FILE);
        if (Files.exists(file)) {
            try {
                read = read(file);
            } catch (IOException | RuntimeException e) {
                LOG.warn("{} is damaged ({}): every summary is computed again", file, e.getMessage());
            }
        }
        Map<String, Entry> entries = read;
        long t = System.nanoTime();
        int[] computed = {0};
        s.known.addAll(statistics.graphs().keySet());
        Txn.executeRead(dsg, () -> {
            long generation = StoreState.generation(dsg);
            TdbQuads quads = TdbQuads.of(dsg);
            for (GraphStatistics.Graph g : statistics.graphs().values()) {
                Entry e = entries.get(g.uri());
                Entry none = entries.get(g.uri() + NONE_SUFFIX);
                if (e != null && e.stamp() == g.stamp()) {
                    s.entries.put(g.uri(), new Entry(g.uri(), e.summary(), g.stamp(), generation));
                } else if ((none == null || none.stamp() != g.stamp()) && quads != null) {
                    AggregateSummary summary = computeOrNone(quads, g.uri());
                    computed[0]++;
                    if (summary != null) {
                        s.entries.put(g.uri(), new Entry(g.uri(), summary, g.stamp(), generation));
                    }
                }
            }
        });
        if (computed[0] > 0 || !Files.exists(file)) {
            LOG.info("Summarised {} graph(s) in {} ms", computed[0], (System.nanoTime() - t) / 1_000_000);
            s.save(statistics);
        }
        return s;
    }

    private static final String NONE_SUFFIX = " none";

    /** The graph's summary; none when it fails (a publication never fails for want of a summary: queries then read the data). */
    private static AggregateSummary computeOrNone(TdbQuads quads, String graph) {
        try {
            return AggregateSummary.compute(quads, node(graph));
        } catch (RuntimeException e) {
            LOG.warn("cannot summarise {}: its aggregates are computed from the data", graph, e);
            return null;
        }
    }

    private static Node node(String uri) {
        return NodeFactory.createURI(uri);
    }

    /**
     * Inside a write transaction, before it commits: removes the summaries of {@code graphs} (so
     * that no query answers from them once the write is visible) and computes their new ones.
     */
    Pending beforeCommit(DatasetGraph dsg, Collection<String> graphs) {
        if (!enabled) {
            return NOTHING;
        }
        Pending p = new Pending();
        synchronized (this) {
            known.addAll(graphs);
            for (String g : graphs) {
                long epoch = epochs.merge(g, 1L, Long::sum);
                p.epochs.put(g, epoch);
                Entry old = entries.remove(g);
                if (old != null) {
                    p.removed.put(g, old);
                }
            }
        }
        TdbQuads quads = TdbQuads.of(dsg);
        if (quads != null) {
            long t = System.nanoTime();
            for (String g : graphs) {
                AggregateSummary s = computeOrNone(quads, g);
                if (s != null) {
                    p.computed.put(g, s);
                }
            }
            if (!p.computed.isEmpty()) {
                LOG.info("Summarised {} graph(s) in {} ms", p.computed.size(), (System.nanoTime() - t) / 1_000_000);
            }
        }
        return p;
    }

    /** After the commit as {@code generation}: the new summaries installed (unless a later write overtook them) and persisted. */
    void committed(Pending p, long generation, GraphStatistics statistics) {
        if (p == NOTHING) {
            return;
        }
        synchronized (this) {
            p.committed = true;
            for (Map.Entry<String, Long> e : p.epochs.entrySet()) {
                String g = e.getKey();
                AggregateSummary s = p.computed.get(g);
                if (s != null && epochs.get(g).equals(e.getValue())) {
                    entries.put(g, new Entry(g, s, statistics.graph(g).stamp(), generation));
                }
            }
            // a write to graphs without observations changes no summary: a restart probes them
            // once (one index seek each) rather than every such write rewriting the file
            if (folder != null && (!p.computed.isEmpty() || !p.removed.isEmpty())) {
                save(statistics);
            }
        }
    }

    /** After an abort: the summaries removed are put back, unless a later write removed them again. */
    void aborted(Pending p) {
        if (p == null || p == NOTHING) {
            return;
        }
        synchronized (this) {
            if (p.committed) {
                return;
            }
            p.committed = true;
            p.removed.forEach((g, old) -> {
                if (epochs.get(g).equals(p.epochs.get(g))) {
                    entries.put(g, old);
                }
            });
        }
    }

    /**
     * The summary describing the observations of {@code dataset} as of {@code generation} (the
     * asking transaction's): the only graph whose summary names it, when that summary is valid
     * for that generation; null otherwise.
     */
    synchronized Entry forDataset(Node dataset, long generation) {
        Entry found = null;
        for (Entry e : entries.values()) {
            if (e.summary().datasets().contains(dataset)) {
                if (found != null) {
                    return null;
                }
                found = e;
            }
        }
        return found == null || found.generation() > generation ? null : found;
    }

    /**
     * Whether no graph but the entry's names {@code dataset} or describes its observations, in the
     * calling thread's transaction; remembered per graph and store state.
     */
    boolean alone(TdbQuads quads, Entry entry, Node dataset) {
        long version = quads.dataVersion();
        Checked c = checked.get(entry.graph());
        if (c != null
                && c.database() == quads.database()
                && c.dataVersion() == version
                && c.summary() == entry.summary()) {
            return c.alone();
        }
        List<String> graphs;
        synchronized (this) {
            graphs = List.copyOf(known);
        }
        boolean alone = SummaryAggregates.alone(quads, entry.graph(), entry.summary(), dataset, graphs);
        checked.put(entry.graph(), new Checked(quads.database(), version, entry.summary(), alone));
        return alone;
    }

    /** Per-area groups ({@link AreaRollups}) of a summary's graph for one star; null: not computable. */
    private record AreaKey(AggregateSummary summary, String signature) {}

    /** Per-area groups kept at most (the last used), and the largest kept. */
    static final int AREA_TABLES = 8;

    static final int AREA_TABLE_GROUPS = 250_000;

    /** Guarded by itself; a summary is compared by identity, so a new version of a graph is a new key. */
    private final Map<AreaKey, java.util.Optional<AreaRollups.PerArea>> areaTables =
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<AreaKey, java.util.Optional<AreaRollups.PerArea>> e) {
                    return size() > AREA_TABLES;
                }
            };

    /**
     * The per-area groups of {@code summary}'s graph for the star {@code signature}: remembered
     * when small enough, else computed by {@code compute} (in the asking thread and transaction,
     * which the summary is valid for). Null when they cannot be computed exactly.
     */
    AreaRollups.PerArea areaGroups(
            AggregateSummary summary, String signature, java.util.function.Supplier<AreaRollups.PerArea> compute) {
        AreaKey key = new AreaKey(summary, signature);
        synchronized (areaTables) {
            java.util.Optional<AreaRollups.PerArea> known = areaTables.get(key);
            if (known != null) {
                return known.orElse(null);
            }
        }
        AreaRollups.PerArea computed = compute.get();
        if (computed == null || computed.groups() <= AREA_TABLE_GROUPS) {
            synchronized (areaTables) {
                areaTables.put(key, java.util.Optional.ofNullable(computed));
            }
        }
        return computed;
    }

    /** Whether any graph's summary names {@code dataset} (at rewrite time; checked again when answering). */
    synchronized boolean mayAnswer(Node dataset) {
        for (Entry e : entries.values()) {
            if (e.summary().datasets().contains(dataset)) {
                return true;
            }
        }
        return false;
    }

    /** The graphs with a summary (tests). */
    synchronized Map<String, Entry> entries() {
        return Map.copyOf(entries);
    }

    private void save(GraphStatistics statistics) {
        StringBuilder text = new StringBuilder(
                "# per-graph aggregate summaries, written by Cairn after every publication (AggregateSummaries)\n");
        Map<String, Entry> sorted;
        synchronized (this) {
            sorted = new TreeMap<>(entries);
        }
        for (Entry e : sorted.values()) {
            text.append("graph\t")
                    .append(e.graph())
                    .append('\t')
                    .append(Long.toHexString(e.stamp()))
                    .append('\n');
            e.summary().write(text);
        }
        // graphs that hold no observation, so that a restart does not scan them again
        for (GraphStatistics.Graph g : statistics.graphs().values()) {
            if (!sorted.containsKey(g.uri())) {
                text.append("none\t")
                        .append(g.uri())
                        .append('\t')
                        .append(Long.toHexString(g.stamp()))
                        .append('\n');
            }
        }
        Path file = folder.resolve(FILE);
        Path tmp = folder.resolve(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file's summaries by graph; a graph known to hold no observation under its name plus {@link #NONE_SUFFIX}. */
    private static Map<String, Entry> read(Path file) throws IOException {
        Map<String, Entry> out = new HashMap<>();
        String graph = null;
        long stamp = 0;
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("graph\t") || line.startsWith("none\t")) {
                if (graph != null) {
                    out.put(graph, new Entry(graph, AggregateSummary.read(lines), stamp, 0));
                }
                String[] f = line.split("\t");
                if (f[0].equals("none")) {
                    out.put(f[1] + NONE_SUFFIX, new Entry(f[1], null, Long.parseUnsignedLong(f[2], 16), 0));
                    graph = null;
                } else {
                    graph = f[1];
                    stamp = Long.parseUnsignedLong(f[2], 16);
                }
                lines.clear();
            } else {
                lines.add(line);
            }
        }
        if (graph != null) {
            out.put(graph, new Entry(graph, AggregateSummary.read(lines), stamp, 0));
        }
        return out;
    }
}
