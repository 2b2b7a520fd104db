package scot.cairn.versions;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import scot.cairn.store.QuadSink;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.UriScheme;

/** A dataset "tiny" of three observations, published as three versions: values 1-3, 4-6 and 7-9. */
final class TinyVersions {
    static final UriScheme URIS = UriScheme.defaultScheme();
    static final Node DATA = NodeFactory.createURI(URIS.graph("tiny"));
    static final Node META = NodeFactory.createURI(URIS.metadataGraph("tiny"));
    static final Node DS = NodeFactory.createURI(URIS.dataset("tiny"));
    static final Node VALUE = NodeFactory.createURI("http://example.org/value");
    /** Triples in the data graph of each version. */
    static final int TRIPLES = 10;

    private TinyVersions() {}

    /** Three observations with the given values, then the dataset's type and title: 10 data triples. */
    static void write(QuadSink sink, int... values) {
        for (int i = 0; i < values.length; i++) {
            Node obs = NodeFactory.createURI(URIS.dataset("tiny") + "/obs/" + i);
            sink.add(new Quad(DATA, obs, RDF.type.asNode(), QB.Observation.asNode()));
            sink.add(new Quad(DATA, obs, QB.dataSet.asNode(), DS));
            sink.add(new Quad(
                    DATA,
                    obs,
                    VALUE,
                    NodeFactory.createLiteralDT(Integer.toString(values[i]), XSDDatatype.XSDinteger)));
        }
        sink.add(new Quad(DATA, DS, RDF.type.asNode(), QB.DataSet.asNode()));
        sink.add(new Quad(META, DS, Dcterms.title.asNode(), NodeFactory.createLiteralString("Tiny")));
    }

    /** Publishes the three versions through {@code versions}. */
    static Versions publish(Versions versions) {
        for (int v = 0; v < 3; v++) {
            int first = 1 + 3 * v;
            versions.publish(
                    "tiny",
                    sink -> write(sink, first, first + 1, first + 2),
                    new Release("v" + (v + 1), Release.Kind.UPDATE),
                    null);
        }
        assertThat(versions.history("tiny")).extracting(VersionRecord::triples).containsOnly((long) TRIPLES);
        return versions;
    }
}
