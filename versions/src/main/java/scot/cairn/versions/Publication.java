package scot.cairn.versions;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.PublicationException;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.Skos;
import scot.cairn.vocab.UriScheme;

/**
 * One publication of a dataset as a new version, inside the store's write transaction: the new
 * content is compared with the current one and only the difference is written to the live graphs
 * (observations by {@link ObservationChanges}; the structure, code lists and metadata here), the
 * reverse change is recorded ({@link ReverseChange}), and the version record is written with the
 * retention setting applied ({@link Retention}). Everything commits together or not at all.
 */
final class Publication {
    private static final Node TYPE = RDF.type.asNode();
    private static final Node MODIFIED = Dcterms.modified.asNode();
    /** Types whose subjects in the data graph are the dataset's structure and code lists. */
    private static final Set<Node> STRUCTURE_TYPES = Set.of(
            QB.DataSet.asNode(),
            QB.DataStructureDefinition.asNode(),
            QB.ComponentSpecification.asNode(),
            Skos.ConceptScheme.asNode(),
            Skos.Collection.asNode(),
            Skos.Concept.asNode(),
            RDF.Property.asNode(),
            QB.DimensionProperty.asNode(),
            QB.MeasureProperty.asNode());

    /** Thrown inside the write transaction to abort it when nothing changed. */
    static final class Unchanged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final int version;

        Unchanged(int version) {
            super(null, null, false, false);
            this.version = version;
        }
    }

    private final TripleStore store;
    private final UriScheme uris;
    private final DatasetGraph dsg;
    private final String slug;
    private final Release release;
    private final Integer keepSetting;
    private final Path folder;
    private final Node data;
    private final Node meta;
    private final Node dataset;
    private ReverseChange change;
    private ObservationChanges observations;
    private final Set<Triple> otherNew = new HashSet<>();
    private final Set<Triple> metaNew = new HashSet<>();
    private long quads;

    Publication(
            TripleStore store,
            UriScheme uris,
            DatasetGraph dsg,
            String slug,
            Release release,
            Integer keepSetting,
            Path folder) {
        this.store = store;
        this.uris = uris;
        this.dsg = dsg;
        this.slug = slug;
        this.release = release;
        this.keepSetting = keepSetting;
        this.folder = folder;
        this.data = NodeFactory.createURI(uris.graph(slug));
        this.meta = NodeFactory.createURI(uris.metadataGraph(slug));
        this.dataset = NodeFactory.createURI(uris.dataset(slug));
    }

    /**
     * Writes the new content as a version; adds to {@code obsolete} the patch files to delete once
     * the transaction has committed.
     *
     * @throws Unchanged when the content is identical to the current version's
     */
    PublishOutcome run(GraphReplacement.Writer writer, List<Path> obsolete) throws Exception {
        Patches.sweepLeftovers(folder);
        List<VersionRecord> records = new ArrayList<>(Records.read(dsg, uris, slug));
        int keep = keepSetting != null ? keepSetting : Records.keep(dsg, uris, slug);
        VersionRecord prev = records.isEmpty() ? null : records.get(records.size() - 1);
        int next = prev == null ? 1 : prev.number() + 1;
        try (ReverseChange reverse = begin(prev, next)) {
            change = reverse;
            stream(writer);
            long removed = removeDroppedObservations(prev);
            boolean structureChanged = replaceStructure();
            checkTripleCount();
            boolean metadataChanged = replaceMetadata();
            if (prev != null
                    && observations.added() == 0
                    && removed == 0
                    && observations.changed() == 0
                    && !structureChanged
                    && !metadataChanged) {
                throw new Unchanged(prev.number());
            }
            VersionRecord record = new VersionRecord(
                    slug,
                    next,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS),
                    release.kind(),
                    release.note(),
                    reverse.checksum(),
                    observations.added() + observations.changed() + observations.unchanged(),
                    reverse.triples(),
                    observations.added(),
                    removed,
                    observations.changed(),
                    false);
            records.add(record);
            long patchBytes = prev == null ? 0 : reverse.commit(Patches.file(folder, next, prev.number()));
            Retention.Applied retained = Retention.apply(folder, records, keep);
            Records.rewrite(dsg, uris, slug, retained.kept(), keep);
            obsolete.addAll(Retention.unusedPatchFiles(folder, retained.kept()));
            return new PublishOutcome(slug, record, 0, quads, patchBytes, retained.pruned(), retained.keptCited());
        }
    }

    /**
     * A first version replaces whatever an unversioned publication left, and every observation is
     * new, so the store's bulk writer fills the indexes; a later one is compared with what is stored.
     */
    private ReverseChange begin(VersionRecord prev, int next) throws IOException {
        String prefix = uris.dataset(slug) + "/";
        if (prev == null) {
            store.drop(List.of(data, meta));
            ReverseChange reverse = ReverseChange.first();
            observations = ObservationChanges.first(data, prefix, reverse, store.bulkQuads(dsg));
            return reverse;
        }
        ReverseChange reverse = ReverseChange.after(prev, next, folder);
        observations = ObservationChanges.later(
                data, prefix, reverse, store.subjectChanges(dsg, data, uri -> uri.startsWith(prefix)));
        return reverse;
    }

    /** The new content, quad by quad: observations compared and written as they come, the rest kept for later. */
    private void stream(GraphReplacement.Writer writer) throws Exception {
        try {
            writer.writeTo(this::accept);
            observations.finish();
        } catch (Exception | Error e) {
            observations.cancel();
            throw e;
        }
    }

    private void accept(Quad q) {
        quads++;
        Node g = q.getGraph();
        Triple t = TripleStore.storedForm(q.asTriple()); // compared as the store gives it back
        if (g.equals(meta)) {
            if (!Records.managed(uris, slug, t)) {
                metaNew.add(t);
            }
        } else if (g.equals(data)) {
            if (observations.isObservation(t.getSubject())) {
                observations.accept(t);
            } else {
                otherNew.add(t);
            }
        } else {
            throw new PublicationException("quad outside the graphs being replaced: " + g);
        }
    }

    /** Removes the observations of the current version that the new content no longer has; returns how many. */
    private long removeDroppedObservations(VersionRecord prev) {
        long previous = prev == null ? 0 : prev.observations();
        if (previous - observations.changed() - observations.unchanged() <= 0) {
            return 0;
        }
        List<Node> gone = new ArrayList<>();
        dsg.find(data, Node.ANY, QB.dataSet.asNode(), dataset).forEachRemaining(q -> {
            Node s = q.getSubject();
            if (observations.isObservation(s) && !observations.seen(s)) {
                gone.add(s);
            }
        });
        for (Node s : gone) {
            for (Triple t : triplesOf(data, s)) {
                remove(data, t);
            }
        }
        return gone.size();
    }

    /** The structure, code lists and other non-observation triples of the data graph; true when they changed. */
    private boolean replaceStructure() {
        Set<Node> subjects = new HashSet<>();
        Set<Node> types = new HashSet<>(STRUCTURE_TYPES);
        for (Triple t : otherNew) {
            subjects.add(t.getSubject());
            if (t.getPredicate().equals(TYPE)) {
                types.add(t.getObject());
            }
        }
        for (Node type : types) {
            dsg.find(data, Node.ANY, TYPE, type).forEachRemaining(q -> {
                if (!observations.isObservation(q.getSubject())) {
                    subjects.add(q.getSubject());
                }
            });
        }
        boolean changedAny = false;
        for (Node s : subjects) {
            for (Triple t : triplesOf(data, s)) {
                if (!otherNew.contains(t)) {
                    remove(data, t);
                    changedAny = true;
                }
            }
        }
        for (Triple t : otherNew) {
            if (!dsg.contains(data, t.getSubject(), t.getPredicate(), t.getObject())) {
                add(data, t);
                changedAny = true;
            }
        }
        return changedAny;
    }

    /**
     * The data graph must now hold exactly the new content: when something the new content lacks
     * survived (an untyped subject), it is removed by a full scan; anything else is a bug.
     */
    private void checkTripleCount() {
        long distinctNew = observations.distinctTriples() + otherNew.size();
        if (change.triples() != distinctNew) {
            sweep();
        }
        if (change.triples() != distinctNew) {
            throw new PublicationException("internal error: the data graph of " + slug + " holds " + change.triples()
                    + " triples after the change, the new content " + distinctNew);
        }
    }

    /** Removes every data triple of a subject that the new content does not have at all. */
    private void sweep() {
        Set<Node> newSubjects = new HashSet<>();
        otherNew.forEach(t -> newSubjects.add(t.getSubject()));
        List<Triple> stale = new ArrayList<>();
        dsg.find(data, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
            Node s = q.getSubject();
            boolean known = observations.isObservation(s) ? observations.seen(s) : newSubjects.contains(s);
            if (!known) {
                stale.add(q.asTriple());
            }
        });
        stale.forEach(t -> remove(data, t));
    }

    /** Brings the metadata graph to the new content (managed triples aside); true when it changed beyond its modified date. */
    private boolean replaceMetadata() {
        Set<Triple> before = new HashSet<>();
        dsg.find(meta, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
            if (!Records.managed(uris, slug, q.asTriple())) {
                before.add(q.asTriple());
            }
        });
        List<Triple> toRemove =
                before.stream().filter(t -> !metaNew.contains(t)).toList();
        List<Triple> toAdd = metaNew.stream().filter(t -> !before.contains(t)).toList();
        boolean changedAny = toRemove.stream().anyMatch(t -> !t.getPredicate().equals(MODIFIED))
                || toAdd.stream().anyMatch(t -> !t.getPredicate().equals(MODIFIED));
        if (changedAny) {
            toRemove.forEach(t -> {
                dsg.delete(meta, t.getSubject(), t.getPredicate(), t.getObject());
                change.removedMetadata(meta, t);
            });
            toAdd.forEach(t -> {
                dsg.add(meta, t.getSubject(), t.getPredicate(), t.getObject());
                change.addedMetadata(meta, t);
            });
        }
        return changedAny;
    }

    private List<Triple> triplesOf(Node g, Node s) {
        List<Triple> out = new ArrayList<>();
        dsg.find(g, s, Node.ANY, Node.ANY).forEachRemaining(q -> out.add(q.asTriple()));
        return out;
    }

    private void add(Node g, Triple t) {
        dsg.add(g, t.getSubject(), t.getPredicate(), t.getObject());
        change.added(g, t);
    }

    private void remove(Node g, Triple t) {
        dsg.delete(g, t.getSubject(), t.getPredicate(), t.getObject());
        change.removed(g, t);
    }
}
