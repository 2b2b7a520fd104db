package scot.cairn.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Terms of the ONS boundary-change namespace <code>http://statistics.data.gov.uk/def/boundary-change/</code>,
 * which statistics.data.gov.uk (like statistics.gov.scot, a PublishMyData site) uses for the dates
 * between which a GSS code is in force. Their object is the day as a reference.data.gov.uk URI,
 * {@code http://reference.data.gov.uk/id/day/2019-04-01}, as on statistics.data.gov.uk.
 *
 * @see <a href="https://statistics.data.gov.uk/">https://statistics.data.gov.uk/</a>
 */
public final class BoundaryChange {
    private BoundaryChange() {}

    public static final String NS = "http://statistics.data.gov.uk/def/boundary-change/";

    /** The days of reference.data.gov.uk: {@code DAY + "2019-04-01"}. */
    public static final String DAY = "http://reference.data.gov.uk/id/day/";

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }

    // Properties
    /** The first day the code is in force. */
    public static final Property operativedate = property("operativedate");
    /** The last day the code was in force. */
    public static final Property terminateddate = property("terminateddate");
}
