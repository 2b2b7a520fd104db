package scot.cairn.versions;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.jena.sparql.core.DatasetGraph;
import scot.cairn.formats.Formulas;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.PublicationException;
import scot.cairn.store.TripleStore;
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
 * <p>Each job has its class: publishing by difference ({@link VersionPublisher},
 * {@link Publication}, {@link ObservationChanges}, {@link ReverseChange}), retention and deletion
 * ({@link Retention}), joining patches ({@link PatchMerge}), citations ({@link Citations}), reading
 * and building earlier versions ({@link EarlierVersions}, {@link VersionCache},
 * {@link VersionBuilder}), export ({@link VersionExport}) and comparison ({@link Changes}). This
 * class is their entry point.
 *
 * <p>Thread-safe: writes are serialised by the store; readers read versions from one read
 * transaction and the patch files, which are never rewritten in place. {@link #close} when done.
 */
public final class Versions implements AutoCloseable {
    static {
        org.apache.jena.sys.JenaSystem.init();
    }

    private final TripleStore store;
    private final UriScheme uris;
    private final Path dir;
    private final VersionLimits limits;
    private final VersionPublisher publisher;
    private final Retention retention;
    private final Citations citations;
    private final EarlierVersions earlier;
    private final VersionExport export;

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
        this.publisher = new VersionPublisher(store, uris, this::datasetDir);
        this.retention = new Retention(store, uris, this::datasetDir);
        this.citations = new Citations(store, uris);
        this.earlier = new EarlierVersions(store, uris, this::datasetDir, dir.resolve(".built"), limits);
        this.export = new VersionExport(earlier, uris);
        Patches.sweepAllLeftovers(dir);
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

    /** The limits earlier versions are served within. */
    VersionLimits limits() {
        return limits;
    }

    // ---------------------------------------------------------------- publishing

    /**
     * A publication target that versions every dataset replaced through it: give it to
     * {@code CubeLoader.load}. It does not own the store.
     *
     * @param keepVersions when not null, the dataset's retention setting from now on (0: keep all)
     */
    public VersionedTarget publisher(Release release, Integer keepVersions) {
        return new VersionedTarget(this, release, keepVersions);
    }

    /**
     * Publishes new content for a dataset as a new version (see the class comment).
     *
     * @throws PublicationException when the writer or the store fails; nothing changed
     */
    public PublishOutcome publish(String slug, GraphReplacement.Writer writer, Release release, Integer keepVersions) {
        PublishOutcome outcome = publisher.publish(slug, writer, release, keepVersions);
        if (outcome.published()) {
            invalidate(slug);
        }
        return outcome;
    }

    /** The dataset whose data and metadata graphs a versioned publication replaces. */
    String slugOf(List<String> graphs) {
        return publisher.slugOf(graphs);
    }

    // ---------------------------------------------------------------- reading

    /** The dataset's versions, oldest first; empty when it has none (or does not exist). */
    public List<VersionRecord> history(String slug) {
        return earlier.history(slug);
    }

    /** One version's record. */
    public Optional<VersionRecord> version(String slug, int n) {
        return history(slug).stream().filter(r -> r.number() == n).findFirst();
    }

    /** Earlier versions built since this was created (each at most once at a time), for monitoring and tests. */
    public long builds() {
        return earlier.builds();
    }

    /** Runs {@code action} over version {@code n} of a dataset ({@link EarlierVersions#read}). */
    <T> T read(String slug, int n, Deadline deadline, Function<DatasetGraph, T> action) {
        return earlier.read(slug, n, deadline, action);
    }

    /** Runs {@code action} over some versions of a dataset as one dataset graph ({@link EarlierVersions#query}). */
    <T> T query(String slug, List<VersionRecord> wanted, Deadline deadline, Function<DatasetGraph, T> action) {
        return earlier.query(slug, wanted, deadline, action);
    }

    /** Writes a version's data graph as canonical N-Triples ({@link VersionExport#writeNTriples}); no time limit. */
    public long writeNTriples(String slug, int n, OutputStream out) {
        return writeNTriples(slug, n, out, Deadline.NONE);
    }

    long writeNTriples(String slug, int n, OutputStream out, Deadline deadline) {
        return export.writeNTriples(slug, n, out, deadline);
    }

    /** Writes a version as the whole-cube CSV, rows in observation URI order ({@link VersionExport#writeCsv}); no time limit. */
    public long writeCsv(String slug, int n, OutputStream out) {
        return writeCsv(slug, n, out, Formulas.NEUTRALISE, Deadline.NONE);
    }

    /** As {@link #writeCsv(String, int, OutputStream)}, cells as {@code formulas} says; building the version must end by the deadline. */
    long writeCsv(String slug, int n, OutputStream out, Formulas formulas, Deadline deadline) {
        return export.writeCsv(slug, n, out, formulas, deadline);
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
        citations.cite(slug, n);
    }

    /** Sets how many versions the dataset keeps (0: all); applied at its next publication. */
    public void setRetention(String slug, int keep) {
        retention.setRetention(slug, keep);
    }

    /**
     * Deletes one earlier version: its record goes and the change on either side of it is merged
     * into one patch, so the neighbouring versions stay readable.
     *
     * @param cited must be true to delete a version that a citation points to
     * @throws IllegalArgumentException for the current version, an unknown one, or a cited one without the flag
     */
    public void delete(String slug, int n, boolean cited) {
        retention.delete(slug, n, cited);
        invalidate(slug);
    }

    /** Removes every version file of a dataset (after the dataset itself was deleted). */
    public void forget(String slug) {
        retention.forget(slug);
        invalidate(slug);
    }

    /** Drops the dataset's built versions (after a publication or deletion). */
    void invalidate(String slug) {
        earlier.invalidate(slug);
    }

    /** Stops building, closes and deletes the built versions. */
    @Override
    public void close() {
        earlier.close();
    }
}
