package scot.cairn.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Terms of the namespace <code>http://purl.org/linked-data/sdmx/2009/dimension#</code>.
 *
 * @see <a href="https://github.com/UKGovLD/publishing-statistical-data/tree/master/specs/src/main/vocab">https://github.com/UKGovLD/publishing-statistical-data/tree/master/specs/src/main/vocab</a>
 */
public final class SdmxDimension {
    private SdmxDimension() {}

    public static final String NS = "http://purl.org/linked-data/sdmx/2009/dimension#";

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }

    // Properties
    public static final Property refArea = property("refArea");
    public static final Property refPeriod = property("refPeriod");
    public static final Property sex = property("sex");
    public static final Property age = property("age");
}
