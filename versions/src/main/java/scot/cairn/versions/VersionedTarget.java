package scot.cairn.versions;

import java.util.Collection;
import java.util.Objects;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.PublishTarget;

/**
 * A {@link PublishTarget} that turns each replacement of a dataset's two graphs into a release
 * ({@link Versions#publisher}): give it to {@code CubeLoader.load}. It does not own the store
 * ({@link #close} does nothing).
 */
public final class VersionedTarget implements PublishTarget {
    private final Versions versions;
    private final Release release;
    private final Integer keep;
    private PublishOutcome last;

    VersionedTarget(Versions versions, Release release, Integer keep) {
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
        versions.store().dropGraphs(graphs);
    }

    @Override
    public String describe() {
        return versions.store().describe();
    }

    @Override
    public void close() {
        // the store belongs to the caller
    }
}
