package scot.cairn.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many quads each named graph holds, and a stamp that changes with every write that may have
 * changed the graph: what VoID and every per-dataset summary key on, so that a publication
 * recomputes only the summaries of the graphs it wrote and a restart recomputes none.
 *
 * <p>Kept by {@link TripleStore}: the graphs a write transaction touches are counted inside it,
 * just before it commits (by the store's backend: on TDB2 from the quad index as node ids, no
 * term decoded; {@link Backend#countQuads}), and the
 * figures are persisted in {@value #FILE} beside the database after the commit. Crash safety: the
 * names of the graphs about to change go to {@value #PENDING} (forced to disk) before the commit;
 * a store opened with that file present recounts those graphs and gives them new stamps, whether
 * or not the commit happened. A store opened without {@value #FILE} (one written before these
 * figures existed), or with a damaged one, counts every graph once. Writes made to the folder by other tools than Cairn
 * are not seen.
 *
 * <p>Readers get an immutable snapshot; the writers are the store's one write transaction at a time.
 */
final class GraphStatistics {
    private static final Logger LOG = LoggerFactory.getLogger(GraphStatistics.class);

    static final String FILE = "cairn-graphs.tsv";
    static final String PENDING = "cairn-graphs.pending";

    /** One named graph's figures. */
    record Graph(String uri, long quads, long stamp) {
        Graph {
            if (uri == null || uri.isBlank() || uri.indexOf('\t') >= 0 || uri.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("not a graph name: " + uri);
            }
            if (quads < 0) {
                throw new IllegalArgumentException("quads must not be negative: " + quads);
            }
        }
    }

    private static final SecureRandom STAMPS = new SecureRandom();

    /** The folder of the database, or null for a store in memory. */
    private final Path folder;
    /** Counts one graph's quads in the calling thread's transaction; null for a store that keeps no figures ({@link #none}). */
    private final ToLongFunction<Node> counter;

    private volatile Map<String, Graph> graphs = Map.of();

    private GraphStatistics(Path folder, ToLongFunction<Node> counter) {
        this.folder = folder;
        this.counter = counter;
    }

    /**
     * Figures of a store in memory: nothing persisted, every graph counted when written.
     *
     * @param counter counts one graph's quads in the calling thread's transaction
     */
    static GraphStatistics inMemory(ToLongFunction<Node> counter) {
        return new GraphStatistics(null, java.util.Objects.requireNonNull(counter, "counter must not be null"));
    }

    /**
     * No figures at all: every graph reads as empty with stamp 0 and writes count nothing. For
     * stores built once and then only read (earlier versions of a dataset), where counting every
     * quad written would only slow the build.
     */
    static GraphStatistics none() {
        return new GraphStatistics(null, null);
    }

    /**
     * Reads the figures persisted in {@code folder}, recounting the graphs a write may have
     * changed without its figures reaching the file (and every graph when there is no file).
     *
     * @param counter counts one graph's quads in the calling thread's transaction
     */
    static GraphStatistics open(Path folder, DatasetGraph dsg, ToLongFunction<Node> counter) {
        GraphStatistics s =
                new GraphStatistics(folder, java.util.Objects.requireNonNull(counter, "counter must not be null"));
        Path file = folder.resolve(FILE);
        Path pending = folder.resolve(PENDING);
        try {
            Map<String, Graph> read = null;
            if (Files.exists(file)) {
                try {
                    read = read(file);
                } catch (IOException e) {
                    LOG.warn("{} is damaged ({}): every graph is counted again", file, e.getMessage());
                }
            }
            Set<String> recount = new TreeSet<>();
            if (read == null) {
                read = new HashMap<>();
                recount.addAll(Txn.calculateRead(dsg, () -> graphNames(dsg)));
            } else if (Files.exists(pending)) {
                recount.addAll(Files.readAllLines(pending, StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.isBlank())
                        .toList());
            }
            if (!recount.isEmpty()) {
                long t = System.nanoTime();
                Map<String, Long> counts = Txn.calculateRead(dsg, () -> s.count(recount));
                for (Map.Entry<String, Long> e : counts.entrySet()) {
                    put(read, e.getKey(), e.getValue());
                }
                LOG.info(
                        "Counted the quads of {} graph(s) in {} ms",
                        recount.size(),
                        (System.nanoTime() - t) / 1_000_000);
            }
            s.graphs = Collections.unmodifiableMap(read);
            if (!recount.isEmpty()) {
                s.save();
            }
            Files.deleteIfExists(pending);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the graph statistics in " + folder + ": " + e.getMessage(), e);
        }
        return s;
    }

    private static void put(Map<String, Graph> graphs, String uri, long quads) {
        if (quads == 0) {
            graphs.remove(uri);
        } else {
            graphs.put(uri, new Graph(uri, quads, newStamp()));
        }
    }

    private static long newStamp() {
        long s;
        do {
            s = STAMPS.nextLong();
        } while (s == 0);
        return s;
    }

    /** Every named graph that holds quads, by name. */
    Map<String, Graph> graphs() {
        return graphs;
    }

    /** The graph's figures; an empty or unknown graph has 0 quads and stamp 0. */
    Graph graph(String uri) {
        Graph g = graphs.get(uri);
        return g != null ? g : new Graph(uri, 0, 0);
    }

    /**
     * Inside a write transaction, before it commits: counts the graphs it may have changed and
     * notes their names on disk. Returns the counts to hand to {@link #committed}.
     *
     * @param touched the graphs written, or null when any graph may have been
     */
    Map<String, Long> beforeCommit(DatasetGraph dsg, Collection<String> touched) {
        if (counter == null) {
            return Map.of();
        }
        Set<String> names = new TreeSet<>();
        if (touched == null) {
            names.addAll(graphs.keySet());
            names.addAll(graphNames(dsg));
        } else {
            names.addAll(touched);
        }
        if (folder != null && !names.isEmpty()) {
            writeForced(folder.resolve(PENDING), String.join("\n", names) + "\n");
        }
        return count(names);
    }

    /** After the commit: the new figures, persisted; the graphs whose figures were given change stamp. */
    void committed(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        Map<String, Graph> next = new HashMap<>(graphs);
        counts.forEach((uri, quads) -> put(next, uri, quads));
        graphs = Collections.unmodifiableMap(next);
        if (folder != null) {
            save();
            try {
                Files.deleteIfExists(folder.resolve(PENDING));
            } catch (IOException e) {
                LOG.warn("cannot delete {}: the next start recounts its graphs", folder.resolve(PENDING), e);
            }
        }
    }

    /** After an abort: nothing changed. */
    void aborted() {
        if (folder != null) {
            try {
                Files.deleteIfExists(folder.resolve(PENDING));
            } catch (IOException e) {
                LOG.warn("cannot delete {}: the next start recounts its graphs", folder.resolve(PENDING), e);
            }
        }
    }

    /** The names of the named graphs holding quads, in the calling thread's transaction. */
    private static Set<String> graphNames(DatasetGraph dsg) {
        Set<String> out = new TreeSet<>();
        dsg.listGraphNodes().forEachRemaining(n -> {
            if (n.isURI()) {
                out.add(n.getURI());
            }
        });
        return out;
    }

    /** The quads of each graph, in the calling thread's transaction. */
    private Map<String, Long> count(Collection<String> names) {
        Map<String, Long> out = new TreeMap<>();
        for (String name : names) {
            out.put(name, counter.applyAsLong(NodeFactory.createURI(name)));
        }
        return out;
    }

    private void save() {
        StringBuilder text = new StringBuilder(
                "# quads\tstamp\tgraph: written by Cairn after every publication (GraphStatistics)\n");
        new TreeMap<>(graphs)
                .values()
                .forEach(g -> text.append(g.quads())
                        .append('\t')
                        .append(Long.toHexString(g.stamp()))
                        .append('\t')
                        .append(g.uri())
                        .append('\n'));
        Path file = folder.resolve(FILE);
        Path tmp = folder.resolve(FILE + ".tmp");
        writeForced(tmp, text.toString());
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Graph> read(Path file) throws IOException {
        Map<String, Graph> out = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 3);
            if (f.length != 3) {
                throw new IOException("not a line of graph figures: " + line);
            }
            try {
                out.put(f[2], new Graph(f[2], Long.parseLong(f[0]), Long.parseUnsignedLong(f[1], 16)));
            } catch (IllegalArgumentException e) {
                throw new IOException("not a line of graph figures: " + line, e);
            }
        }
        return out;
    }

    private static void writeForced(Path file, String text) {
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
