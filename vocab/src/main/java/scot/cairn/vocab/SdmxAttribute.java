package scot.cairn.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Terms of the namespace <code>http://purl.org/linked-data/sdmx/2009/attribute#</code>.
 *
 * @see <a href="https://github.com/UKGovLD/publishing-statistical-data/tree/master/specs/src/main/vocab">https://github.com/UKGovLD/publishing-statistical-data/tree/master/specs/src/main/vocab</a>
 */
public final class SdmxAttribute {
    private SdmxAttribute() {}

    public static final String NS = "http://purl.org/linked-data/sdmx/2009/attribute#";

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }

    // Properties
    public static final Property unitMeasure = property("unitMeasure");
    public static final Property obsStatus = property("obsStatus");
}
