package scot.cairn.versions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import scot.cairn.vocab.Adms;
import scot.cairn.vocab.CairnVersion;
import scot.cairn.vocab.Dcat;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.UriScheme;

/**
 * Version records as RDF in a dataset's metadata graph, and which of that graph's triples they
 * own (the "managed" triples: everything about a version URI, and the dataset's version links).
 * Managed triples are rewritten from the record list on every change and are not part of a
 * version's content.
 */
final class Records {
    static {
        org.apache.jena.sys.JenaSystem.init();
    }

    private static final Node TYPE = RDF.type.asNode();
    private static final Set<Node> DATASET_MANAGED = Set.of(
            Dcat.hasVersion.asNode(),
            Dcterms.hasVersion.asNode(),
            Dcat.version.asNode(),
            Dcat.hasCurrentVersion.asNode(),
            CairnVersion.currentVersion.asNode(),
            CairnVersion.keepVersions.asNode());

    private Records() {}

    static String versionUri(UriScheme uris, String slug, int n) {
        return uris.dataset(slug) + "/version/" + n;
    }

    static boolean managed(UriScheme uris, String slug, Triple t) {
        Node s = t.getSubject();
        if (!s.isURI()) {
            return false;
        }
        String ds = uris.dataset(slug);
        if (s.getURI().startsWith(ds + "/version/")) {
            return true;
        }
        return s.getURI().equals(ds) && DATASET_MANAGED.contains(t.getPredicate());
    }

    /** The dataset's version records, oldest first. Inside a transaction. */
    static List<VersionRecord> read(DatasetGraph dsg, UriScheme uris, String slug) {
        Node meta = NodeFactory.createURI(uris.metadataGraph(slug));
        Node ds = NodeFactory.createURI(uris.dataset(slug));
        List<VersionRecord> out = new ArrayList<>();
        dsg.find(meta, ds, Dcat.hasVersion.asNode(), Node.ANY).forEachRemaining(q -> {
            Node v = q.getObject();
            String num = literal(dsg, meta, v, Dcat.version.asNode());
            if (num == null) {
                return;
            }
            out.add(new VersionRecord(
                    slug,
                    Integer.parseInt(num),
                    Instant.parse(literal(dsg, meta, v, Dcterms.issued.asNode())),
                    Release.Kind.parse(literal(dsg, meta, v, CairnVersion.kind.asNode())),
                    literal(dsg, meta, v, Adms.versionNotes.asNode()),
                    literal(dsg, meta, v, CairnVersion.checksum.asNode()),
                    number(dsg, meta, v, CairnVersion.observations.asNode()),
                    number(dsg, meta, v, CairnVersion.triples.asNode()),
                    number(dsg, meta, v, CairnVersion.added.asNode()),
                    number(dsg, meta, v, CairnVersion.removed.asNode()),
                    number(dsg, meta, v, CairnVersion.changed.asNode()),
                    "true".equals(literal(dsg, meta, v, CairnVersion.cited.asNode()))));
        });
        out.sort(Comparator.comparingInt(VersionRecord::number));
        return out;
    }

    /**
     * Where version {@code n} is in {@code records}.
     *
     * @throws IllegalArgumentException {@code Unknown version: ...} when it is not there
     */
    static int indexOf(List<VersionRecord> records, UriScheme uris, String slug, int n) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).number() == n) {
                return i;
            }
        }
        throw new IllegalArgumentException("Unknown version: " + n + " of " + uris.dataset(slug));
    }

    /** The dataset's retention setting: versions to keep, 0 for all. Inside a transaction. */
    static int keep(DatasetGraph dsg, UriScheme uris, String slug) {
        String k = literal(
                dsg,
                NodeFactory.createURI(uris.metadataGraph(slug)),
                NodeFactory.createURI(uris.dataset(slug)),
                CairnVersion.keepVersions.asNode());
        return k == null ? 0 : Integer.parseInt(k);
    }

    /** Replaces every managed triple with those of {@code records} (oldest first) and the retention setting. Inside a write transaction. */
    static void rewrite(DatasetGraph dsg, UriScheme uris, String slug, List<VersionRecord> records, int keep) {
        Node meta = NodeFactory.createURI(uris.metadataGraph(slug));
        Node ds = NodeFactory.createURI(uris.dataset(slug));
        List<Quad> old = new ArrayList<>();
        dsg.find(meta, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
            if (managed(uris, slug, q.asTriple())) {
                old.add(q);
            }
        });
        old.forEach(dsg::delete);
        String title = literal(dsg, meta, ds, Dcterms.title.asNode());
        Node previous = null;
        for (VersionRecord r : records) {
            Node v = NodeFactory.createURI(versionUri(uris, slug, r.number()));
            dsg.add(meta, ds, Dcat.hasVersion.asNode(), v);
            dsg.add(meta, ds, Dcterms.hasVersion.asNode(), v);
            dsg.add(meta, v, TYPE, CairnVersion.Version.asNode());
            dsg.add(meta, v, TYPE, Dcat.Dataset.asNode());
            dsg.add(meta, v, RDFS.label.asNode(), text((title == null ? slug : title) + ", version " + r.number()));
            dsg.add(meta, v, Dcat.version.asNode(), text(Integer.toString(r.number())));
            dsg.add(meta, v, Dcat.isVersionOf.asNode(), ds);
            dsg.add(meta, v, Dcterms.isVersionOf.asNode(), ds);
            dsg.add(
                    meta,
                    v,
                    Dcterms.issued.asNode(),
                    NodeFactory.createLiteralDT(r.issued().toString(), XSDDatatype.XSDdateTime));
            dsg.add(meta, v, Adms.versionNotes.asNode(), text(r.note()));
            dsg.add(meta, v, CairnVersion.kind.asNode(), text(r.kind().label()));
            dsg.add(meta, v, CairnVersion.checksum.asNode(), text(r.checksum()));
            dsg.add(meta, v, CairnVersion.observations.asNode(), integer(r.observations()));
            dsg.add(meta, v, CairnVersion.triples.asNode(), integer(r.triples()));
            dsg.add(meta, v, CairnVersion.added.asNode(), integer(r.added()));
            dsg.add(meta, v, CairnVersion.removed.asNode(), integer(r.removed()));
            dsg.add(meta, v, CairnVersion.changed.asNode(), integer(r.changed()));
            dsg.add(
                    meta,
                    v,
                    CairnVersion.cited.asNode(),
                    NodeFactory.createLiteralDT(Boolean.toString(r.cited()), XSDDatatype.XSDboolean));
            if (previous != null) {
                dsg.add(meta, v, Dcat.previousVersion.asNode(), previous);
            }
            previous = v;
        }
        if (!records.isEmpty()) {
            VersionRecord current = records.get(records.size() - 1);
            dsg.add(meta, ds, Dcat.version.asNode(), text(Integer.toString(current.number())));
            dsg.add(meta, ds, Dcat.hasCurrentVersion.asNode(), previous);
            dsg.add(meta, ds, CairnVersion.currentVersion.asNode(), previous);
        }
        if (keep > 0) {
            dsg.add(meta, ds, CairnVersion.keepVersions.asNode(), integer(keep));
        }
    }

    private static Node text(String s) {
        return NodeFactory.createLiteralString(s);
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }

    private static String literal(DatasetGraph dsg, Node g, Node s, Node p) {
        var it = dsg.find(g, s, p, Node.ANY);
        while (it.hasNext()) {
            Node o = it.next().getObject();
            if (o.isLiteral()) {
                return o.getLiteralLexicalForm();
            }
        }
        return null;
    }

    private static long number(DatasetGraph dsg, Node g, Node s, Node p) {
        String v = literal(dsg, g, s, p);
        return v == null ? 0 : Long.parseLong(v);
    }
}
