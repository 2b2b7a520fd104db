package scot.cairn.versions;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDFS;
import scot.cairn.store.BulkQuads;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.Skos;
import scot.cairn.vocab.UriScheme;

/**
 * Builds an earlier version of a dataset into a store of its own, in one write transaction of
 * that store and one read transaction of the live store: the live data and metadata graphs are
 * copied (without the version records), the reverse patches from the current version back to the
 * wanted one are applied, and the labels of what the version points at but does not describe
 * (areas, statuses) are copied from the live store into {@link EarlierVersions#LABELS_GRAPH}.
 *
 * <p>Memory stays bounded whatever the version's size: quads stream from one store into the
 * other (the copy through the store's index threads), patches stream from their files, and only
 * the distinct URIs the version points at (areas, periods, codes: not its observations) are
 * held, to look their labels up. The deadline is checked every {@value #CHECK_EVERY} quads and
 * between the steps.
 */
final class VersionBuilder implements VersionCache.Builder {
    /** Quads between two checks of the deadline. */
    private static final int CHECK_EVERY = 4096;

    private static final Node LABEL = RDFS.label.asNode();
    private static final Node PREF_LABEL = Skos.prefLabel.asNode();

    private final TripleStore live;
    private final UriScheme uris;
    private final Function<String, Path> patchFolder;

    VersionBuilder(TripleStore live, UriScheme uris, Function<String, Path> patchFolder) {
        this.live = live;
        this.uris = uris;
        this.patchFolder = patchFolder;
    }

    @Override
    public void build(VersionCache.Key key, TripleStore into, Runnable checkpoint) {
        String slug = key.slug();
        int n = key.version();
        Node data = NodeFactory.createURI(uris.graph(slug));
        Node meta = NodeFactory.createURI(uris.metadataGraph(slug));
        live.read(src -> {
            List<VersionRecord> records = Records.read(src, uris, slug);
            if (records.stream().noneMatch(r -> r.number() == n)) {
                throw new IllegalArgumentException("Unknown version: " + n + " of " + uris.dataset(slug));
            }
            into.write(dsg -> {
                // the URIs the version points at, gathered on the way so that the version is read once
                Set<Node> objects = new HashSet<>();
                copy(src, into, dsg, slug, data, meta, objects, checkpoint);
                undo(records, n, slug, dsg, objects, checkpoint);
                checkpoint.run();
                addLabels(src, dsg, objects);
                checkpoint.run();
            });
            return null;
        });
    }

    /** The live graphs, version records left out, through the store's index threads when it has them. */
    private void copy(
            DatasetGraph src,
            TripleStore into,
            DatasetGraph dsg,
            String slug,
            Node data,
            Node meta,
            Set<Node> objects,
            Runnable checkpoint) {
        BulkQuads bulk = into.bulkQuads(dsg);
        try {
            long count = 0;
            for (Node g : List.of(data, meta)) {
                Iterator<Quad> it = src.find(g, Node.ANY, Node.ANY, Node.ANY);
                while (it.hasNext()) {
                    Quad q = it.next();
                    if (g == meta && Records.managed(uris, slug, q.asTriple())) {
                        continue;
                    }
                    bulk.add(q);
                    if (q.getObject().isURI()) {
                        objects.add(q.getObject());
                    }
                    if (++count % CHECK_EVERY == 0) {
                        checkpoint.run();
                    }
                }
            }
            checkpoint.run();
            bulk.finish();
        } catch (RuntimeException | Error e) {
            bulk.cancel();
            throw e;
        }
    }

    /** Applies the reverse patches from the current version back to version {@code n}. */
    private void undo(
            List<VersionRecord> records, int n, String slug, DatasetGraph dsg, Set<Node> objects, Runnable checkpoint) {
        long[] count = {0};
        Patches.Visitor apply = new Patches.Visitor() {
            @Override
            public void add(Node g, Node s, Node p, Node o) {
                dsg.add(g, s, p, o);
                if (o.isURI()) {
                    objects.add(o);
                }
                tick();
            }

            @Override
            public void delete(Node g, Node s, Node p, Node o) {
                dsg.delete(g, s, p, o);
                tick();
            }

            private void tick() {
                if (++count[0] % CHECK_EVERY == 0) {
                    checkpoint.run();
                }
            }
        };
        Path folder = patchFolder.apply(slug);
        for (int i = records.size() - 1; i > 0 && records.get(i).number() > n; i--) {
            Patches.read(
                    Patches.file(
                            folder, records.get(i).number(), records.get(i - 1).number()),
                    apply);
        }
    }

    /**
     * Labels of the URIs the version points at but does not describe, from anywhere in the live
     * store. {@code objects} may hold URIs a patch took away again; those are left out.
     */
    private static void addLabels(DatasetGraph src, DatasetGraph dsg, Set<Node> objects) {
        for (Node w : objects) {
            if (dsg.find(Node.ANY, w, Node.ANY, Node.ANY).hasNext()
                    || !dsg.find(Node.ANY, Node.ANY, Node.ANY, w).hasNext()) {
                continue;
            }
            for (Node p : List.of(LABEL, PREF_LABEL)) {
                src.find(Node.ANY, w, p, Node.ANY)
                        .forEachRemaining(q -> dsg.add(EarlierVersions.LABELS_GRAPH, w, p, q.getObject()));
            }
        }
    }
}
