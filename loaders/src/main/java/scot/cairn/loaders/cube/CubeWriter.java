package scot.cairn.loaders.cube;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.store.QuadSink;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.Dcat;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.NationalOutcome;
import scot.cairn.vocab.Pmd;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.SdmxAttribute;
import scot.cairn.vocab.SdmxDimension;
import scot.cairn.vocab.Skos;
import scot.cairn.vocab.Slugs;
import scot.cairn.vocab.UriScheme;
import scot.cairn.vocab.VoID;

/**
 * Validates the tidy rows of one file against its definition and, while no error has been
 * found, streams the dataset's quads into a sink: observations as they are read, then the
 * structure, code lists and metadata, which need the whole file. After the first error nothing
 * more is written, but validation goes on up to the error limit; {@link #finish} then throws,
 * which aborts the publication around it.
 */
final class CubeWriter {

    static {
        // Jena must initialise before its vocabulary classes are touched, or its class-init order breaks.
        org.apache.jena.sys.JenaSystem.init();
    }

    private static final Node TYPE = RDF.type.asNode();
    private static final Node LABEL = RDFS.label.asNode();
    private static final Node OBSERVATION = QB.Observation.asNode();
    private static final Node DATA_SET = QB.dataSet.asNode();
    private static final Node REF_AREA = SdmxDimension.refArea.asNode();
    private static final Node REF_PERIOD = SdmxDimension.refPeriod.asNode();
    private static final Node MEASURE_TYPE = QB.measureType.asNode();
    private static final Node UNIT_MEASURE = SdmxAttribute.unitMeasure.asNode();
    private static final Node OBS_STATUS = SdmxAttribute.obsStatus.asNode();

    private final CubeDefinition def;
    private final UriScheme uris;
    private final AreaDirectory areas;
    private final Set<AreaLevel> levels;
    private final String fileName;
    private final int maxErrors;
    private final LoadProgress progress;
    private QuadSink sink;

    private final Node data;
    private final Node metadata;
    private final Node dataset;
    private final String observationPrefix;
    private final List<DimensionSpec> dims;
    private final Node[] dimProperties;

    private final List<InputError> errors = new ArrayList<>();
    private boolean truncated;
    private long rows;
    private long observations;
    private long dataQuads;
    private long metadataQuads;
    private final long started = System.nanoTime();
    private long lastReport = started;

    // Caches (bounded by the number of distinct values, not rows) and what the file used.
    private final Map<String, Node> areaNodes = new HashMap<>();
    private final Map<String, Object> periods = new HashMap<>();
    private final Map<String, ReferencePeriod> periodsUsed = new LinkedHashMap<>();
    private final List<Map<String, Object>> codeCache = new ArrayList<>();
    private final List<Map<String, String>> codesUsed = new ArrayList<>();
    private final Set<MeasureSpec> measuresUsed = new LinkedHashSet<>();
    private final Map<MeasureSpec, Node> measureNodes = new HashMap<>();
    private final Map<String, String> unitsUsed = new LinkedHashMap<>();
    private final Map<String, Node> unitNodes = new HashMap<>();
    private final Map<String, Node> statusNodes = new HashMap<>();
    private final Map<String, String> markers;
    private final ObservationKeys keys = new ObservationKeys();
    private final StringBuilder uri = new StringBuilder(128);

    CubeWriter(CubeDefinition def, UriScheme uris, AreaDirectory areas, String fileName, int maxErrors,
               LoadProgress progress, QuadSink sink) {
        if (maxErrors < 1) {
            throw new IllegalArgumentException("the error limit must be at least 1");
        }
        this.def = def;
        this.uris = uris;
        this.areas = areas;
        this.levels = def.allowedLevels();
        this.fileName = fileName;
        this.maxErrors = maxErrors;
        this.progress = progress;
        this.sink = sink;
        this.data = NodeFactory.createURI(uris.graph(def.slug()));
        this.metadata = NodeFactory.createURI(uris.metadataGraph(def.slug()));
        this.dataset = NodeFactory.createURI(uris.dataset(def.slug()));
        this.observationPrefix = uris.observation(def.slug());
        this.dims = def.dimensions();
        this.dimProperties = new Node[dims.size()];
        for (int i = 0; i < dims.size(); i++) {
            dimProperties[i] = NodeFactory.createURI(uris.dimension(dims.get(i).name()));
            codeCache.add(new HashMap<>());
            codesUsed.add(new LinkedHashMap<>());
        }
        this.markers = def.markers();
        for (MeasureSpec m : def.measures()) {
            measureNodes.put(m, NodeFactory.createURI(uris.measureProperty(m.property())));
        }
    }

    List<InputError> errors() { return errors; }

    boolean truncated() { return truncated; }

    long observations() { return observations; }

    long quads() { return dataQuads + metadataQuads; }

    /** Marker observations by status. */
    Map<String, Long> statuses() { return statusCounts; }

    private final Map<String, Long> statusCounts = new java.util.TreeMap<>();

    /** Records a problem found outside a row (e.g. a row of the wrong length); false once the limit is reached. */
    boolean error(InputError e) {
        sink = null;
        if (errors.size() >= maxErrors) {
            truncated = true;
            return false;
        }
        errors.add(e);
        return true;
    }

    private boolean error(CubeRows.Row row, int field, String rule, String message) {
        return error(new InputError(fileName, row.line, row.column(field), rule, message));
    }

    /** Validates one tidy row and writes its observation; false when the error limit is reached. */
    boolean row(CubeRows.Row row) {
        rows++;
        if ((rows & 0x3FFF) == 0) {
            long now = System.nanoTime();
            if (now - lastReport > 250_000_000L) {
                lastReport = now;
                progress.update(rows, rows / ((now - started) / 1e9), false);
            }
        }
        int before = errors.size();

        String area = row.value(CubeRows.AREA);
        // GSS codes are upper case; a publisher's lower-case copy names the same area.
        area = area == null ? "" : area.strip().toUpperCase(java.util.Locale.ROOT);
        Node areaNode = areaNodes.get(area);
        if (areaNode == null) {
            var level = areas.levelOf(area);
            if (level.isEmpty()) {
                if (!error(row, CubeRows.AREA, "unknown-area", area.isEmpty() ? "missing area code"
                        : "unknown area code " + area + " (not in the loaded geography)")) {
                    return false;
                }
            } else if (!levels.contains(level.get())) {
                if (!error(row, CubeRows.AREA, "area-level", "area " + area + " is at level " + level.get().label()
                        + ", which the definition does not allow (levels: " + String.join(", ", def.levels()) + ")")) {
                    return false;
                }
            } else {
                areaNode = NodeFactory.createURI(uris.area(area));
                areaNodes.put(area, areaNode);
            }
        }

        String periodCell = row.value(CubeRows.PERIOD);
        ReferencePeriod period = null;
        Object p = periods.get(periodCell == null ? "" : periodCell);
        if (p == null) {
            try {
                period = ReferencePeriod.parse(periodCell == null ? "" : periodCell);
                p = period;
            } catch (IllegalArgumentException e) {
                p = e.getMessage();
            }
            periods.put(periodCell == null ? "" : periodCell, p);
        }
        if (p instanceof ReferencePeriod rp) {
            period = rp;
        } else if (!error(row, CubeRows.PERIOD, "malformed-period", (String) p)) {
            return false;
        }

        String measurement = row.value(CubeRows.MEASUREMENT);
        MeasureSpec measure = measurement == null ? null : def.measure(measurement);
        if (measure == null) {
            if (!error(row, CubeRows.MEASUREMENT, "unknown-measure", "unknown measure type '" + measurement
                    + "' (the definition declares: " + String.join(", ", def.measures().stream().map(MeasureSpec::measurement).toList()) + ")")) {
                return false;
            }
        }

        String unitSlug = null;
        if (measure != null) {
            String unitCell = row.value(CubeRows.UNITS);
            if (unitCell == null) {
                unitCell = measure.units().size() == 1 ? measure.units().get(0) : "";
            }
            unitSlug = measure.unitSlug(unitCell);
            if (unitSlug == null) {
                if (!error(row, CubeRows.UNITS, "unit-mismatch", "unit '" + unitCell.strip() + "' does not belong to measure type "
                        + measure.measurement() + " (allowed: " + String.join(", ", measure.units()) + ")")) {
                    return false;
                }
            } else if (!unitsUsed.containsKey(unitSlug)) {
                unitsUsed.put(unitSlug, unitCell.strip());
                unitNodes.put(unitSlug, NodeFactory.createURI(uris.unit(unitSlug)));
            }
        }

        String[] codes = new String[dims.size()];
        for (int d = 0; d < dims.size(); d++) {
            String cell = row.value(CubeRows.FIRST_DIMENSION + d);
            cell = cell == null ? "" : cell;
            Object c = codeCache.get(d).get(cell);
            if (c == null) {
                c = code(dims.get(d), cell);
                codeCache.get(d).put(cell, c);
            }
            if (c instanceof CodeSpec cs) {
                codes[d] = cs.code();
                codesUsed.get(d).putIfAbsent(cs.code(), cs.label());
            } else if (!error(row, CubeRows.FIRST_DIMENSION + d, "code-not-in-list", (String) c)) {
                return false;
            }
        }

        String value = row.value(CubeRows.VALUE);
        value = value == null ? "" : value.strip();
        String status = markers.get(value);
        String lexical = null;
        if (status == null && measure != null) {
            lexical = lexical(value, measure.datatype());
            if (lexical == null) {
                if (!error(row, CubeRows.VALUE, "not-a-number", "value '" + value + "' is neither a "
                        + (measure.datatype().equals("integer") ? "whole number" : "number") + " nor a declared marker ("
                        + String.join(", ", markers.keySet()) + ")")) {
                    return false;
                }
            }
        }

        if (errors.size() > before || measure == null || period == null || areaNode == null) {
            return true;
        }

        uri.setLength(0);
        uri.append(observationPrefix).append('/').append(area).append('/').append(period.key());
        for (String code : codes) {
            uri.append('/').append(code);
        }
        uri.append('/').append(measure.property());
        long earlier = keys.add(uri, row.line);
        if (earlier != 0) {
            return error(row, CubeRows.AREA, "IC-12", "duplicate observation: same area, period, dimensions and measure type as line " + earlier);
        }
        observations++;
        if (status != null) {
            statusCounts.merge(status, 1L, Long::sum);
        }
        periodsUsed.putIfAbsent(period.uri(), period);
        measuresUsed.add(measure);
        if (sink == null) {
            return true;
        }
        Node obs = NodeFactory.createURI(uri.toString());
        Node mp = measureNodes.get(measure);
        data(obs, TYPE, OBSERVATION);
        data(obs, DATA_SET, dataset);
        data(obs, REF_AREA, areaNode);
        data(obs, REF_PERIOD, periodNode(period));
        data(obs, MEASURE_TYPE, mp);
        for (int d = 0; d < dims.size(); d++) {
            data(obs, dimProperties[d], conceptNode(d, codes[d]));
        }
        if (status == null) {
            data(obs, mp, NodeFactory.createLiteralDT(lexical, datatype(measure.datatype())));
        } else {
            data(obs, OBS_STATUS, statusNodes.computeIfAbsent(status, s -> NodeFactory.createURI(uris.observationStatus(s))));
        }
        data(obs, UNIT_MEASURE, unitNodes.get(unitSlug));
        return true;
    }

    private final Map<String, Node> periodNodes = new HashMap<>();
    private final List<Map<String, Node>> conceptNodes = new ArrayList<>();

    private Node periodNode(ReferencePeriod p) {
        return periodNodes.computeIfAbsent(p.uri(), NodeFactory::createURI);
    }

    private Node conceptNode(int d, String code) {
        while (conceptNodes.size() <= d) {
            conceptNodes.add(new HashMap<>());
        }
        return conceptNodes.get(d).computeIfAbsent(code, c -> NodeFactory.createURI(uris.concept(dims.get(d).scheme(), c)));
    }

    /** The code a cell names, or an error message. */
    private static Object code(DimensionSpec d, String cell) {
        if (d.explicit()) {
            CodeSpec c = d.match(cell);
            if (c != null) {
                return c;
            }
            List<String> known = d.codes().stream().map(CodeSpec::label).toList();
            return "code '" + cell.strip() + "' is not in the code list of dimension " + d.label() + " ("
                    + String.join(", ", known.size() > 12 ? known.subList(0, 12) : known) + (known.size() > 12 ? ", ..." : "") + ")";
        }
        try {
            return new CodeSpec(Slugs.slugify(cell), cell.strip(), null);
        } catch (IllegalArgumentException e) {
            return "value '" + cell.strip() + "' of dimension " + d.label() + " has no letter or digit to make a code from";
        }
    }

    private static RDFDatatype datatype(String name) {
        return switch (name) {
            case "integer" -> XSDDatatype.XSDinteger;
            case "double" -> XSDDatatype.XSDdouble;
            default -> XSDDatatype.XSDdecimal;
        };
    }

    static String lexical(String s, String datatype) {
        return NumberText.lexical(s, datatype);
    }

    private void data(Node s, Node p, Node o) {
        sink.add(new Quad(data, s, p, o));
        dataQuads++;
    }

    private void meta(Node s, Node p, Node o) {
        sink.add(new Quad(metadata, s, p, o));
        metadataQuads++;
    }

    /**
     * Writes the structure, code lists and metadata, or throws when any error was found.
     *
     * @throws InvalidInputException listing every problem found
     */
    void finish() {
        if (errors.isEmpty() && observations == 0) {
            error(new InputError(fileName, 0, 0, "no-observations", "the file holds no observations"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, truncated);
        }
        long now = System.nanoTime();
        progress.update(rows, rows / Math.max((now - started) / 1e9, 1e-9), true);
        if (sink == null) {
            return;
        }
        writeStructure();
        writeMetadata();
    }

    private Node uri(String u) {
        return NodeFactory.createURI(u);
    }

    private static Node text(String s) {
        return NodeFactory.createLiteralString(s);
    }

    private void writeStructure() {
        String slug = def.slug();
        Node dsd = uri(uris.structure(slug));
        data(dataset, TYPE, QB.DataSet.asNode());
        data(dataset, LABEL, text(def.title()));
        data(dataset, QB.structure.asNode(), dsd);
        data(dsd, TYPE, QB.DataStructureDefinition.asNode());
        data(dsd, LABEL, text("Structure of " + def.title()));
        int order = 0;

        // Area
        Node areaList = uri(uris.codeList(slug, "refArea"));
        component(dsd, "refArea", QB.dimension.asNode(), REF_AREA, ++order, areaList);
        codeList(areaList, "Areas used in " + def.title());
        for (String code : areaNodes.keySet()) {
            data(areaList, Skos.member.asNode(), areaNodes.get(code));
        }
        // Period
        Node periodList = uri(uris.codeList(slug, "refPeriod"));
        component(dsd, "refPeriod", QB.dimension.asNode(), REF_PERIOD, ++order, periodList);
        codeList(periodList, "Periods used in " + def.title());
        for (ReferencePeriod p : periodsUsed.values()) {
            data(periodList, Skos.member.asNode(), periodNode(p));
        }
        // Other dimensions
        for (int d = 0; d < dims.size(); d++) {
            DimensionSpec dim = dims.get(d);
            Node list = uri(uris.codeList(slug, dim.scheme()));
            Node scheme = uri(uris.conceptScheme(dim.scheme()));
            component(dsd, dim.name(), QB.dimension.asNode(), dimProperties[d], ++order, list);
            data(dimProperties[d], TYPE, RDF.Property.asNode());
            data(dimProperties[d], TYPE, QB.DimensionProperty.asNode());
            data(dimProperties[d], TYPE, QB.CodedProperty.asNode());
            data(dimProperties[d], LABEL, text(dim.label()));
            data(dimProperties[d], RDFS.range.asNode(), Skos.Concept.asNode());
            // The property-wide list is the whole concept scheme, which holds for every dataset using the dimension.
            data(dimProperties[d], QB.codeList.asNode(), scheme);
            data(scheme, TYPE, Skos.ConceptScheme.asNode());
            data(scheme, LABEL, text(dim.label()));
            codeList(list, dim.label() + " codes used in " + def.title());
            Map<String, String> used = codesUsed.get(d);
            Map<String, CodeSpec> all = new LinkedHashMap<>();
            if (dim.explicit()) {
                dim.codes().forEach(c -> all.put(c.code(), c));
            } else {
                used.forEach((code, label) -> all.put(code, new CodeSpec(code, label, null)));
            }
            for (CodeSpec c : all.values()) {
                Node concept = conceptNode(d, c.code());
                data(concept, TYPE, Skos.Concept.asNode());
                data(concept, LABEL, text(c.label()));
                data(concept, Skos.prefLabel.asNode(), text(c.label()));
                data(concept, Skos.notation.asNode(), text(c.code()));
                data(concept, Skos.inScheme.asNode(), scheme);
                if (c.parent() != null) {
                    data(concept, Skos.broader.asNode(), conceptNode(d, c.parent()));
                } else {
                    data(scheme, Skos.hasTopConcept.asNode(), concept);
                }
            }
            for (String code : used.keySet()) {
                data(list, Skos.member.asNode(), conceptNode(d, code));
            }
        }
        // Measure type
        Node measureList = uri(uris.codeList(slug, "measureType"));
        component(dsd, "measureType", QB.dimension.asNode(), MEASURE_TYPE, ++order, measureList);
        codeList(measureList, "Measure types used in " + def.title());
        for (MeasureSpec m : measuresUsed) {
            data(measureList, Skos.member.asNode(), measureNodes.get(m));
        }
        for (MeasureSpec m : def.measures()) {
            Node mp = measureNodes.get(m);
            component(dsd, "measure-" + m.property(), QB.measure.asNode(), mp, ++order, null);
            data(mp, TYPE, RDF.Property.asNode());
            data(mp, TYPE, QB.MeasureProperty.asNode());
            data(mp, LABEL, text(m.measurement()));
        }
        // Attributes
        Node unitSpec = component(dsd, "unitMeasure", QB.attribute.asNode(), UNIT_MEASURE, ++order, null);
        data(unitSpec, QB.componentRequired.asNode(), NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean));
        Node statusSpec = component(dsd, "obsStatus", QB.attribute.asNode(), OBS_STATUS, ++order, null);
        data(statusSpec, QB.componentRequired.asNode(), NodeFactory.createLiteralDT("false", XSDDatatype.XSDboolean));
        Node unitScheme = uri(uris.conceptScheme("measure-units"));
        data(unitScheme, TYPE, Skos.ConceptScheme.asNode());
        data(unitScheme, LABEL, text("Measure units"));
        unitsUsed.forEach((slugU, label) -> {
            Node u = unitNodes.get(slugU);
            data(u, TYPE, Skos.Concept.asNode());
            data(u, LABEL, text(label));
            data(u, Skos.prefLabel.asNode(), text(label));
            data(u, Skos.notation.asNode(), text(slugU));
            data(u, Skos.inScheme.asNode(), unitScheme);
        });
    }

    private Node component(Node dsd, String name, Node kind, Node property, int order, Node codeList) {
        Node spec = uri(uris.componentSpec(def.slug(), name));
        data(dsd, QB.component.asNode(), spec);
        data(spec, TYPE, QB.ComponentSpecification.asNode());
        data(spec, kind, property);
        data(spec, QB.order.asNode(), NodeFactory.createLiteralDT(Integer.toString(order), XSDDatatype.XSDinteger));
        if (codeList != null) {
            data(spec, QB.codeList.asNode(), codeList);
        }
        return spec;
    }

    private void codeList(Node list, String label) {
        data(list, TYPE, Skos.ConceptScheme.asNode());
        data(list, TYPE, Skos.Collection.asNode());
        data(list, LABEL, text(label));
    }

    /** A theme's label from its slug: {@code health-and-social-care} -> "Health and social care". */
    static String themeLabel(String slug) {
        String words = slug.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private void writeMetadata() {
        Node ds = dataset;
        meta(ds, TYPE, QB.DataSet.asNode());
        meta(ds, TYPE, Dcat.Dataset.asNode());
        meta(ds, TYPE, VoID.Dataset.asNode());
        meta(ds, LABEL, text(def.title()));
        meta(ds, Dcterms.title.asNode(), text(def.title()));
        meta(ds, Dcterms.description.asNode(), text(def.description()));
        meta(ds, RDFS.comment.asNode(), text(def.description()));
        meta(ds, Dcterms.publisher.asNode(), agent(def.publisher()));
        meta(ds, Dcterms.creator.asNode(), agent(def.creator()));
        meta(ds, Dcterms.license.asNode(), uri(def.licence()));
        if (def.source() != null) {
            meta(ds, Dcterms.source.asNode(), isAbsoluteUri(def.source()) ? uri(def.source()) : text(def.source()));
        }
        if (def.issued() != null) {
            meta(ds, Dcterms.issued.asNode(), NodeFactory.createLiteralDT(def.issued(), XSDDatatype.XSDdate));
        }
        meta(ds, Dcterms.modified.asNode(), NodeFactory.createLiteralDT(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                XSDDatatype.XSDdateTime));
        if (def.nextUpdateDue() != null) {
            meta(ds, Pmd.nextUpdateDue.asNode(), NodeFactory.createLiteralDT(def.nextUpdateDue(), XSDDatatype.XSDdate));
        }
        if (!def.themes().isEmpty()) {
            // The theme folders are SKOS concepts of one scheme; each dataset states the ones it
            // uses, so every theme URI dereferences while any dataset carries it.
            Node scheme = uri(uris.conceptScheme("themes"));
            meta(scheme, TYPE, Skos.ConceptScheme.asNode());
            meta(scheme, LABEL, text("Themes"));
            for (String theme : def.themes()) {
                Node t = uri(uris.theme(theme));
                meta(ds, Dcat.theme.asNode(), t);
                meta(t, TYPE, Skos.Concept.asNode());
                meta(t, Skos.prefLabel.asNode(), text(themeLabel(theme)));
                meta(t, LABEL, text(themeLabel(theme)));
                meta(t, Skos.inScheme.asNode(), scheme);
                meta(t, Skos.topConceptOf.asNode(), scheme);
                meta(scheme, Skos.hasTopConcept.asNode(), t);
            }
        }
        if (!def.outcomes().isEmpty()) {
            // National Performance Framework outcomes the dataset informs: dcterms:subject, concepts of their own scheme.
            Node scheme = uri(uris.conceptScheme(NationalOutcome.SCHEME));
            meta(scheme, TYPE, Skos.ConceptScheme.asNode());
            meta(scheme, LABEL, text("National Performance Framework outcomes"));
            for (String slug : def.outcomes()) {
                NationalOutcome o = NationalOutcome.parse(slug).orElseThrow();
                Node t = uri(uris.concept(NationalOutcome.SCHEME, o.slug()));
                meta(ds, Dcterms.subject.asNode(), t);
                meta(t, TYPE, Skos.Concept.asNode());
                meta(t, Skos.prefLabel.asNode(), text(o.label()));
                meta(t, LABEL, text(o.label()));
                meta(t, Skos.inScheme.asNode(), scheme);
                meta(t, Skos.topConceptOf.asNode(), scheme);
                meta(scheme, Skos.hasTopConcept.asNode(), t);
            }
        }
        if (def.contact() != null) {
            String c = def.contact().strip();
            if (c.contains("@") && !c.contains(":")) {
                meta(ds, Dcat.contactPoint.asNode(), uri("mailto:" + c));
                meta(ds, Pmd.contactEmail.asNode(), uri("mailto:" + c));
            } else {
                meta(ds, Dcat.contactPoint.asNode(), isAbsoluteUri(c) ? uri(c) : text(c));
            }
        }
        if (def.qualityNotes() != null) {
            meta(ds, Pmd.qualityNotes.asNode(), text(def.qualityNotes()));
        }
        meta(ds, Pmd.graph.asNode(), data);
        meta(ds, QB.structure.asNode(), uri(uris.structure(def.slug())));
        meta(ds, VoID.triples.asNode(), NodeFactory.createLiteralDT(Long.toString(dataQuads), XSDDatatype.XSDinteger));
        Node csv = uri(uris.dataset(def.slug()) + "/distribution/csv");
        meta(ds, Dcat.distribution.asNode(), csv);
        meta(csv, TYPE, Dcat.Distribution.asNode());
        meta(csv, Dcterms.title.asNode(), text("Whole cube as CSV"));
        meta(csv, Dcat.downloadURL.asNode(), uri(uris.base() + "downloads/cube-table?uri="
                + URLEncoder.encode(uris.dataset(def.slug()), StandardCharsets.UTF_8)));
        meta(csv, Dcat.mediaType.asNode(), text("text/csv"));
        // Period labels, in the form the publisher typed them (never the interval's duration).
        for (ReferencePeriod p : periodsUsed.values()) {
            meta(periodNode(p), LABEL, text(p.label()));
        }
    }

    private final Set<Node> agentsWritten = new java.util.HashSet<>();

    private Node agent(Agent a) {
        Node n = uri(a.uri() != null ? a.uri() : uris.concept("organisations", Slugs.slugify(a.label())));
        if (agentsWritten.add(n)) {
            meta(n, LABEL, text(a.label()));
        }
        return n;
    }

    private static boolean isAbsoluteUri(String s) {
        if (s.contains(" ")) {
            return false;
        }
        try {
            URI u = URI.create(s);
            return u.isAbsolute() && (u.getScheme().startsWith("http") || u.getScheme().equals("mailto"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
