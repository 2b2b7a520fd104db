package scot.cairn.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Terms of the namespace <code>http://statistics.data.gov.uk/def/statistical-geography#</code>.
 *
 * <p>statistics.gov.scot gives every area, current or archived, a {@link #status}: the plain
 * literal {@value #LIVE} or {@value #ARCHIVED} (its own queries filter on {@code status 'Live'}).
 *
 * @see <a href="https://statistics.data.gov.uk/">https://statistics.data.gov.uk/</a>
 */
public final class StatGeography {
    private StatGeography() {}

    public static final String NS = "http://statistics.data.gov.uk/def/statistical-geography#";

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }

    // Properties
    public static final Property officialName = property("officialName");
    /** {@value #LIVE} for an area in force, {@value #ARCHIVED} for one whose code was replaced. */
    public static final Property status = property("status");

    public static final Property parentcode = property("parentcode");

    // Values of status, as statistics.gov.scot writes them
    public static final String LIVE = "Live";
    public static final String ARCHIVED = "Archive";
}
