package scot.cairn.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Terms of the namespace <code>http://www.w3.org/2004/02/skos/core#</code>.
 *
 * @see <a href="https://www.w3.org/TR/skos-reference/">https://www.w3.org/TR/skos-reference/</a>
 */
public final class Skos {
    private Skos() {}

    public static final String NS = "http://www.w3.org/2004/02/skos/core#";

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }

    // Classes
    public static final Resource Concept = resource("Concept");
    public static final Resource ConceptScheme = resource("ConceptScheme");
    public static final Resource Collection = resource("Collection");

    // Properties
    public static final Property prefLabel = property("prefLabel");
    public static final Property altLabel = property("altLabel");
    public static final Property notation = property("notation");
    public static final Property inScheme = property("inScheme");
    public static final Property hasTopConcept = property("hasTopConcept");
    public static final Property topConceptOf = property("topConceptOf");
    public static final Property member = property("member");
    public static final Property broader = property("broader");
    public static final Property narrower = property("narrower");
    public static final Property definition = property("definition");
    public static final Property note = property("note");
    public static final Property scopeNote = property("scopeNote");
}
