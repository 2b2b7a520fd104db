package scot.cairn.vocab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * The publisher's shared vocabulary graph: labels for the external terms it uses, the
 * statistical entities and collections of the geography, the observation-status concepts
 * and the standard measure properties, all minted under one {@link UriScheme}.
 */
public final class PublisherVocabulary {
    private PublisherVocabulary() {}

    /** Measure properties every publisher offers; datasets may add their own. */
    public static final List<String> STANDARD_MEASURES = List.of(
            "count", "ratio", "mean", "median", "percent", "rank", "rate", "decile", "quintile", "index", "score");

    /** Observation status codes (SDMX code list CL_OBS_STATUS, plus "nil"). */
    public enum ObservationStatus {
        SUPPRESSED("suppressed", "Suppressed (confidential)"),
        NOT_AVAILABLE("not-available", "Not available"),
        NIL("nil", "Nil (zero, not a measured value)"),
        PROVISIONAL("provisional", "Provisional"),
        ESTIMATED("estimated", "Estimated");

        private final String code;
        private final String label;

        ObservationStatus(String code, String label) {
            this.code = code;
            this.label = label;
        }

        public String code() {
            return code;
        }

        public String label() {
            return label;
        }

        public static ObservationStatus parse(String text) {
            for (ObservationStatus s : values()) {
                if (s.code.equalsIgnoreCase(text.strip())
                        || s.name().equalsIgnoreCase(text.strip().replace('-', '_'))) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown observation status '" + text + "'; expected one of "
                    + java.util.Arrays.stream(values())
                            .map(ObservationStatus::code)
                            .toList());
        }
    }

    /** The external terms (Data Cube, SDMX, SKOS, DCAT, ...) with labels, independent of the base. */
    public static Model externalTerms() {
        Model m = ModelFactory.createDefaultModel();
        try (InputStream in = PublisherVocabulary.class.getResourceAsStream("external-terms.ttl")) {
            if (in == null) {
                throw new IllegalStateException("external-terms.ttl is missing from the vocab jar");
            }
            RDFParser.source(in).lang(Lang.TURTLE).parse(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /** The whole vocabulary graph for a publisher base. */
    public static Model build(UriScheme uris) {
        Model m = externalTerms();
        m.setNsPrefixes(prefixes(uris));
        for (AreaLevel level : AreaLevel.values()) {
            Resource entity = m.createResource(uris.statisticalEntity(level.prefix()))
                    .addProperty(RDF.type, StatEntity.Entity)
                    .addProperty(RDFS.label, level.label())
                    .addProperty(StatEntity.code, level.prefix());
            m.createResource(uris.collection(level.collectionName()))
                    .addProperty(RDF.type, Foi.Collection)
                    .addProperty(RDFS.label, level.collectionLabel())
                    .addProperty(RDFS.seeAlso, entity);
        }
        Resource statusScheme = m.createResource(uris.conceptScheme("observation-status"))
                .addProperty(RDF.type, Skos.ConceptScheme)
                .addProperty(RDFS.label, "Observation status");
        for (ObservationStatus s : ObservationStatus.values()) {
            m.createResource(uris.observationStatus(s.code()))
                    .addProperty(RDF.type, Skos.Concept)
                    .addProperty(RDFS.label, s.label())
                    .addProperty(Skos.prefLabel, s.label())
                    .addProperty(Skos.notation, s.code())
                    .addProperty(Skos.inScheme, statusScheme);
        }
        for (String measure : STANDARD_MEASURES) {
            m.createResource(uris.measureProperty(measure))
                    .addProperty(RDF.type, RDF.Property)
                    .addProperty(RDF.type, QB.MeasureProperty)
                    .addProperty(RDFS.label, Character.toUpperCase(measure.charAt(0)) + measure.substring(1));
        }
        return m;
    }

    /** The prefixes used in every RDF output of the publisher. */
    public static java.util.Map<String, String> prefixes(UriScheme uris) {
        java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("rdf", RDF.getURI());
        p.put("rdfs", RDFS.getURI());
        p.put("xsd", "http://www.w3.org/2001/XMLSchema#");
        p.put("qb", QB.NS);
        p.put("sdmx-dimension", SdmxDimension.NS);
        p.put("sdmx-attribute", SdmxAttribute.NS);
        p.put("sdmx-measure", SdmxMeasure.NS);
        p.put("skos", Skos.NS);
        p.put("dcat", Dcat.NS);
        p.put("dcterms", Dcterms.NS);
        p.put("void", VoID.NS);
        p.put("foi", Foi.NS);
        p.put("pmdcat", Pmd.NS);
        p.put("geo", uris.base() + "id/statistical-geography/");
        p.put("dim", uris.base() + "def/dimension/");
        p.put("mp", uris.base() + "def/measure-properties/");
        p.put("concept", uris.base() + "def/concept/");
        return p;
    }
}
