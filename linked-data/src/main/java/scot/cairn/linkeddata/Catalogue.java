package scot.cairn.linkeddata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import scot.cairn.formats.cube.Labels;
import scot.cairn.vocab.Dcat;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.Pmd;
import scot.cairn.vocab.QB;

/** The datasets in the store, as the catalogue lists them. */
final class Catalogue {
    private Catalogue() {}

    /** A linked thing with its label. */
    record Ref(String uri, String label) {
        Ref {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(label, "label");
        }

        /** True when {@code wanted} is this URI, its last segment (a slug or code) or its label, ignoring case. */
        boolean matches(String wanted) {
            String w = wanted.strip();
            return uri.equals(w) || Labels.lastSegment(uri).equalsIgnoreCase(w) || label.equalsIgnoreCase(w);
        }
    }

    /** One dataset's catalogue record; absent dates are empty strings. */
    record Entry(
            String uri,
            String title,
            String description,
            List<Ref> publishers,
            List<Ref> themes,
            String issued,
            String modified,
            String nextUpdateDue,
            String license,
            List<Ref> outcomes) {
        Entry {
            Objects.requireNonNull(uri, "uri");
            publishers = List.copyOf(publishers);
            themes = List.copyOf(themes);
            outcomes = List.copyOf(outcomes);
        }

        String publisherLabels() {
            return String.join("; ", publishers.stream().map(Ref::label).toList());
        }

        String themeLabels() {
            return String.join("; ", themes.stream().map(Ref::label).toList());
        }
    }

    /** Filters from query parameters; null or blank means "any". */
    record Filter(String theme, String publisher, String text, String outcome) {
        Filter(String theme, String publisher, String text) {
            this(theme, publisher, text, null);
        }

        boolean accepts(Entry e) {
            if (!blank(outcome) && e.outcomes().stream().noneMatch(r -> r.matches(outcome))) {
                return false;
            }
            if (!blank(theme) && e.themes().stream().noneMatch(r -> r.matches(theme))) {
                return false;
            }
            if (!blank(publisher) && e.publishers().stream().noneMatch(r -> r.matches(publisher))) {
                return false;
            }
            if (!blank(text)) {
                String haystack = (e.title() + " " + e.description()).toLowerCase(Locale.ROOT);
                for (String word : text.toLowerCase(Locale.ROOT).split("\\s+")) {
                    if (!word.isEmpty() && !haystack.contains(word)) {
                        return false;
                    }
                }
            }
            return true;
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }

    /** Every qb:DataSet, ordered by title. Inside a read transaction. */
    static List<Entry> read(DatasetGraph dsg) {
        Set<Node> datasets = new LinkedHashSet<>();
        dsg.find(Node.ANY, Node.ANY, RDF.type.asNode(), QB.DataSet.asNode())
                .forEachRemaining(q -> datasets.add(q.getSubject()));
        Labels labels = new Labels(dsg);
        List<Entry> entries = new ArrayList<>();
        for (Node ds : datasets) {
            if (!ds.isURI()) {
                continue;
            }
            Map<Node, List<Node>> p = properties(dsg, ds);
            String title = text(p, Dcterms.title.asNode());
            entries.add(new Entry(
                    ds.getURI(),
                    title.isEmpty() ? labels.of(ds) : title,
                    text(p, Dcterms.description.asNode()),
                    refs(p, Dcterms.publisher.asNode(), labels),
                    refs(p, Dcat.theme.asNode(), labels),
                    text(p, Dcterms.issued.asNode()),
                    text(p, Dcterms.modified.asNode()),
                    text(p, Pmd.nextUpdateDue.asNode()),
                    uriOrText(p, Dcterms.license.asNode()),
                    refs(p, Dcterms.subject.asNode(), labels).stream()
                            .filter(r -> r.uri().contains("/def/concept/npf-outcomes/"))
                            .toList()));
        }
        entries.sort(Comparator.comparing((Entry e) -> e.title().toLowerCase(Locale.ROOT))
                .thenComparing(Entry::uri));
        return entries;
    }

    private static Map<Node, List<Node>> properties(DatasetGraph dsg, Node s) {
        Map<Node, List<Node>> out = new HashMap<>();
        Iterator<Quad> it = dsg.find(Node.ANY, s, Node.ANY, Node.ANY);
        while (it.hasNext()) {
            Quad q = it.next();
            List<Node> values = out.computeIfAbsent(q.getPredicate(), k -> new ArrayList<>());
            if (!values.contains(q.getObject())) {
                values.add(q.getObject());
            }
        }
        return out;
    }

    private static String text(Map<Node, List<Node>> p, Node predicate) {
        for (Node o : p.getOrDefault(predicate, List.of())) {
            if (o.isLiteral()) {
                return o.getLiteralLexicalForm();
            }
        }
        return "";
    }

    private static String uriOrText(Map<Node, List<Node>> p, Node predicate) {
        List<Node> values = p.getOrDefault(predicate, List.of());
        if (values.isEmpty()) {
            return "";
        }
        Node o = values.get(0);
        return o.isURI() ? o.getURI() : o.isLiteral() ? o.getLiteralLexicalForm() : "";
    }

    private static List<Ref> refs(Map<Node, List<Node>> p, Node predicate, Labels labels) {
        List<Ref> out = new ArrayList<>();
        for (Node o : p.getOrDefault(predicate, List.of())) {
            if (o.isURI()) {
                out.add(new Ref(o.getURI(), labels.of(o)));
            } else if (o.isLiteral()) {
                out.add(new Ref(o.getLiteralLexicalForm(), o.getLiteralLexicalForm()));
            }
        }
        out.sort(Comparator.comparing(Ref::label));
        return out;
    }
}
