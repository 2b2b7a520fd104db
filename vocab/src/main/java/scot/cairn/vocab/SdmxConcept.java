package scot.cairn.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Terms of the namespace <code>http://purl.org/linked-data/sdmx/2009/concept#</code>.
 *
 * @see <a href="https://github.com/UKGovLD/publishing-statistical-data/tree/master/specs/src/main/vocab">https://github.com/UKGovLD/publishing-statistical-data/tree/master/specs/src/main/vocab</a>
 */
public final class SdmxConcept {
    private SdmxConcept() {}

    public static final String NS = "http://purl.org/linked-data/sdmx/2009/concept#";

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }

    // Properties
    public static final Property refArea = property("refArea");
    public static final Property refPeriod = property("refPeriod");
    public static final Property unitMeasure = property("unitMeasure");
    public static final Property obsStatus = property("obsStatus");
}
