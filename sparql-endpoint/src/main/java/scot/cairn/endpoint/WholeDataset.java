package scot.cairn.endpoint;

import java.util.HashSet;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.TriplePath;
import org.apache.jena.sparql.syntax.ElementPathBlock;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.UriScheme;

/**
 * Where a query's dataset can be downloaded whole: for a query refused as too large that reads one
 * dataset ({@code ?obs qb:dataSet <ds>}, the observation query of opendatascot's
 * {@code ods_dataset()}), that dataset's whole-cube CSV ({@link UriScheme#cubeTablePath}, served by
 * the linked-data module), which streams a cube of any size.
 */
final class WholeDataset {
    private WholeDataset() {}

    /** The server-relative download URL of the one dataset {@code query} names, else null. */
    static String of(Query query) {
        if (query == null || query.getQueryPattern() == null) {
            return null;
        }
        Set<Node> datasets = new HashSet<>();
        ElementWalker.walk(query.getQueryPattern(), new ElementVisitorBase() {
            @Override
            public void visit(ElementPathBlock el) {
                for (TriplePath t : el.getPattern().getList()) {
                    if (QB.dataSet.asNode().equals(t.getPredicate())
                            && t.getObject().isURI()) {
                        datasets.add(t.getObject());
                    }
                }
            }
        });
        if (datasets.size() != 1) {
            return null;
        }
        return UriScheme.cubeTablePath(datasets.iterator().next().getURI());
    }
}
