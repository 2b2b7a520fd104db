package scot.cairn.cli;

import java.util.Collection;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.PublishTarget;

/**
 * A publish target that says how a publication is going: the quads written so far while the
 * loader streams them (after it has read and checked its file), then that the store is
 * committing them (building its indexes), which on a large load takes a while of its own.
 */
final class ProgressTarget implements PublishTarget {

    private final PublishTarget target;
    private final Progress progress;
    private final boolean countQuads;

    /** @param countQuads whether to count quads as they are written (not when the loader counts rows instead) */
    ProgressTarget(PublishTarget target, Progress progress, boolean countQuads) {
        this.target = target;
        this.progress = progress;
        this.countQuads = countQuads;
    }

    @Override
    public long replaceGraphs(GraphReplacement replacement) {
        long start = System.nanoTime();
        long[] quads = {0};
        long quadsWritten = target.replaceGraphs(new GraphReplacement(replacement.graphs(), sink -> {
            replacement.writer().writeTo(quad -> {
                if (quads[0] == 0 && countQuads) {
                    progress.step("writing into " + target.describe());
                }
                sink.add(quad);
                if ((++quads[0] & 0xFFFF) == 0 && countQuads) {
                    progress.count(
                            "quads", quads[0], quads[0] / Math.max((System.nanoTime() - start) / 1e9, 1e-9), false);
                }
            });
            if (quads[0] > 0) {
                if (countQuads) {
                    progress.count(
                            "quads", quads[0], quads[0] / Math.max((System.nanoTime() - start) / 1e9, 1e-9), true);
                }
                progress.step("committing " + String.format(java.util.Locale.ROOT, "%,d", quads[0]) + " quads");
            }
        }));
        return quadsWritten;
    }

    @Override
    public void dropGraphs(Collection<String> graphs) {
        target.dropGraphs(graphs);
    }

    @Override
    public String describe() {
        return target.describe();
    }

    @Override
    public void close() {
        target.close();
    }

    /** The target this one reports on. */
    PublishTarget target() {
        return target;
    }
}
