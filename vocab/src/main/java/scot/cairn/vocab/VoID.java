package scot.cairn.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Terms of the namespace <code>http://rdfs.org/ns/void#</code>.
 *
 * @see <a href="https://www.w3.org/TR/void/">https://www.w3.org/TR/void/</a>
 */
public final class VoID {
    private VoID() {}

    public static final String NS = "http://rdfs.org/ns/void#";

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }

    // Classes
    public static final Resource Dataset = resource("Dataset");

    // Properties
    public static final Property triples = property("triples");
    public static final Property entities = property("entities");
    public static final Property sparqlEndpoint = property("sparqlEndpoint");
    public static final Property dataDump = property("dataDump");
    public static final Property vocabulary = property("vocabulary");
    public static final Property subset = property("subset");
    public static final Property classes = property("classes");
    public static final Property properties = property("properties");
    public static final Property distinctSubjects = property("distinctSubjects");
    public static final Property distinctObjects = property("distinctObjects");
    public static final Property rootResource = property("rootResource");
    public static final Property exampleResource = property("exampleResource");
    public static final Property uriSpace = property("uriSpace");
}
