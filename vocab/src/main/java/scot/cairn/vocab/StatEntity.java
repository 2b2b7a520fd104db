package scot.cairn.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Terms of the namespace <code>http://statistics.data.gov.uk/def/statistical-entity#</code>.
 *
 * @see <a href="https://statistics.data.gov.uk/">https://statistics.data.gov.uk/</a>
 */
public final class StatEntity {
    private StatEntity() {}

    public static final String NS = "http://statistics.data.gov.uk/def/statistical-entity#";

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }

    // Classes
    public static final Resource Entity = resource("Entity");

    // Properties
    public static final Property code = property("code");
    public static final Property name = property("name");
    public static final Property abbreviation = property("abbreviation");
}
