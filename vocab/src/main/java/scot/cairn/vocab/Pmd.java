package scot.cairn.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Terms of the namespace <code>http://publishmydata.com/def/dataset#</code>.
 *
 * @see <a href="https://publishmydata.com/">https://publishmydata.com/</a>
 */
public final class Pmd {
    private Pmd() {}

    public static final String NS = "http://publishmydata.com/def/dataset#";

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }

    // Properties
    public static final Property nextUpdateDue = property("nextUpdateDue");
    public static final Property contactEmail = property("contactEmail");
    public static final Property graph = property("graph");
    public static final Property family = property("family");
    public static final Property qualityNotes = property("qualityNotes");
}
