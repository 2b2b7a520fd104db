package scot.cairn.store;

import java.util.List;
import java.util.Objects;

/**
 * A set of named graphs to be replaced together, and the code that writes their new content.
 *
 * <p>Every quad the writer emits must be in one of {@link #graphs}; the target rejects the
 * publication (and keeps the old content) otherwise. An exception from the writer aborts the
 * publication, so validation can run while the quads stream.
 *
 * @param graphs graph URIs whose content is dropped and replaced
 * @param writer writes the new content; may be called once only
 */
public record GraphReplacement(List<String> graphs, Writer writer) {

    /** Streams the quads of a publication into a sink. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(QuadSink sink) throws Exception;
    }

    public GraphReplacement {
        Objects.requireNonNull(writer, "writer must not be null");
        graphs = List.copyOf(graphs);
        if (graphs.isEmpty()) {
            throw new IllegalArgumentException("a replacement must name at least one graph");
        }
    }
}
