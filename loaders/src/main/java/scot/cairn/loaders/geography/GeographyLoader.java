package scot.cairn.loaders.geography;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

import scot.cairn.formats.InvalidInputException;
import scot.cairn.geography.Geography;
import scot.cairn.geography.LookupColumns;
import scot.cairn.geography.LookupFile;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.PublishTarget;
import scot.cairn.store.QuadSink;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.Foi;
import scot.cairn.vocab.Skos;
import scot.cairn.vocab.StatEntity;
import scot.cairn.vocab.StatGeography;
import scot.cairn.vocab.UriScheme;

/**
 * Loads a 2011 data zone lookup (one row per data zone, with the codes and names of the areas
 * above it; read and checked by {@link LookupFile}) into the statistical geography graph
 * {@link UriScheme#geographyGraph()}, in the shape {@link Geography#fromStore} reads back.
 *
 * <p>Every area of every level present is written as {@code {base}id/statistical-geography/{code}}
 * with: {@code rdf:type} {@link #AREA_CLASS} (the class statistics.data.gov.uk gives GSS areas);
 * {@code rdfs:label} and {@code foi:displayName} = the official name exactly as given
 * (placeholders such as {@code IZ01 - 01} kept); {@code foi:code} and {@code skos:notation} = the
 * code as a plain literal; {@code statEntity:code} = its level's statistical entity; {@code
 * foi:memberOf} = its level's collection; and {@code foi:within} every area that contains it
 * ({@link LookupFile} says which those are).
 *
 * <p>The whole file is read and checked before anything is written; the graph is then replaced in
 * one atomic {@link PublishTarget#replaceGraphs} call, so a reload replaces the old geography and
 * a rejected file leaves the target as it was. Problems are reported together (up to the error
 * limit) as an {@link InvalidInputException} with {@link LookupFile}'s rule ids. Instances are
 * immutable and may be shared between threads.
 */
public final class GeographyLoader {

    /** The {@code rdf:type} of every area: statistics.data.gov.uk's statistical geography class. */
    public static final String AREA_CLASS = StatGeography.NS + "Statistical-Geography";

    /** Errors collected before a load gives up, unless another limit is given. */
    public static final int DEFAULT_MAX_ERRORS = LookupFile.DEFAULT_MAX_ERRORS;

    private final UriScheme uris;
    private final int maxErrors;

    public GeographyLoader(UriScheme uris) {
        this(uris, DEFAULT_MAX_ERRORS);
    }

    /** @param maxErrors problems to collect before giving up; at least 1 */
    public GeographyLoader(UriScheme uris, int maxErrors) {
        this.uris = Objects.requireNonNull(uris, "uris must not be null");
        if (maxErrors < 1) {
            throw new IllegalArgumentException("maxErrors must be at least 1");
        }
        this.maxErrors = maxErrors;
    }

    /**
     * Loads {@code csv}, detecting its layout from the header ({@link LookupColumns#detect}).
     *
     * @throws InvalidInputException when the file is rejected; nothing is written
     * @throws scot.cairn.store.PublicationException when the target fails; it keeps its old content
     * @throws UncheckedIOException when the file cannot be read
     */
    public GeographyReport load(Path csv, PublishTarget target) {
        return publish(csv, LookupFile.read(csv, null, maxErrors), target);
    }

    /** Loads {@code csv} whose columns are described by {@code columns}; otherwise as {@link #load(Path, PublishTarget)}. */
    public GeographyReport load(Path csv, LookupColumns columns, PublishTarget target) {
        return publish(csv, LookupFile.read(csv, Objects.requireNonNull(columns, "columns must not be null"), maxErrors), target);
    }

    /**
     * Reads and checks {@code csv} without publishing it.
     *
     * @param columns the layout, or null to detect it
     * @throws InvalidInputException when the file is rejected
     */
    public Geography read(Path csv, LookupColumns columns) {
        return LookupFile.read(csv, columns, maxErrors).geography();
    }

    private GeographyReport publish(Path csv, LookupFile parsed, PublishTarget target) {
        Objects.requireNonNull(target, "target must not be null");
        Geography geography = parsed.geography();
        String graph = uris.geographyGraph();
        long quads = target.replaceGraphs(new GraphReplacement(List.of(graph), sink -> write(geography, graph, sink)));
        return new GeographyReport(csv, parsed.layout(), geography, quads);
    }

    // ---- writing

    private void write(Geography geography, String graphUri, QuadSink sink) {
        Node g = NodeFactory.createURI(graphUri);
        Node type = RDF.type.asNode();
        Node areaClass = NodeFactory.createURI(AREA_CLASS);
        Node label = RDFS.label.asNode();
        Node displayName = Foi.displayName.asNode();
        Node code = Foi.code.asNode();
        Node notation = Skos.notation.asNode();
        Node entityCode = StatEntity.code.asNode();
        Node memberOf = Foi.memberOf.asNode();
        Node within = Foi.within.asNode();
        Map<String, Node> areaNodes = new HashMap<>(geography.size() * 2);
        for (AreaLevel level : AreaLevel.values()) {
            Node entity = NodeFactory.createURI(uris.statisticalEntity(level.prefix()));
            Node collection = NodeFactory.createURI(uris.collection(level.collectionName()));
            for (Geography.Area area : geography.areas(level)) {
                Node s = areaNodes.computeIfAbsent(area.code(), c -> NodeFactory.createURI(uris.area(c)));
                Node name = NodeFactory.createLiteralString(area.name());
                Node codeLiteral = NodeFactory.createLiteralString(area.code());
                sink.add(g, s, type, areaClass);
                sink.add(g, s, label, name);
                sink.add(g, s, displayName, name);
                sink.add(g, s, code, codeLiteral);
                sink.add(g, s, notation, codeLiteral);
                sink.add(g, s, entityCode, entity);
                sink.add(g, s, memberOf, collection);
                for (String parent : area.within()) {
                    sink.add(g, s, within, areaNodes.computeIfAbsent(parent, c -> NodeFactory.createURI(uris.area(c))));
                }
            }
        }
    }
}
