package scot.cairn.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Terms of the namespace <code>http://publishmydata.com/def/ontology/foi/</code>.
 *
 * @see <a href="https://publishmydata.com/">https://publishmydata.com/</a>
 */
public final class Foi {
    private Foi() {}

    public static final String NS = "http://publishmydata.com/def/ontology/foi/";

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }

    // Classes
    public static final Resource Collection = resource("Collection");

    // Properties
    public static final Property within = property("within");
    public static final Property contains = property("contains");
    public static final Property memberOf = property("memberOf");
    public static final Property code = property("code");
    public static final Property displayName = property("displayName");
}
