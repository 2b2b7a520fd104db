package scot.cairn.store;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.optimizer.reorder.PatternElements;
import org.apache.jena.sparql.engine.optimizer.reorder.PatternTriple;
import org.apache.jena.sparql.engine.optimizer.reorder.ReorderTransformationSubstitution;
import org.apache.jena.sparql.sse.Item;

/**
 * Orders the triple patterns of a basic graph pattern by how many quads each matches, counted in
 * the store (capped), rather than by the shape of the pattern alone.
 *
 * <p>TDB2's default order treats {@code ?obs qb:dataSet <ds>} (hundreds of thousands of matches)
 * and {@code ?obs sdmx-dimension:refArea <area>} (a few hundred) as equally selective, because both
 * have a constant predicate and object, and keeps the client's order; data cube queries are
 * written dataset-first, so the engine scans the whole dataset. Counting the constant
 * (predicate, object) pairs puts the area first. Patterns whose subject is constant or already
 * bound stay the cheapest.
 */
final class SelectivityReorder extends ReorderTransformationSubstitution {

    /** Matches assumed for a pattern whose object is bound by an earlier pattern (a join). */
    private static final double BOUND_OBJECT_GUESS = 2_048;

    private volatile ObjectCatalogue catalogue;

    /** The catalogue is attached once the dataset it counts in exists. */
    void attach(ObjectCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    protected double weight(PatternTriple pt) {
        Node s = constant(pt.subject);
        Node p = constant(pt.predicate);
        Node o = constant(pt.object);
        boolean sBound = s != null || bound(pt.subject);
        boolean oBound = o != null || bound(pt.object);
        ObjectCatalogue c = catalogue;
        if (s != null) {
            return 1 + (c == null ? 0 : c.cappedSubjectCount(s) / (double) ObjectCatalogue.SUBJECT_COUNT_CAP);
        }
        if (sBound) {
            // Subject bound by an earlier pattern: a direct index lookup per solution.
            return p != null ? 2 : 3;
        }
        if (o != null && c != null) {
            return 10 + c.cappedCount(p, o);
        }
        if (o != null || oBound) {
            return 10 + BOUND_OBJECT_GUESS;
        }
        // Every quad of a predicate matches at least as often as any one of its objects does.
        if (p != null) {
            return 10 + 2.0 * ObjectCatalogue.COUNT_CAP;
        }
        return 10 + 4.0 * ObjectCatalogue.COUNT_CAP;
    }

    /** The concrete node of a pattern element, or null for a variable or a bound-variable marker. */
    private static Node constant(Item item) {
        if (item == null || !item.isNode()) {
            return null;
        }
        Node n = item.getNode();
        return n == null || Var.isVar(n) || n.isBlank() ? null : n;
    }

    private static boolean bound(Item item) {
        return item != null && PatternElements.isAnyTerm(item);
    }
}
