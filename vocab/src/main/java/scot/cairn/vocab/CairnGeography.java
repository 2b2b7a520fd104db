package scot.cairn.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Terms of the publisher's own namespace for the history of the geography,
 * <code>https://cairn.scot/def/geography#</code>: what the ONS and PublishMyData vocabularies do
 * not say. Replacements themselves are {@code dcterms:replaces} / {@code dcterms:isReplacedBy}
 * between the areas, with the dates in {@link BoundaryChange} and the status in
 * {@link StatGeography#status}.
 */
public final class CairnGeography {
    private CairnGeography() {}

    public static final String NS = "https://cairn.scot/def/geography#";

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }

    // Properties
    /**
     * On an archived area: {@code true} when the area that replaced it has another boundary (its
     * figures are kept apart), {@code false} when only the code changed (it is the same area).
     */
    public static final Property boundaryChanged = property("boundaryChanged");
}
