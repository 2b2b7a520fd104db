package scot.cairn.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Terms of the GeoSPARQL 1.0 namespace <code>http://www.opengis.net/ont/geosparql#</code>, as
 * statistics.gov.scot uses them for area boundaries: {@code area geo:hasGeometry geometry},
 * {@code geometry geo:asWKT "MULTIPOLYGON (...)"^^geo:wktLiteral}. A WKT literal without a CRS IRI
 * is in CRS84 (WGS84 longitude, latitude).
 *
 * <p>(The publisher's RDF output already uses the prefix {@code geo:} for its own area URIs, so
 * this namespace has no prefix there.)
 *
 * @see <a href="https://www.ogc.org/standard/geosparql/">OGC GeoSPARQL</a>
 */
public final class Geo {
    private Geo() {}

    public static final String NS = "http://www.opengis.net/ont/geosparql#";

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }

    // Classes
    public static final Resource Geometry = resource("Geometry");
    public static final Resource Feature = resource("Feature");

    // Properties
    public static final Property hasGeometry = property("hasGeometry");
    public static final Property asWKT = property("asWKT");

    // Datatypes
    /** The datatype IRI of WKT literals. */
    public static final String wktLiteral = NS + "wktLiteral";
}
