package scot.cairn.linkeddata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDFS;
import scot.cairn.formats.Html;
import scot.cairn.vocab.Adms;
import scot.cairn.vocab.CairnVersion;
import scot.cairn.vocab.Dcat;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.UriScheme;

/**
 * The "Versions" section of a dataset page: its release history (read from the version records
 * in its metadata graph), links to each version, its downloads and what changed, and a citation of
 * the current version ready to copy.
 */
final class VersionHistory {

    record Entry(
            int number,
            String uri,
            String issued,
            String kind,
            String note,
            String checksum,
            String added,
            String removed,
            String changed) {}

    private final String dataset;
    private final String title;
    private final String publisher;
    private final List<Entry> entries;

    private VersionHistory(String dataset, String title, String publisher, List<Entry> entries) {
        this.dataset = dataset;
        this.title = title;
        this.publisher = publisher;
        this.entries = entries;
    }

    /** The history of a dataset, newest first, or null when it has no recorded versions. Inside a read transaction. */
    static VersionHistory read(DatasetGraph dsg, UriScheme uris, String datasetUri) {
        Node ds = NodeFactory.createURI(datasetUri);
        List<Entry> entries = new ArrayList<>();
        dsg.find(Node.ANY, ds, Dcat.hasVersion.asNode(), Node.ANY).forEachRemaining(q -> {
            Node v = q.getObject();
            String n = literal(dsg, v, Dcat.version.asNode());
            if (n == null || !v.isURI()) {
                return;
            }
            entries.add(new Entry(
                    Integer.parseInt(n),
                    v.getURI(),
                    literal(dsg, v, Dcterms.issued.asNode()),
                    literal(dsg, v, CairnVersion.kind.asNode()),
                    literal(dsg, v, Adms.versionNotes.asNode()),
                    literal(dsg, v, CairnVersion.checksum.asNode()),
                    literal(dsg, v, CairnVersion.added.asNode()),
                    literal(dsg, v, CairnVersion.removed.asNode()),
                    literal(dsg, v, CairnVersion.changed.asNode())));
        });
        if (entries.isEmpty()) {
            return null;
        }
        entries.sort(Comparator.comparingInt(Entry::number).reversed());
        String title = literal(dsg, ds, Dcterms.title.asNode());
        Node pub = null;
        var it = dsg.find(Node.ANY, ds, Dcterms.publisher.asNode(), Node.ANY);
        if (it.hasNext()) {
            pub = it.next().getObject();
        }
        String publisher = pub == null
                ? null
                : pub.isLiteral() ? pub.getLiteralLexicalForm() : literal(dsg, pub, RDFS.label.asNode());
        return new VersionHistory(datasetUri, title == null ? datasetUri : title, publisher, entries);
    }

    /** A citation of one version, in the author (year). title. URL form most style guides accept. */
    static String citation(String publisher, String title, Entry e) {
        String date = e.issued() == null
                ? ""
                : e.issued().substring(0, Math.min(10, e.issued().length()));
        String year = date.length() >= 4 ? date.substring(0, 4) : "n.d.";
        return (publisher == null ? "" : publisher + " ") + "(" + year + "). " + title + ", version " + e.number()
                + " (" + e.kind() + ", published " + date + ") [Data set]. " + e.uri() + ". Content checksum "
                + e.checksum() + ".";
    }

    void render(Html html, UriScheme uris) {
        Entry current = entries.get(0);
        html.h2("Versions");
        html.raw("<p>Current version: ")
                .link(Links.href(uris, current.uri()), "version " + current.number())
                .raw(". Earlier versions stay available at their own addresses, read-only.</p>\n");
        html.raw("<p>Cite this version:</p>\n<pre class=\"citation\">")
                .text(citation(publisher, title, current))
                .raw("</pre>\n");
        html.raw(
                "<table>\n<caption>Version history</caption>\n<thead><tr><th scope=\"col\">Version</th><th scope=\"col\">Published</th>"
                        + "<th scope=\"col\">Kind</th><th scope=\"col\">Note</th><th scope=\"col\">Observations added / removed / changed</th>"
                        + "<th scope=\"col\">Downloads</th><th scope=\"col\">Changes</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            String local = Links.href(uris, e.uri());
            html.raw("<tr><td>")
                    .link(local, Integer.toString(e.number()))
                    .raw("</td><td>")
                    .text(nz(e.issued()))
                    .raw("</td><td>")
                    .text(nz(e.kind()))
                    .raw("</td><td>")
                    .text(nz(e.note()))
                    .raw("</td><td>")
                    .text(nz(e.added()) + " / " + nz(e.removed()) + " / " + nz(e.changed()))
                    .raw("</td><td>")
                    .link(local + "/data.csv", "CSV")
                    .raw(" ")
                    .link(local + "/data.nt", "N-Triples")
                    .raw("</td><td>");
            if (i + 1 < entries.size()) {
                int prev = entries.get(i + 1).number();
                String changes = Links.href(uris, dataset) + "/changes?from=" + prev + "&to=" + e.number();
                html.link(changes, "from " + prev)
                        .raw(" (")
                        .link(Links.href(uris, dataset) + "/changes.csv?from=" + prev + "&to=" + e.number(), "CSV")
                        .raw(")");
            }
            html.raw("</td></tr>\n");
        }
        html.raw("</tbody>\n</table>\n");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String literal(DatasetGraph dsg, Node s, Node p) {
        var it = dsg.find(Node.ANY, s, p, Node.ANY);
        while (it.hasNext()) {
            Node o = it.next().getObject();
            if (o.isLiteral()) {
                return o.getLiteralLexicalForm();
            }
        }
        return null;
    }
}
