package scot.cairn.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Terms of the namespace <code>http://purl.org/linked-data/cube#</code>.
 *
 * @see <a href="https://www.w3.org/TR/vocab-data-cube/">https://www.w3.org/TR/vocab-data-cube/</a>
 */
public final class QB {
    private QB() {}

    public static final String NS = "http://purl.org/linked-data/cube#";

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }

    // Classes
    public static final Resource DataSet = resource("DataSet");
    public static final Resource Observation = resource("Observation");
    public static final Resource DataStructureDefinition = resource("DataStructureDefinition");
    public static final Resource ComponentSpecification = resource("ComponentSpecification");
    public static final Resource ComponentProperty = resource("ComponentProperty");
    public static final Resource DimensionProperty = resource("DimensionProperty");
    public static final Resource MeasureProperty = resource("MeasureProperty");
    public static final Resource AttributeProperty = resource("AttributeProperty");
    public static final Resource CodedProperty = resource("CodedProperty");
    public static final Resource Slice = resource("Slice");
    public static final Resource SliceKey = resource("SliceKey");
    public static final Resource ObservationGroup = resource("ObservationGroup");
    public static final Resource HierarchicalCodeList = resource("HierarchicalCodeList");

    // Properties
    public static final Property dataSet = property("dataSet");
    public static final Property structure = property("structure");
    public static final Property component = property("component");
    public static final Property componentProperty = property("componentProperty");
    public static final Property dimension = property("dimension");
    public static final Property measure = property("measure");
    public static final Property attribute = property("attribute");
    public static final Property measureType = property("measureType");
    public static final Property order = property("order");
    public static final Property codeList = property("codeList");
    public static final Property componentRequired = property("componentRequired");
    public static final Property componentAttachment = property("componentAttachment");
    public static final Property slice = property("slice");
    public static final Property sliceKey = property("sliceKey");
    public static final Property sliceStructure = property("sliceStructure");
    public static final Property observation = property("observation");
    public static final Property observationGroup = property("observationGroup");
    public static final Property concept = property("concept");
    public static final Property parentChildProperty = property("parentChildProperty");
    public static final Property hierarchyRoot = property("hierarchyRoot");
    public static final Property measureDimension = property("measureDimension");
}
