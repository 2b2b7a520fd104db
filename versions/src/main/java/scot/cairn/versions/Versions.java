package scot.cairn.versions;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdfpatch.RDFChanges;
import org.apache.jena.rdfpatch.changes.RDFChangesNoOp;
import org.apache.jena.rdfpatch.text.RDFChangesWriterText;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import scot.cairn.formats.Formulas;
import scot.cairn.store.BulkQuads;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.PublicationException;
import scot.cairn.store.PublishTarget;
import scot.cairn.store.SubjectChanges;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.Skos;
import scot.cairn.vocab.Slugs;
import scot.cairn.vocab.UriScheme;

/**
 * Dataset versions over one store: every publication through {@link #publisher} is a release,
 * earlier versions are built on demand, and any two versions can be compared.
 *
 * <p>The current version is the dataset's live graphs, untouched in shape, so every URI and
 * query keeps showing the current figures. A publication compares the new content with the
 * current one observation by observation, writes only the difference to the live graphs, and
 * stores the reverse change (new to previous) as an RDF Patch in {@code <versions dir>/<slug>/};
 * the version record is written to the metadata graph in the same write transaction, so a failed
 * or killed publication leaves neither a version nor a change. Storage grows with what changed.
 *
 * <p>Reading a version: the current one is read from the live store, nothing built; an earlier
 * one is built once into a store on disk under {@code <versions dir>/.built/} and shared
 * ({@link VersionCache}), within the {@link VersionLimits}.
 *
 * <p>Thread-safe: writes are serialised by the store; readers read versions from one read
 * transaction and the patch files, which are never rewritten in place. {@link #close} when done.
 */
public final class Versions implements AutoCloseable {
    static {
        org.apache.jena.sys.JenaSystem.init();
    }

    /** Graph holding labels copied from the live store into a built version (area names, statuses). */
    static final Node LABELS_GRAPH = NodeFactory.createURI("urn:x-cairn:version-labels");

    private static final Logger LOG = LoggerFactory.getLogger(Versions.class);
    private static final Node TYPE = RDF.type.asNode();
    private static final Node MODIFIED = Dcterms.modified.asNode();

    private final TripleStore store;
    private final UriScheme uris;
    private final Path dir;
    private final VersionLimits limits;
    private final VersionCache built;

    /**
     * @param store        the live store
     * @param uris         the URI scheme datasets were published with
     * @param versionsDir  folder of the reverse patches (created when absent), normally {@code <data dir>/versions};
     *                     built versions go to its subfolder {@code .built}, emptied now
     * @param limits       what serving earlier versions may cost
     */
    public Versions(TripleStore store, UriScheme uris, Path versionsDir, VersionLimits limits) {
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.uris = Objects.requireNonNull(uris, "uris must not be null");
        this.dir = Objects.requireNonNull(versionsDir, "versionsDir must not be null");
        this.limits = Objects.requireNonNull(limits, "limits must not be null");
        this.built = new VersionCache(dir.resolve(".built"), limits.cacheTriples(), limits.maxBuilds(), limits.queueTimeout(),
                limits.buildTimeout(), store.tuning(), new VersionBuilder(store, uris, this::datasetDir));
        sweepAllLeftovers();
    }

    /** Patches being written have this suffix until they are moved into place. */
    static final String TEMP_SUFFIX = ".rdfp.tmp";

    /**
     * Deletes the half-written patches a killed publication left in every dataset's folder. Run
     * before any publication can start: no patch is being written now.
     */
    private void sweepAllLeftovers() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        int swept = 0;
        try (var folders = Files.list(dir)) {
            for (Path folder : (Iterable<Path>) folders.filter(Files::isDirectory)
                    .filter(f -> !f.getFileName().toString().startsWith("."))::iterator) {
                swept += sweepLeftovers(folder);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not look for leftover patches in {}: {}", dir, e.getMessage());
        }
        if (swept > 0) {
            LOG.info("Removed {} half-written patch file(s) left by an interrupted publication in {}", swept, dir);
        }
    }

    /**
     * Deletes the half-written patches ({@value #TEMP_SUFFIX}) in one dataset's folder. Called
     * inside the store's write transaction (or before any can start), so none belongs to a live
     * publication: writes are serialised and the store has one process.
     */
    static int sweepLeftovers(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        List<Path> leftovers;
        try (var s = Files.list(folder)) {
            leftovers = s.filter(p -> p.getFileName().toString().endsWith(TEMP_SUFFIX)).toList();
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not look for leftover patches in {}: {}", folder, e.getMessage());
            return 0;
        }
        leftovers.forEach(Versions::deleteQuietly);
        return leftovers.size();
    }

    /**
     * As {@link #Versions(TripleStore, UriScheme, Path, VersionLimits)} with the default limits
     * and another budget: earlier versions built at once hold at most {@code cacheTriples} triples.
     */
    public Versions(TripleStore store, UriScheme uris, Path versionsDir, long cacheTriples) {
        this(store, uris, versionsDir, VersionLimits.defaults().withCacheTriples(cacheTriples));
    }

    public TripleStore store() {
        return store;
    }

    public UriScheme uris() {
        return uris;
    }

    Path datasetDir(String slug) {
        return dir.resolve(slug);
    }

    // ---------------------------------------------------------------- publishing

    /**
     * A publication target that versions every dataset replaced through it: give it to
     * {@code CubeLoader.load}. It does not own the store ({@link PublishTarget#close} does nothing).
     *
     * @param keepVersions when not null, the dataset's retention setting from now on (0: keep all)
     */
    public VersionedTarget publisher(Release release, Integer keepVersions) {
        return new VersionedTarget(this, release, keepVersions);
    }

    /** A {@link PublishTarget} that turns each replacement of a dataset's two graphs into a release. */
    public static final class VersionedTarget implements PublishTarget {
        private final Versions versions;
        private final Release release;
        private final Integer keep;
        private PublishOutcome last;

        private VersionedTarget(Versions versions, Release release, Integer keep) {
            this.versions = versions;
            this.release = Objects.requireNonNull(release, "release must not be null");
            if (keep != null && keep < 0) {
                throw new IllegalArgumentException("the number of versions to keep must not be negative");
            }
            this.keep = keep;
        }

        @Override
        public long replaceGraphs(GraphReplacement replacement) {
            String slug = versions.slugOf(replacement.graphs());
            last = versions.publish(slug, replacement.writer(), release, keep);
            return last.quads();
        }

        /** The outcome of the last publication through this target, or null. */
        public PublishOutcome lastOutcome() {
            return last;
        }

        @Override
        public void dropGraphs(Collection<String> graphs) {
            versions.store.dropGraphs(graphs);
        }

        @Override
        public String describe() {
            return versions.store.describe();
        }

        @Override
        public void close() {
            // the store belongs to the caller
        }
    }

    private String slugOf(List<String> graphs) {
        if (graphs.size() == 2) {
            String g = graphs.get(0);
            String prefix = uris.base() + "graph/";
            if (g.startsWith(prefix)) {
                String slug = g.substring(prefix.length());
                if (Slugs.isSlug(slug) && graphs.get(1).equals(uris.metadataGraph(slug))) {
                    return slug;
                }
            }
        }
        throw new PublicationException("a versioned publication replaces a dataset's data and metadata graphs, not " + graphs);
    }

    /** Thrown inside the write transaction to abort it when nothing changed. */
    private static final class Unchanged extends RuntimeException {
        final int version;

        Unchanged(int version) {
            super(null, null, false, false);
            this.version = version;
        }
    }

    /**
     * Publishes new content for a dataset as a new version (see the class comment).
     *
     * @throws PublicationException when the writer or the store fails; nothing changed
     */
    public PublishOutcome publish(String slug, GraphReplacement.Writer writer, Release release, Integer keepVersions) {
        Path folder = datasetDir(slug);
        Path[] temp = {null};
        PublishOutcome[] outcome = {null};
        List<Path> obsolete = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            store.write(dsg -> {
                Publication p = new Publication(dsg, slug, release, keepVersions, folder);
                try {
                    outcome[0] = p.run(writer, temp, obsolete);
                } catch (Unchanged | PublicationException e) {
                    throw e;
                } catch (Exception e) {
                    throw new PublicationException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
                }
            });
        } catch (Unchanged u) {
            return new PublishOutcome(slug, null, u.version, 0, 0, List.of(), List.of());
        } catch (IOException e) {
            throw new PublicationException("cannot write the versions folder " + folder + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp[0]);
        }
        obsolete.forEach(Versions::deleteQuietly);
        invalidate(slug);
        return outcome[0];
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover file is ignored by every reader
            }
        }
    }

    /** One publication inside the store's write transaction. */
    private final class Publication {
        final DatasetGraph dsg;
        final String slug;
        final Release release;
        final Integer keepSetting;
        final Path folder;
        final Node data;
        final Node meta;
        final Node dataset;
        final String obsPrefix;

        ContentChecksum sum;
        long triples;
        long distinctNew;
        long added;
        long changed;
        long unchanged;
        long quads;
        final LongSet seen = new LongSet();
        RDFChanges patch = new RDFChangesNoOp();
        /** While the observations of a first version are written: the store's bulk writer, else null. */
        BulkQuads bulk;
        /** While the observations of a later version are compared and written, else null. */
        SubjectChanges changes;
        Node current;
        final List<Triple> currentNew = new ArrayList<>();
        final Set<Triple> otherNew = new HashSet<>();
        final Set<Triple> metaNew = new HashSet<>();

        Publication(DatasetGraph dsg, String slug, Release release, Integer keepSetting, Path folder) {
            this.dsg = dsg;
            this.slug = slug;
            this.release = release;
            this.keepSetting = keepSetting;
            this.folder = folder;
            this.data = NodeFactory.createURI(uris.graph(slug));
            this.meta = NodeFactory.createURI(uris.metadataGraph(slug));
            this.dataset = NodeFactory.createURI(uris.dataset(slug));
            this.obsPrefix = uris.dataset(slug) + "/";
        }

        PublishOutcome run(GraphReplacement.Writer writer, Path[] temp, List<Path> obsolete) throws Exception {
            sweepLeftovers(folder);
            List<VersionRecord> records = new ArrayList<>(Records.read(dsg, uris, slug));
            int keep = keepSetting != null ? keepSetting : Records.keep(dsg, uris, slug);
            VersionRecord prev = records.isEmpty() ? null : records.get(records.size() - 1);
            int next = prev == null ? 1 : prev.number() + 1;
            OutputStream patchOut = null;
            RDFChangesWriterText patchWriter = null;
            long prevObservations;
            if (prev == null) {
                // The first recorded version: whatever an unversioned publication left is replaced whole,
                // and every observation is new, so the indexes are filled by their own threads.
                store.drop(List.of(data, meta));
                bulk = store.bulkQuads(dsg);
                sum = new ContentChecksum();
                triples = 0;
                prevObservations = 0;
            } else {
                sum = ContentChecksum.parse(prev.checksum());
                triples = prev.triples();
                prevObservations = prev.observations();
                // Each current observation's digest, so unchanged ones cost no store read, and the
                // changes written by the indexes' own threads.
                changes = store.subjectChanges(dsg, data, uri -> uri.startsWith(obsPrefix));
                temp[0] = Files.createTempFile(folder, "." + next + "-" + prev.number() + "-", TEMP_SUFFIX);
                patchOut = new BufferedOutputStream(Files.newOutputStream(temp[0]), 1 << 16);
                patchWriter = RDFChangesWriterText.create(patchOut);
                patchWriter.start();
                patch = patchWriter;
            }
            try {
                try {
                    writer.writeTo(this::accept);
                    flush();
                    if (bulk != null) {
                        bulk.finish();
                    }
                    if (changes != null) {
                        changes.finish();
                    }
                } catch (Exception | Error e) {
                    if (bulk != null) {
                        bulk.cancel();
                    }
                    if (changes != null) {
                        changes.cancel();
                    }
                    throw e;
                } finally {
                    bulk = null;
                    changes = null;
                }

                // Observations of the current version that the new content no longer has.
                long removed = 0;
                if (prevObservations - changed - unchanged > 0) {
                    List<Node> gone = new ArrayList<>();
                    dsg.find(data, Node.ANY, QB.dataSet.asNode(), dataset).forEachRemaining(q -> {
                        Node s = q.getSubject();
                        if (isObservation(s) && !seen.contains(LongSet.hash(s.getURI()))) {
                            gone.add(s);
                        }
                    });
                    for (Node s : gone) {
                        for (Triple t : triplesOf(data, s)) {
                            remove(data, t);
                        }
                    }
                    removed = gone.size();
                }
                boolean structureChanged = replaceOthers();
                if (triples != distinctNew) {
                    // Something the new content lacks survived (an untyped subject): remove it by a full scan.
                    sweep();
                }
                if (triples != distinctNew) {
                    throw new PublicationException("internal error: the data graph of " + slug + " holds " + triples
                            + " triples after the change, the new content " + distinctNew);
                }
                boolean metadataChanged = replaceMetadata();
                if (prev != null && added == 0 && removed == 0 && changed == 0 && !structureChanged && !metadataChanged) {
                    throw new Unchanged(prev.number());
                }
                VersionRecord record = new VersionRecord(slug, next, Instant.now().truncatedTo(ChronoUnit.SECONDS), release.kind(),
                        release.note(), sum.value(), added + changed + unchanged, triples, added, removed, changed, false);
                records.add(record);
                long patchBytes = 0;
                if (patchWriter != null) {
                    patchWriter.finish();
                    patchWriter.close();
                    patchOut.close();
                    patchOut = null;
                    try (FileChannel ch = FileChannel.open(temp[0], StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                    Path target = Patches.file(folder, next, prev.number());
                    Files.move(temp[0], target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    temp[0] = null;
                    patchBytes = Files.size(target);
                }
                List<Integer> pruned = new ArrayList<>();
                List<Integer> keptCited = new ArrayList<>();
                List<VersionRecord> kept = new ArrayList<>(records);
                for (int number : retain(records, keep, keptCited)) {
                    int i = kept.indexOf(kept.stream().filter(r -> r.number() == number).findFirst().orElseThrow());
                    mergeAway(folder, kept, i);
                    pruned.add(number);
                }
                Records.rewrite(dsg, uris, slug, kept, keep);
                obsolete.addAll(unusedPatchFiles(folder, kept));
                return new PublishOutcome(slug, record, 0, quads, patchBytes, pruned, keptCited);
            } finally {
                if (patchOut != null) {
                    try {
                        patchOut.close();
                    } catch (IOException ignored) {
                        // the temporary file is deleted by the caller
                    }
                }
            }
        }

        private boolean isObservation(Node s) {
            return s.isURI() && s.getURI().startsWith(obsPrefix);
        }

        void accept(Quad q) {
            quads++;
            Node g = q.getGraph();
            Triple t = canonical(q.asTriple());
            if (g.equals(meta)) {
                if (!Records.managed(uris, slug, t)) {
                    metaNew.add(t);
                }
            } else if (g.equals(data)) {
                Node s = t.getSubject();
                if (isObservation(s)) {
                    if (!s.equals(current)) {
                        flush();
                        if (!seen.add(LongSet.hash(s.getURI()))) {
                            throw new PublicationException("the triples of observation " + s.getURI()
                                    + " were not written together; a versioned publication needs each observation in one run");
                        }
                        current = s;
                    }
                    currentNew.add(t);
                } else {
                    otherNew.add(t);
                }
            } else {
                throw new PublicationException("quad outside the graphs being replaced: " + g);
            }
        }

        /** Compares the observation just read with its current triples and writes the difference. */
        void flush() {
            if (current == null) {
                return;
            }
            Set<Triple> now = new HashSet<>(currentNew);
            distinctNew += now.size();
            if (changes != null) {
                flushCompared(now);
                return;
            }
            // In a first version the data graph was just emptied: nothing to compare with.
            List<Triple> old = bulk != null ? List.of() : triplesOf(data, current);
            if (old.isEmpty()) {
                added++;
                now.forEach(t -> add(data, t));
            } else if (old.size() != now.size() || !now.containsAll(old)) {
                changed++;
                Set<Triple> before = new HashSet<>(old);
                for (Triple t : old) {
                    if (!now.contains(t)) {
                        remove(data, t);
                    }
                }
                for (Triple t : now) {
                    if (!before.contains(t)) {
                        add(data, t);
                    }
                }
            } else {
                unchanged++;
            }
            current = null;
            currentNew.clear();
        }

        /** {@link #flush} through {@link #changes}: unchanged observations are told by their digest alone. */
        private void flushCompared(Set<Triple> now) {
            SubjectChanges.Stored stored = changes.compare(current, now);
            if (stored == null) {
                unchanged++;
            } else if (stored.triples().isEmpty()) {
                added++;
                for (Triple t : now) {
                    stored.add(t);
                    added(data, t);
                }
            } else {
                Set<Triple> before = new HashSet<>(stored.triples());
                boolean any = false;
                for (Triple t : before) {
                    if (!now.contains(t)) {
                        stored.delete(t);
                        removed(data, t);
                        any = true;
                    }
                }
                for (Triple t : now) {
                    if (!before.contains(t)) {
                        stored.add(t);
                        added(data, t);
                        any = true;
                    }
                }
                if (any) {
                    changed++;
                } else {
                    unchanged++;
                }
            }
            current = null;
            currentNew.clear();
        }

        /** The structure, code lists and other non-observation triples of the data graph; true when they changed. */
        boolean replaceOthers() {
            distinctNew += otherNew.size();
            Set<Node> subjects = new HashSet<>();
            Set<Node> types = new HashSet<>(List.of(QB.DataSet.asNode(), QB.DataStructureDefinition.asNode(),
                    QB.ComponentSpecification.asNode(), Skos.ConceptScheme.asNode(), Skos.Collection.asNode(), Skos.Concept.asNode(),
                    RDF.Property.asNode(), QB.DimensionProperty.asNode(), QB.MeasureProperty.asNode()));
            for (Triple t : otherNew) {
                subjects.add(t.getSubject());
                if (t.getPredicate().equals(TYPE)) {
                    types.add(t.getObject());
                }
            }
            for (Node type : types) {
                dsg.find(data, Node.ANY, TYPE, type).forEachRemaining(q -> {
                    if (!isObservation(q.getSubject())) {
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

        /** Removes every data triple of a subject that the new content does not have at all. */
        void sweep() {
            Set<Node> newSubjects = new HashSet<>();
            otherNew.forEach(t -> newSubjects.add(t.getSubject()));
            List<Triple> stale = new ArrayList<>();
            dsg.find(data, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                Node s = q.getSubject();
                boolean known = isObservation(s) ? seen.contains(LongSet.hash(s.getURI())) : newSubjects.contains(s);
                if (!known) {
                    stale.add(q.asTriple());
                }
            });
            stale.forEach(t -> remove(data, t));
        }

        /** Brings the metadata graph to the new content (managed triples aside); true when it changed beyond its modified date. */
        boolean replaceMetadata() {
            List<Triple> old = new ArrayList<>();
            dsg.find(meta, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                if (!Records.managed(uris, slug, q.asTriple())) {
                    old.add(q.asTriple());
                }
            });
            Set<Triple> before = new HashSet<>(old);
            boolean changedAny = false;
            List<Triple> toRemove = new ArrayList<>();
            List<Triple> toAdd = new ArrayList<>();
            for (Triple t : before) {
                if (!metaNew.contains(t)) {
                    toRemove.add(t);
                    changedAny |= !t.getPredicate().equals(MODIFIED);
                }
            }
            for (Triple t : metaNew) {
                if (!before.contains(t)) {
                    toAdd.add(t);
                    changedAny |= !t.getPredicate().equals(MODIFIED);
                }
            }
            if (changedAny) {
                toRemove.forEach(t -> {
                    dsg.delete(meta, t.getSubject(), t.getPredicate(), t.getObject());
                    patch.add(meta, t.getSubject(), t.getPredicate(), t.getObject());
                });
                toAdd.forEach(t -> {
                    dsg.add(meta, t.getSubject(), t.getPredicate(), t.getObject());
                    patch.delete(meta, t.getSubject(), t.getPredicate(), t.getObject());
                });
            }
            return changedAny;
        }

        List<Triple> triplesOf(Node g, Node s) {
            List<Triple> out = new ArrayList<>();
            dsg.find(g, s, Node.ANY, Node.ANY).forEachRemaining(q -> out.add(q.asTriple()));
            return out;
        }

        void add(Node g, Triple t) {
            if (bulk != null) {
                bulk.add(Quad.create(g, t));
            } else {
                dsg.add(g, t.getSubject(), t.getPredicate(), t.getObject());
            }
            added(g, t);
        }

        void remove(Node g, Triple t) {
            dsg.delete(g, t.getSubject(), t.getPredicate(), t.getObject());
            removed(g, t);
        }

        /** Records a triple written to the store: the reverse patch, the checksum, the count. */
        private void added(Node g, Triple t) {
            patch.delete(g, t.getSubject(), t.getPredicate(), t.getObject());
            sum.add(t);
            triples++;
        }

        /** Records a triple deleted from the store. */
        private void removed(Node g, Triple t) {
            patch.add(g, t.getSubject(), t.getPredicate(), t.getObject());
            sum.remove(t);
            triples--;
        }
    }

    /**
     * The triple as the store will give it back ({@link TripleStore#storedForm}): comparing in this
     * form keeps an unchanged observation unchanged.
     */
    private static Triple canonical(Triple t) {
        return TripleStore.storedForm(t);
    }

    /** Versions a retention setting removes (oldest first, never the current one); cited ones stay and are listed in {@code keptCited}. */
    private static List<Integer> retain(List<VersionRecord> records, int keep, List<Integer> keptCited) {
        List<Integer> out = new ArrayList<>();
        if (keep <= 0 || records.size() <= keep) {
            return out;
        }
        int excess = records.size() - keep;
        for (int i = 0; i < excess && i < records.size() - 1; i++) {
            VersionRecord r = records.get(i);
            if (r.cited()) {
                keptCited.add(r.number());
            } else {
                out.add(r.number());
            }
        }
        return out;
    }

    /**
     * Removes {@code records[i]} (not the current version) from the list; when an older version
     * stays, the patches on either side are merged into one file, renamed into place before the
     * caller's transaction commits (the old files stay until then, so a crash leaves a valid chain).
     */
    private static void mergeAway(Path folder, List<VersionRecord> records, int i) {
        int n = records.get(i).number();
        if (i > 0) {
            int newer = records.get(i + 1).number();
            int older = records.get(i - 1).number();
            Path temp = merge(folder, Patches.file(folder, newer, n), Patches.file(folder, n, older));
            try {
                try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Files.move(temp, Patches.file(folder, newer, older), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                deleteQuietly(temp);
                throw new UncheckedIOException(e);
            }
        }
        records.remove(i);
    }

    /**
     * Patch files no longer on the chain of {@code kept}. The chain between two kept versions
     * that are no longer neighbours is merged by {@link #delete} before; retention only drops the
     * oldest versions, whose patches are simply no longer needed.
     */
    private static List<Path> unusedPatchFiles(Path folder, List<VersionRecord> kept) throws IOException {
        Set<Path> needed = new HashSet<>();
        for (int i = 1; i < kept.size(); i++) {
            needed.add(Patches.file(folder, kept.get(i).number(), kept.get(i - 1).number()));
        }
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(folder)) {
            s.filter(p -> p.getFileName().toString().endsWith(".rdfp") && !needed.contains(p)).forEach(out::add);
        }
        return out;
    }

    // ---------------------------------------------------------------- reading

    /** The dataset's versions, oldest first; empty when it has none (or does not exist). */
    public List<VersionRecord> history(String slug) {
        return store.read(dsg -> Records.read(dsg, uris, slug));
    }

    /** One version's record. */
    public Optional<VersionRecord> version(String slug, int n) {
        return history(slug).stream().filter(r -> r.number() == n).findFirst();
    }

    /** The limits earlier versions are served within. */
    VersionLimits limits() {
        return limits;
    }

    /** Earlier versions built since this was created (each at most once at a time), for monitoring and tests. */
    public long builds() {
        return built.builds();
    }

    /**
     * Runs {@code action} in a read transaction over version {@code n} of a dataset: a dataset
     * with its data and metadata graphs under the live graph names. The current version is the
     * live store itself (whose metadata graph also holds the version records); an earlier one is
     * built once and kept ({@link VersionCache}), with {@link #LABELS_GRAPH} holding the labels of
     * the areas and codes it points at.
     *
     * @throws IllegalArgumentException {@code Unknown version: ...} when the dataset has no such version
     * @throws VersionRefusal           when the version is over the budget, or no slot, room or time is left
     */
    <T> T read(String slug, int n, Deadline deadline, Function<DatasetGraph, T> action) {
        List<VersionRecord> history = history(slug);
        VersionRecord wanted = history.stream().filter(r -> r.number() == n).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown version: " + n + " of " + uris.dataset(slug)));
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
        List<VersionRecord> earlier = wanted.stream().filter(r -> r.number() != current).toList();
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
                    throw VersionRefusal.busy("A new version of " + slug + " was published while this request was being answered; "
                            + "try again", 1);
                }
                List<VersionCache.Lease> held = new ArrayList<>(leases.values());
                return inReads(held, 0, () -> action.apply(assemble(slug, wanted, current, live, leases, deadline)));
            });
        } finally {
            leases.values().forEach(VersionCache.Lease::close);
        }
    }

    private static <T> T inReads(List<VersionCache.Lease> leases, int i, java.util.function.Supplier<T> body) {
        return i == leases.size() ? body.get() : leases.get(i).store().read(d -> inReads(leases, i + 1, body));
    }

    private DatasetGraph assemble(String slug, List<VersionRecord> wanted, int current, DatasetGraph live,
                                  Map<Integer, VersionCache.Lease> leases, Deadline deadline) {
        Node data = NodeFactory.createURI(uris.graph(slug));
        Node meta = NodeFactory.createURI(uris.metadataGraph(slug));
        DatasetGraph all = DatasetGraphFactory.createGeneral();
        for (VersionRecord r : wanted) {
            boolean isCurrent = r.number() == current;
            DatasetGraph source = isCurrent ? live : leases.get(r.number()).store().datasetGraph();
            String g = uris.graph(slug) + "/version/" + r.number();
            all.addGraph(NodeFactory.createURI(g), new DeadlineGraph(source.getGraph(data), deadline, null));
            all.addGraph(NodeFactory.createURI(g + "/metadata"), new DeadlineGraph(source.getGraph(meta), deadline,
                    isCurrent ? t -> !Records.managed(uris, slug, t) : null));
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
            throw VersionRefusal.tooLarge(String.format(Locale.ROOT, "Version %d of %s holds %,d triples; this server builds at most "
                    + "%,d triples of an earlier version (cairn.versions.cache-triples). The current version, %d, is served without "
                    + "building (/data/%s/version/%d/data.nt); for version %d, ask the publisher, who can raise that limit or export it "
                    + "(cairn versions export %s %d).", n, slug, triples, budget, current, slug, current, n, slug, n));
        }
        if (triples > budget || earlier.size() > VersionCache.MAX_ENTRIES) {
            String numbers = String.join(", ", earlier.stream().map(r -> Integer.toString(r.number())).toList());
            throw VersionRefusal.tooLarge(String.format(Locale.ROOT, "Versions %s of %s hold %,d triples together; this server builds "
                    + "at most %,d triples (and %d versions) of earlier versions for one request (cairn.versions.cache-triples). "
                    + "Ask for fewer versions with &version=N (repeatable; the current version, %d, needs no building), or download "
                    + "one version at a time from /data/%s/version/N/data.nt.", numbers, slug, triples, budget, VersionCache.MAX_ENTRIES,
                    current, slug));
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

    /**
     * Writes a version's data graph as canonical N-Triples: one {@link ContentChecksum#line} per
     * triple, sorted, each ended by a line feed. The same version always gives the same bytes. The
     * lines are sorted in bounded memory ({@link SortedLines}). No time limit (the command line).
     */
    public long writeNTriples(String slug, int n, OutputStream out) {
        return writeNTriples(slug, n, out, Deadline.NONE);
    }

    /** As {@link #writeNTriples(String, int, OutputStream)}; building the version must end by the deadline. */
    long writeNTriples(String slug, int n, OutputStream out, Deadline deadline) {
        Node data = NodeFactory.createURI(uris.graph(slug));
        return read(slug, n, deadline, dsg -> SortedLines.write(
                Iter.map(dsg.find(data, Node.ANY, Node.ANY, Node.ANY), q -> ContentChecksum.line(q.asTriple())), out));
    }

    /** Writes a version as the whole-cube CSV (the live download's columns), rows in observation URI order. No time limit. */
    public long writeCsv(String slug, int n, OutputStream out) {
        return writeCsv(slug, n, out, Formulas.NEUTRALISE, Deadline.NONE);
    }

    /**
     * As {@link #writeCsv(String, int, OutputStream)}, cells as {@code formulas} says; building the
     * version must end by the deadline.
     */
    long writeCsv(String slug, int n, OutputStream out, Formulas formulas, Deadline deadline) {
        return read(slug, n, deadline, dsg -> scot.cairn.formats.cube.CubeCsv.writeSorted(dsg, uris, uris.dataset(slug), out, formulas));
    }

    /**
     * What changed from version {@code from} to version {@code to} (either order).
     *
     * @throws IllegalArgumentException {@code Unknown version: ...}, or the same version twice
     */
    public Changes changes(String slug, int from, int to) {
        return Changes.compute(this, slug, from, to);
    }

    // ---------------------------------------------------------------- managing

    /** Marks a version as cited: retention then keeps it and deleting it needs an explicit flag. */
    public void cite(String slug, int n) {
        store.write(dsg -> {
            List<VersionRecord> records = new ArrayList<>(Records.read(dsg, uris, slug));
            int i = indexOf(records, slug, n);
            records.set(i, records.get(i).withCited(true));
            Records.rewrite(dsg, uris, slug, records, Records.keep(dsg, uris, slug));
        });
    }

    /** Sets how many versions the dataset keeps (0: all); applied at its next publication. */
    public void setRetention(String slug, int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("the number of versions to keep must not be negative");
        }
        store.write(dsg -> {
            List<VersionRecord> records = Records.read(dsg, uris, slug);
            if (records.isEmpty()) {
                throw new IllegalArgumentException("Unknown dataset or no versions: " + uris.dataset(slug));
            }
            Records.rewrite(dsg, uris, slug, records, keep);
        });
    }

    /**
     * Deletes one earlier version: its record goes and the change on either side of it is merged
     * into one patch, so the neighbouring versions stay readable.
     *
     * @param cited must be true to delete a version that a citation points to
     * @throws IllegalArgumentException for the current version, an unknown one, or a cited one without the flag
     */
    public void delete(String slug, int n, boolean cited) {
        Path folder = datasetDir(slug);
        Path[] temp = {null};
        List<Path> obsolete = new ArrayList<>();
        try {
            store.write(dsg -> {
                List<VersionRecord> records = new ArrayList<>(Records.read(dsg, uris, slug));
                int i = indexOf(records, slug, n);
                VersionRecord r = records.get(i);
                if (i == records.size() - 1) {
                    throw new IllegalArgumentException("version " + n + " is the current version of " + slug + "; publish another first");
                }
                if (r.cited() && !cited) {
                    throw new IllegalArgumentException("version " + n + " of " + slug
                            + " is cited; deleting it needs the explicit flag (--cited on the command line)");
                }
                mergeAway(folder, records, i);
                Records.rewrite(dsg, uris, slug, records, Records.keep(dsg, uris, slug));
                try {
                    obsolete.addAll(unusedPatchFiles(folder, records));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } finally {
            deleteQuietly(temp[0]);
        }
        obsolete.forEach(Versions::deleteQuietly);
        invalidate(slug);
    }

    /** Removes every version file of a dataset (after the dataset itself was deleted). */
    public void forget(String slug) {
        Path folder = datasetDir(slug);
        if (Files.isDirectory(folder)) {
            try (var s = Files.list(folder)) {
                s.forEach(Versions::deleteQuietly);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            deleteQuietly(folder);
        }
        invalidate(slug);
    }

    /** The net change of applying {@code first} then {@code second}, written to a temporary file. */
    private static Path merge(Path folder, Path first, Path second) {
        Map<Quad, Boolean> net = new HashMap<>(); // true: add, false: delete
        Patches.Visitor v = new Patches.Visitor() {
            @Override
            public void add(Node g, Node s, Node p, Node o) {
                Quad q = Quad.create(g, s, p, o);
                if (Boolean.FALSE.equals(net.get(q))) {
                    net.remove(q);
                } else {
                    net.put(q, true);
                }
            }

            @Override
            public void delete(Node g, Node s, Node p, Node o) {
                Quad q = Quad.create(g, s, p, o);
                if (Boolean.TRUE.equals(net.get(q))) {
                    net.remove(q);
                } else {
                    net.put(q, false);
                }
            }
        };
        Patches.read(first, v);
        Patches.read(second, v);
        try {
            Path tmp = Files.createTempFile(folder, ".merge-", TEMP_SUFFIX);
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                RDFChangesWriterText w = RDFChangesWriterText.create(os);
                w.start();
                net.forEach((q, add) -> {
                    if (add) {
                        w.add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
                    } else {
                        w.delete(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
                    }
                });
                w.finish();
                w.close();
            }
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int indexOf(List<VersionRecord> records, String slug, int n) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).number() == n) {
                return i;
            }
        }
        throw new IllegalArgumentException("Unknown version: " + n + " of " + uris.dataset(slug));
    }
}
