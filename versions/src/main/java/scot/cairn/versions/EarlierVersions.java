package scot.cairn.versions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * Reading any version of a dataset: the current one from the live store, nothing built; an
 * earlier one built once into a store of its own ({@link VersionBuilder}) and shared
 * ({@link VersionCache}), within the {@link VersionLimits}: a request for more than the budget is
 * refused before anything is built.
 */
final class EarlierVersions implements AutoCloseable {
    /** Graph holding labels copied from the live store into a built version (area names, statuses). */
    static final Node LABELS_GRAPH = NodeFactory.createURI("urn:x-cairn:version-labels");

    private final TripleStore store;
    private final UriScheme uris;
    private final VersionCache built;

    /** @param builtDir where built versions go, emptied now */
    EarlierVersions(
            TripleStore store,
            UriScheme uris,
            Function<String, Path> patchFolders,
            Path builtDir,
            VersionLimits limits) {
        this.store = store;
        this.uris = uris;
        this.built = new VersionCache(
                builtDir,
                limits.cacheTriples(),
                limits.maxBuilds(),
                limits.queueTimeout(),
                limits.buildTimeout(),
                store.tuning(),
                new VersionBuilder(store, uris, patchFolders));
    }

    /** The dataset's versions, oldest first; empty when it has none (or does not exist). */
    List<VersionRecord> history(String slug) {
        return store.read(dsg -> Records.read(dsg, uris, slug));
    }

    /** Earlier versions built since this was created (each at most once at a time). */
    long builds() {
        return built.builds();
    }

    /**
     * Runs {@code action} in a read transaction over version {@code n} of a dataset: a dataset
     * with its data and metadata graphs under the live graph names. The current version is the
     * live store itself (whose metadata graph also holds the version records); an earlier one is
     * built once and kept, with {@link #LABELS_GRAPH} holding the labels of the areas and codes it
     * points at.
     *
     * @throws IllegalArgumentException {@code Unknown version: ...} when the dataset has no such version
     * @throws VersionRefusal           when the version is over the budget, or no slot, room or time is left
     */
    <T> T read(String slug, int n, Deadline deadline, Function<DatasetGraph, T> action) {
        List<VersionRecord> history = history(slug);
        VersionRecord wanted = history.get(Records.indexOf(history, uris, slug, n));
        if (wanted == history.get(history.size() - 1)) {
            List<T> result = new ArrayList<>(1);
            boolean current = store.read(dsg -> {
                List<VersionRecord> now = Records.read(dsg, uris, slug);
                if (now.isEmpty() || now.get(now.size() - 1).number() != n) {
                    return false; // a newer version was published meanwhile: n is now an earlier one
                }
                result.add(action.apply(dsg));
                return true;
            });
            if (current) {
                return result.get(0);
            }
        }
        checkBudget(slug, List.of(wanted), history.get(history.size() - 1).number());
        try (VersionCache.Lease lease = built.acquire(key(wanted), wanted.triples(), deadline)) {
            return lease.store().read(action);
        }
    }

    /**
     * Runs {@code action} over some versions of a dataset as one dataset graph: each version's
     * data graph named {@code {graph}/version/{n}} and its metadata graph
     * {@code {graph}/version/{n}/metadata}, each read through a {@link DeadlineGraph}. The earlier
     * versions among them are refused up front when over the budget, then built or found built,
     * and only then is everything read, in read transactions.
     *
     * @param wanted versions of the dataset (records from {@link #history})
     * @throws VersionRefusal as {@link #read}; also busy when a new version is published meanwhile
     */
    <T> T query(String slug, List<VersionRecord> wanted, Deadline deadline, Function<DatasetGraph, T> action) {
        List<VersionRecord> history = history(slug);
        if (history.isEmpty()) {
            throw new IllegalArgumentException("No versions of " + uris.dataset(slug));
        }
        int current = history.get(history.size() - 1).number();
        List<VersionRecord> earlier =
                wanted.stream().filter(r -> r.number() != current).toList();
        checkBudget(slug, earlier, current);
        Map<Integer, VersionCache.Lease> leases = new HashMap<>();
        try {
            for (VersionRecord r : earlier) {
                leases.put(r.number(), built.acquire(key(r), r.triples(), deadline));
            }
            boolean withCurrent = earlier.size() < wanted.size();
            return store.read(live -> {
                List<VersionRecord> now = Records.read(live, uris, slug);
                if (withCurrent && (now.isEmpty() || now.get(now.size() - 1).number() != current)) {
                    throw VersionRefusal.busy(
                            "A new version of " + slug + " was published while this request was being answered; "
                                    + "try again",
                            1);
                }
                List<VersionCache.Lease> held = new ArrayList<>(leases.values());
                return inReads(held, 0, () -> action.apply(assemble(slug, wanted, current, live, leases, deadline)));
            });
        } finally {
            leases.values().forEach(VersionCache.Lease::close);
        }
    }

    private static <T> T inReads(List<VersionCache.Lease> leases, int i, Supplier<T> body) {
        return i == leases.size() ? body.get() : leases.get(i).store().read(d -> inReads(leases, i + 1, body));
    }

    private DatasetGraph assemble(
            String slug,
            List<VersionRecord> wanted,
            int current,
            DatasetGraph live,
            Map<Integer, VersionCache.Lease> leases,
            Deadline deadline) {
        Node data = NodeFactory.createURI(uris.graph(slug));
        Node meta = NodeFactory.createURI(uris.metadataGraph(slug));
        DatasetGraph all = DatasetGraphFactory.createGeneral();
        for (VersionRecord r : wanted) {
            boolean isCurrent = r.number() == current;
            DatasetGraph source =
                    isCurrent ? live : leases.get(r.number()).store().datasetGraph();
            String g = uris.graph(slug) + "/version/" + r.number();
            all.addGraph(NodeFactory.createURI(g), new DeadlineGraph(source.getGraph(data), deadline, null));
            all.addGraph(
                    NodeFactory.createURI(g + "/metadata"),
                    new DeadlineGraph(
                            source.getGraph(meta), deadline, isCurrent ? t -> !Records.managed(uris, slug, t) : null));
        }
        return all;
    }

    /**
     * Refuses, before anything is built, earlier versions that one request may not have built:
     * more triples than the budget, or more versions than the cache keeps.
     */
    private void checkBudget(String slug, List<VersionRecord> earlier, int current) {
        long triples = earlier.stream().mapToLong(r -> Math.max(1, r.triples())).sum();
        long budget = built.budget();
        if (earlier.size() == 1 && triples > budget) {
            int n = earlier.get(0).number();
            throw VersionRefusal.tooLarge(String.format(
                    Locale.ROOT,
                    "Version %d of %s holds %,d triples; this server builds at most "
                            + "%,d triples of an earlier version (cairn.versions.cache-triples). The current version, %d, is served without "
                            + "building (/data/%s/version/%d/data.nt); for version %d, ask the publisher, who can raise that limit or export it "
                            + "(cairn versions export %s %d).",
                    n,
                    slug,
                    triples,
                    budget,
                    current,
                    slug,
                    current,
                    n,
                    slug,
                    n));
        }
        if (triples > budget || earlier.size() > VersionCache.MAX_ENTRIES) {
            String numbers = String.join(
                    ", ",
                    earlier.stream().map(r -> Integer.toString(r.number())).toList());
            throw VersionRefusal.tooLarge(String.format(
                    Locale.ROOT,
                    "Versions %s of %s hold %,d triples together; this server builds "
                            + "at most %,d triples (and %d versions) of earlier versions for one request (cairn.versions.cache-triples). "
                            + "Ask for fewer versions with &version=N (repeatable; the current version, %d, needs no building), or download "
                            + "one version at a time from /data/%s/version/N/data.nt.",
                    numbers,
                    slug,
                    triples,
                    budget,
                    VersionCache.MAX_ENTRIES,
                    current,
                    slug));
        }
    }

    private static VersionCache.Key key(VersionRecord r) {
        return new VersionCache.Key(r.slug(), r.number(), r.checksum());
    }

    /** Drops the dataset's built versions (after a publication or deletion). */
    void invalidate(String slug) {
        built.invalidate(slug);
    }

    /** Stops building, closes and deletes the built versions. */
    @Override
    public void close() {
        built.close();
    }
}
