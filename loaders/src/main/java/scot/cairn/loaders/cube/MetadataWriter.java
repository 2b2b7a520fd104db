package scot.cairn.loaders.cube;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import scot.cairn.vocab.Dcat;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.NationalOutcome;
import scot.cairn.vocab.Pmd;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.Skos;
import scot.cairn.vocab.Slugs;
import scot.cairn.vocab.UriScheme;
import scot.cairn.vocab.VoID;

/**
 * Writes a cube's metadata graph: the dataset as {@code qb:DataSet}, {@code dcat:Dataset} and
 * {@code void:Dataset} with its dcterms and pmdcat properties, its themes and National
 * Performance Framework outcomes as concepts, its CSV distribution, and the label of every
 * reference period it uses (in the form the publisher typed it).
 */
final class MetadataWriter {

    private static final Node TYPE = RDF.type.asNode();
    private static final Node LABEL = RDFS.label.asNode();

    private final CubeTerms terms;
    private final CubeDefinition def;
    private final UsedTerms used;
    private final StructureWriter.Triples out;
    private final Node ds;
    private final Set<Node> agentsWritten = new HashSet<>();

    MetadataWriter(CubeTerms terms, UsedTerms used, StructureWriter.Triples out) {
        this.terms = terms;
        this.def = terms.def;
        this.used = used;
        this.out = out;
        this.ds = terms.dataset;
    }

    /** @param dataTriples the quads in the data graph, for {@code void:triples} */
    void write(long dataTriples) {
        describe();
        dates();
        themes();
        outcomes();
        contact();
        out.add(ds, Pmd.graph.asNode(), terms.dataGraph);
        out.add(ds, QB.structure.asNode(), CubeTerms.uri(terms.uris.structure(def.slug())));
        out.add(
                ds,
                VoID.triples.asNode(),
                NodeFactory.createLiteralDT(Long.toString(dataTriples), XSDDatatype.XSDinteger));
        distribution();
        // Period labels, in the form the publisher typed them (never the interval's duration).
        for (ReferencePeriod p : used.periods.values()) {
            out.add(terms.period(p), LABEL, text(p.label()));
        }
    }

    /** A theme's label from its slug: {@code health-and-social-care} -> "Health and social care". */
    static String themeLabel(String slug) {
        String words = slug.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private void describe() {
        out.add(ds, TYPE, QB.DataSet.asNode());
        out.add(ds, TYPE, Dcat.Dataset.asNode());
        out.add(ds, TYPE, VoID.Dataset.asNode());
        out.add(ds, LABEL, text(def.title()));
        out.add(ds, Dcterms.title.asNode(), text(def.title()));
        out.add(ds, Dcterms.description.asNode(), text(def.description()));
        out.add(ds, RDFS.comment.asNode(), text(def.description()));
        out.add(ds, Dcterms.publisher.asNode(), agent(def.publisher()));
        out.add(ds, Dcterms.creator.asNode(), agent(def.creator()));
        out.add(ds, Dcterms.license.asNode(), CubeTerms.uri(def.licence()));
        if (def.source() != null) {
            out.add(
                    ds,
                    Dcterms.source.asNode(),
                    isAbsoluteUri(def.source()) ? CubeTerms.uri(def.source()) : text(def.source()));
        }
        if (def.qualityNotes() != null) {
            out.add(ds, Pmd.qualityNotes.asNode(), text(def.qualityNotes()));
        }
    }

    private void dates() {
        if (def.issued() != null) {
            out.add(ds, Dcterms.issued.asNode(), NodeFactory.createLiteralDT(def.issued(), XSDDatatype.XSDdate));
        }
        out.add(
                ds,
                Dcterms.modified.asNode(),
                NodeFactory.createLiteralDT(
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), XSDDatatype.XSDdateTime));
        if (def.nextUpdateDue() != null) {
            out.add(
                    ds,
                    Pmd.nextUpdateDue.asNode(),
                    NodeFactory.createLiteralDT(def.nextUpdateDue(), XSDDatatype.XSDdate));
        }
    }

    /**
     * The theme folders are SKOS concepts of one scheme; each dataset states the ones it uses, so
     * every theme URI dereferences while any dataset carries it.
     */
    private void themes() {
        if (def.themes().isEmpty()) {
            return;
        }
        Node scheme = scheme(terms.uris.conceptScheme("themes"), "Themes");
        for (String theme : def.themes()) {
            Node t = CubeTerms.uri(terms.uris.theme(theme));
            out.add(ds, Dcat.theme.asNode(), t);
            topConcept(t, themeLabel(theme), scheme);
        }
    }

    /** National Performance Framework outcomes the dataset informs: dcterms:subject, concepts of their own scheme. */
    private void outcomes() {
        if (def.outcomes().isEmpty()) {
            return;
        }
        Node scheme =
                scheme(terms.uris.conceptScheme(NationalOutcome.SCHEME), "National Performance Framework outcomes");
        for (String slug : def.outcomes()) {
            NationalOutcome o = NationalOutcome.parse(slug).orElseThrow();
            Node t = CubeTerms.uri(terms.uris.concept(NationalOutcome.SCHEME, o.slug()));
            out.add(ds, Dcterms.subject.asNode(), t);
            topConcept(t, o.label(), scheme);
        }
    }

    private Node scheme(String uri, String label) {
        Node scheme = CubeTerms.uri(uri);
        out.add(scheme, TYPE, Skos.ConceptScheme.asNode());
        out.add(scheme, LABEL, text(label));
        return scheme;
    }

    private void topConcept(Node t, String label, Node scheme) {
        out.add(t, TYPE, Skos.Concept.asNode());
        out.add(t, Skos.prefLabel.asNode(), text(label));
        out.add(t, LABEL, text(label));
        out.add(t, Skos.inScheme.asNode(), scheme);
        out.add(t, Skos.topConceptOf.asNode(), scheme);
        out.add(scheme, Skos.hasTopConcept.asNode(), t);
    }

    private void contact() {
        if (def.contact() == null) {
            return;
        }
        String c = def.contact().strip();
        if (c.contains("@") && !c.contains(":")) {
            out.add(ds, Dcat.contactPoint.asNode(), CubeTerms.uri("mailto:" + c));
            out.add(ds, Pmd.contactEmail.asNode(), CubeTerms.uri("mailto:" + c));
        } else {
            out.add(ds, Dcat.contactPoint.asNode(), isAbsoluteUri(c) ? CubeTerms.uri(c) : text(c));
        }
    }

    private void distribution() {
        Node csv = CubeTerms.uri(terms.uris.dataset(def.slug()) + "/distribution/csv");
        out.add(ds, Dcat.distribution.asNode(), csv);
        out.add(csv, TYPE, Dcat.Distribution.asNode());
        out.add(csv, Dcterms.title.asNode(), text("Whole cube as CSV"));
        out.add(
                csv,
                Dcat.downloadURL.asNode(),
                CubeTerms.uri(terms.uris.base()
                        + UriScheme.cubeTablePath(terms.uris.dataset(def.slug()))
                                .substring(1)));
        out.add(csv, Dcat.mediaType.asNode(), text("text/csv"));
    }

    private Node agent(Agent a) {
        Node n = CubeTerms.uri(
                a.uri() != null ? a.uri() : terms.uris.concept("organisations", Slugs.slugify(a.label())));
        if (agentsWritten.add(n)) {
            out.add(n, LABEL, text(a.label()));
        }
        return n;
    }

    private static Node text(String s) {
        return StructureWriter.text(s);
    }

    private static boolean isAbsoluteUri(String s) {
        if (s.contains(" ")) {
            return false;
        }
        try {
            URI u = URI.create(s);
            return u.isAbsolute()
                    && (u.getScheme().startsWith("http") || u.getScheme().equals("mailto"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
