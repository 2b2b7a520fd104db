package scot.cairn.geography;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDFS;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.BoundaryChange;
import scot.cairn.vocab.CairnGeography;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.Foi;
import scot.cairn.vocab.StatGeography;

/**
 * Reads a geography graph in the shape the geography loader writes: one predicate at a time
 * (a scan of the graph's predicate index each), joined on the area node in memory.
 */
final class StoredGeography {
    private StoredGeography() {}

    static Geography read(DatasetGraph dsg, Node graph) {
        Map<Node, String> codes = new HashMap<>();
        scan(dsg, graph, Foi.code.asNode(), q -> {
            if (q.getObject().isLiteral()) {
                String code = q.getObject().getLiteralLexicalForm();
                if (AreaLevel.ofCode(code).isPresent()) {
                    codes.put(q.getSubject(), code);
                }
            }
        });
        Map<Node, String> names = literals(dsg, graph, RDFS.label.asNode(), codes);
        Map<Node, List<String>> within = links(dsg, graph, Foi.within.asNode(), codes);
        Map<Node, String> status = literals(dsg, graph, StatGeography.status.asNode(), codes);
        Map<Node, String> from = days(dsg, graph, BoundaryChange.operativedate.asNode(), codes);
        Map<Node, String> until = days(dsg, graph, BoundaryChange.terminateddate.asNode(), codes);
        Map<Node, List<String>> replaces = links(dsg, graph, Dcterms.replaces.asNode(), codes);
        Map<Node, List<String>> replacedBy = links(dsg, graph, Dcterms.isReplacedBy.asNode(), codes);
        Map<Node, String> boundary = literals(dsg, graph, CairnGeography.boundaryChanged.asNode(), codes);
        List<Geography.Area> areas = new ArrayList<>(codes.size());
        codes.forEach((node, code) -> {
            List<String> parents = within.getOrDefault(node, new ArrayList<>());
            parents.sort(Geography.byLevelThenCode());
            Lifecycle lifecycle = lifecycle(
                    !StatGeography.ARCHIVED.equals(status.get(node)),
                    date(from.get(node)),
                    date(until.get(node)),
                    sorted(replaces.get(node)),
                    sorted(replacedBy.get(node)),
                    "true".equals(boundary.get(node)));
            areas.add(new Geography.Area(
                    code, names.getOrDefault(node, code), AreaLevel.ofCode(code).orElseThrow(), parents, lifecycle));
        });
        return new Geography(areas);
    }

    /** The recorded lifecycle; a history that contradicts itself (edited by hand) reads as none. */
    private static Lifecycle lifecycle(
            boolean live,
            LocalDate from,
            LocalDate until,
            List<String> replaces,
            List<String> replacedBy,
            boolean boundaryChanged) {
        try {
            return live
                    ? Lifecycle.live(from, replaces)
                    : new Lifecycle(false, from, until, replaces, replacedBy, boundaryChanged);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Lifecycle.CURRENT;
        }
    }

    private static List<String> sorted(List<String> codes) {
        if (codes == null) {
            return List.of();
        }
        codes.sort(null);
        return codes;
    }

    private static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The first literal of each area for the predicate, as text. */
    private static Map<Node, String> literals(DatasetGraph dsg, Node graph, Node predicate, Map<Node, String> codes) {
        Map<Node, String> out = new HashMap<>();
        scan(dsg, graph, predicate, q -> {
            if (q.getObject().isLiteral() && codes.containsKey(q.getSubject())) {
                out.putIfAbsent(q.getSubject(), q.getObject().getLiteralLexicalForm());
            }
        });
        return out;
    }

    /** Days written as reference.data.gov.uk day URIs (or as xsd:date literals), as yyyy-mm-dd. */
    private static Map<Node, String> days(DatasetGraph dsg, Node graph, Node predicate, Map<Node, String> codes) {
        Map<Node, String> out = new HashMap<>();
        scan(dsg, graph, predicate, q -> {
            Node o = q.getObject();
            if (!codes.containsKey(q.getSubject())) {
                return;
            }
            if (o.isURI() && o.getURI().startsWith(BoundaryChange.DAY)) {
                out.putIfAbsent(q.getSubject(), o.getURI().substring(BoundaryChange.DAY.length()));
            } else if (o.isLiteral()) {
                out.putIfAbsent(q.getSubject(), o.getLiteralLexicalForm());
            }
        });
        return out;
    }

    /** The codes of the areas each area links to with the predicate. */
    private static Map<Node, List<String>> links(
            DatasetGraph dsg, Node graph, Node predicate, Map<Node, String> codes) {
        Map<Node, List<String>> out = new HashMap<>();
        scan(dsg, graph, predicate, q -> {
            String target = codes.get(q.getObject());
            if (target != null && codes.containsKey(q.getSubject())) {
                out.computeIfAbsent(q.getSubject(), s -> new ArrayList<>()).add(target);
            }
        });
        return out;
    }

    private static void scan(DatasetGraph dsg, Node graph, Node predicate, Consumer<Quad> action) {
        // TDB2 iterators are released when exhausted, and this loop always exhausts them.
        dsg.find(graph, Node.ANY, predicate, Node.ANY).forEachRemaining(action);
    }
}
