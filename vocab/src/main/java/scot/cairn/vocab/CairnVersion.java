package scot.cairn.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Terms of the publisher's own namespace for dataset versions,
 * <code>https://cairn.scot/def/versions#</code>: what DCAT and ADMS do not say (the kind of a
 * release, its change counts, its content checksum, whether a citation points to it, and how many
 * versions a dataset keeps). Versions are otherwise described with {@code dcat:version},
 * {@code dcat:isVersionOf}, {@code dcterms:isVersionOf}, {@code dcat:previousVersion},
 * {@code adms:versionNotes} and {@code dcterms:issued}.
 */
public final class CairnVersion {
    private CairnVersion() {}

    public static final String NS = "https://cairn.scot/def/versions#";

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }

    // Classes
    /** A released version of a dataset; deliberately not a {@code qb:DataSet}, so catalogues list datasets only. */
    public static final Resource Version = resource("Version");

    // Properties
    /** {@code "update"} (routine) or {@code "correction"} (of an error). */
    public static final Property kind = property("kind");
    /** The version's content checksum: {@code sha256-sum:} and 64 hex digits (see docs/versions.md). */
    public static final Property checksum = property("checksum");

    public static final Property observations = property("observations");
    public static final Property triples = property("triples");
    public static final Property added = property("observationsAdded");
    public static final Property removed = property("observationsRemoved");
    public static final Property changed = property("observationsChanged");
    /** True when a citation points to the version: deleting it then needs an explicit flag. */
    public static final Property cited = property("cited");
    /** On a dataset: how many versions to keep (0 or absent: all). */
    public static final Property keepVersions = property("keepVersions");
    /** On a dataset: its current version. */
    public static final Property currentVersion = property("currentVersion");
}
