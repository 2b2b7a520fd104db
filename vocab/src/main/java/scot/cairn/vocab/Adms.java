package scot.cairn.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Terms of the namespace <code>http://www.w3.org/ns/adms#</code>.
 *
 * @see <a href="https://www.w3.org/TR/vocab-adms/">https://www.w3.org/TR/vocab-adms/</a>
 */
public final class Adms {
    private Adms() {}

    public static final String NS = "http://www.w3.org/ns/adms#";

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }

    // Properties
    public static final Property versionNotes = property("versionNotes");
    public static final Property status = property("status");
}
