package scot.cairn.store;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;

/** Receives the quads of a publication, one at a time, in any order. Not thread-safe. */
@FunctionalInterface
public interface QuadSink {
    void add(Quad quad);

    default void add(Node graph, Node subject, Node predicate, Node object) {
        add(Quad.create(graph, subject, predicate, object));
    }
}
