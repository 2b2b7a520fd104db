package scot.cairn.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Terms of the namespace <code>http://purl.org/dc/terms/</code>.
 *
 * @see <a href="https://www.dublincore.org/specifications/dublin-core/dcmi-terms/">https://www.dublincore.org/specifications/dublin-core/dcmi-terms/</a>
 */
public final class Dcterms {
    private Dcterms() {}

    public static final String NS = "http://purl.org/dc/terms/";

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }

    // Properties
    public static final Property title = property("title");
    public static final Property description = property("description");
    public static final Property publisher = property("publisher");
    public static final Property creator = property("creator");
    public static final Property license = property("license");
    public static final Property rights = property("rights");
    public static final Property issued = property("issued");
    public static final Property modified = property("modified");
    public static final Property source = property("source");
    public static final Property identifier = property("identifier");
    public static final Property subject = property("subject");
    public static final Property references = property("references");
    public static final Property isVersionOf = property("isVersionOf");
    public static final Property hasVersion = property("hasVersion");
    public static final Property format = property("format");
    public static final Property conformsTo = property("conformsTo");
    public static final Property accrualPeriodicity = property("accrualPeriodicity");
    public static final Property temporal = property("temporal");
    public static final Property spatial = property("spatial");
    public static final Property created = property("created");
    public static final Property replaces = property("replaces");
    public static final Property isReplacedBy = property("isReplacedBy");
}
