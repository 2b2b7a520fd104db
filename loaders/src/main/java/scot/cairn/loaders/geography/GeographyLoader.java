package scot.cairn.loaders.geography;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.geography.CodeHistory;
import scot.cairn.geography.Geography;
import scot.cairn.geography.Lifecycle;
import scot.cairn.geography.LookupColumns;
import scot.cairn.geography.LookupFile;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.PublishTarget;
import scot.cairn.store.QuadSink;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.BoundaryChange;
import scot.cairn.vocab.CairnGeography;
import scot.cairn.vocab.Dcterms;
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
 * foi:memberOf} = its level's collection; {@code foi:within} every area that contains it
 * ({@link LookupFile} says which those are); and {@code statGeography:status} {@code "Live"}.
 *
 * <p>A {@link CodeHistory} (by default {@link CodeHistory#scotland()}, where it fits the lookup)
 * adds the archived areas in the same shape, with {@code status "Archive"}, {@code
 * boundary-change:terminateddate} (the last day in force, a reference.data.gov.uk day),
 * {@code dcterms:isReplacedBy} and {@code cairn-geo:boundaryChanged}, within the areas that
 * contained them while in force; the live areas that replaced them get {@code
 * boundary-change:operativedate} and {@code dcterms:replaces}.
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

    private static final Node AREA_TYPE = NodeFactory.createURI(AREA_CLASS);
    private static final Node LIVE = NodeFactory.createLiteralString(StatGeography.LIVE);
    private static final Node ARCHIVED = NodeFactory.createLiteralString(StatGeography.ARCHIVED);

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
     * Loads {@code csv}, detecting its layout from the header ({@link LookupColumns#detect}), with
     * the built-in history of Scotland's code changes where it fits ({@link CodeHistory#scotland()}).
     *
     * @throws InvalidInputException when the file is rejected; nothing is written
     * @throws scot.cairn.store.PublicationException when the target fails; it keeps its old content
     * @throws UncheckedIOException when the file cannot be read
     */
    public GeographyReport load(Path csv, PublishTarget target) {
        return load(csv, null, CodeHistory.scotland(), target);
    }

    /** Loads {@code csv} whose columns are described by {@code columns}; otherwise as {@link #load(Path, PublishTarget)}. */
    public GeographyReport load(Path csv, LookupColumns columns, PublishTarget target) {
        return load(csv, Objects.requireNonNull(columns, "columns must not be null"), CodeHistory.scotland(), target);
    }

    /**
     * Loads {@code csv} with the archived areas of {@code history}; the lookup and the history are
     * both checked before anything is written.
     *
     * @param columns the layout, or null to detect it
     * @param history the code history ({@link CodeHistory#NONE} for none)
     */
    public GeographyReport load(Path csv, LookupColumns columns, CodeHistory history, PublishTarget target) {
        Objects.requireNonNull(history, "history must not be null");
        LookupFile parsed = LookupFile.read(csv, columns, maxErrors);
        CodeHistory.Applied applied = history.applyTo(parsed.geography());
        return publish(csv, parsed.layout(), history, applied, target);
    }

    /**
     * Reads and checks {@code csv} without publishing it, with the built-in history where it fits.
     *
     * @param columns the layout, or null to detect it
     * @throws InvalidInputException when the file is rejected
     */
    public Geography read(Path csv, LookupColumns columns) {
        return read(csv, columns, CodeHistory.scotland());
    }

    /** Reads and checks {@code csv} and {@code history} without publishing them. */
    public Geography read(Path csv, LookupColumns columns, CodeHistory history) {
        return history.applyTo(LookupFile.read(csv, columns, maxErrors).geography())
                .geography();
    }

    private GeographyReport publish(
            Path csv, String layout, CodeHistory history, CodeHistory.Applied applied, PublishTarget target) {
        Objects.requireNonNull(target, "target must not be null");
        Geography geography = applied.geography();
        String graph = uris.geographyGraph();
        long quads = target.replaceGraphs(new GraphReplacement(List.of(graph), sink -> write(geography, graph, sink)));
        return new GeographyReport(
                csv,
                layout,
                geography,
                quads,
                history.source(),
                applied.applied().size());
    }

    // ---- writing

    private void write(Geography geography, String graphUri, QuadSink sink) {
        Node g = NodeFactory.createURI(graphUri);
        Map<String, Node> areaNodes = new HashMap<>(geography.size() * 2);
        java.util.function.Function<String, Node> node =
                c -> areaNodes.computeIfAbsent(c, x -> NodeFactory.createURI(uris.area(x)));
        for (AreaLevel level : AreaLevel.values()) {
            Node entity = NodeFactory.createURI(uris.statisticalEntity(level.prefix()));
            Node collection = NodeFactory.createURI(uris.collection(level.collectionName()));
            for (List<Geography.Area> areas : List.of(geography.areas(level), geography.archived(level))) {
                for (Geography.Area area : areas) {
                    writeArea(area, node, entity, collection, g, sink);
                }
            }
        }
    }

    private static void writeArea(
            Geography.Area area,
            java.util.function.Function<String, Node> node,
            Node entity,
            Node collection,
            Node g,
            QuadSink sink) {
        Node s = node.apply(area.code());
        Node name = NodeFactory.createLiteralString(area.name());
        Node codeLiteral = NodeFactory.createLiteralString(area.code());
        sink.add(g, s, RDF.type.asNode(), AREA_TYPE);
        sink.add(g, s, RDFS.label.asNode(), name);
        sink.add(g, s, Foi.displayName.asNode(), name);
        sink.add(g, s, Foi.code.asNode(), codeLiteral);
        sink.add(g, s, Skos.notation.asNode(), codeLiteral);
        sink.add(g, s, StatEntity.code.asNode(), entity);
        sink.add(g, s, Foi.memberOf.asNode(), collection);
        for (String parent : area.within()) {
            sink.add(g, s, Foi.within.asNode(), node.apply(parent));
        }
        Lifecycle life = area.lifecycle();
        sink.add(g, s, StatGeography.status.asNode(), life.live() ? LIVE : ARCHIVED);
        if (life.from() != null) {
            sink.add(
                    g,
                    s,
                    BoundaryChange.operativedate.asNode(),
                    NodeFactory.createURI(BoundaryChange.DAY + life.from()));
        }
        for (String earlier : life.replaces()) {
            sink.add(g, s, Dcterms.replaces.asNode(), node.apply(earlier));
        }
        if (!life.live()) {
            sink.add(
                    g,
                    s,
                    BoundaryChange.terminateddate.asNode(),
                    NodeFactory.createURI(BoundaryChange.DAY + life.until()));
            for (String later : life.replacedBy()) {
                sink.add(g, s, Dcterms.isReplacedBy.asNode(), node.apply(later));
            }
            sink.add(
                    g,
                    s,
                    CairnGeography.boundaryChanged.asNode(),
                    NodeFactory.createLiteralDT(Boolean.toString(life.boundaryChanged()), XSDDatatype.XSDboolean));
        }
    }
}
