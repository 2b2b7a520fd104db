package scot.cairn.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Terms of the namespace <code>http://www.w3.org/ns/dcat#</code>.
 *
 * @see <a href="https://www.w3.org/TR/vocab-dcat-3/">https://www.w3.org/TR/vocab-dcat-3/</a>
 */
public final class Dcat {
    private Dcat() {}

    public static final String NS = "http://www.w3.org/ns/dcat#";

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }

    // Classes
    public static final Resource Catalog = resource("Catalog");
    public static final Resource Dataset = resource("Dataset");
    public static final Resource Distribution = resource("Distribution");
    public static final Resource DataService = resource("DataService");
    public static final Resource Resource = resource("Resource");

    // Properties
    public static final Property dataset = property("dataset");
    public static final Property distribution = property("distribution");
    public static final Property downloadURL = property("downloadURL");
    public static final Property accessURL = property("accessURL");
    public static final Property mediaType = property("mediaType");
    public static final Property theme = property("theme");
    public static final Property themeTaxonomy = property("themeTaxonomy");
    public static final Property keyword = property("keyword");
    public static final Property contactPoint = property("contactPoint");
    public static final Property landingPage = property("landingPage");
    public static final Property hasVersion = property("hasVersion");
    public static final Property version = property("version");
    public static final Property isVersionOf = property("isVersionOf");
    public static final Property previousVersion = property("previousVersion");
    public static final Property hasCurrentVersion = property("hasCurrentVersion");
    public static final Property byteSize = property("byteSize");
    public static final Property endpointURL = property("endpointURL");
}
