package scot.cairn.loaders.cube;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.store.QuadSink;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.SdmxAttribute;
import scot.cairn.vocab.SdmxDimension;
import scot.cairn.vocab.Slugs;
import scot.cairn.vocab.UriScheme;

/**
 * Validates the tidy rows of one file against its definition and, while no error has been
 * found, streams the dataset's quads into a sink: observations as they are read, then the
 * structure ({@link StructureWriter}) and metadata ({@link MetadataWriter}), which need the whole
 * file. After the first error nothing more is written, but validation goes on up to the error
 * limit ({@link ErrorLog}); {@link #finish} then throws, which aborts the publication around it.
 */
final class CubeWriter {

    static {
        // Jena must initialise before its vocabulary classes are touched, or its class-init order breaks.
        org.apache.jena.sys.JenaSystem.init();
    }

    private static final Node TYPE = RDF.type.asNode();
    private static final Node OBSERVATION = QB.Observation.asNode();
    private static final Node DATA_SET = QB.dataSet.asNode();
    private static final Node REF_AREA = SdmxDimension.refArea.asNode();
    private static final Node REF_PERIOD = SdmxDimension.refPeriod.asNode();
    private static final Node MEASURE_TYPE = QB.measureType.asNode();
    private static final Node UNIT_MEASURE = SdmxAttribute.unitMeasure.asNode();
    private static final Node OBS_STATUS = SdmxAttribute.obsStatus.asNode();

    /** A cell's value: a number in its datatype's lexical form, or the status of a marker. */
    private record Value(String lexical, String status) {}

    private final CubeDefinition def;
    private final AreaDirectory areas;
    private final Set<AreaLevel> levels;
    private final String fileName;
    private final LoadProgress progress;
    private final CubeTerms terms;
    private final UsedTerms used;
    private final ErrorLog errors;
    private QuadSink sink;

    private long rows;
    private long observations;
    private long dataQuads;
    private long metadataQuads;
    private final long started = System.nanoTime();
    private long lastReport = started;

    // What each distinct cell means, worked out once: bounded by distinct values, not rows.
    private final Map<String, Object> periodCache = new HashMap<>();
    private final List<Map<String, Object>> codeCache = new ArrayList<>();
    private final ObservationKeys keys = new ObservationKeys();
    private final StringBuilder uri = new StringBuilder(128);

    CubeWriter(
            CubeDefinition def,
            UriScheme uris,
            AreaDirectory areas,
            String fileName,
            int maxErrors,
            LoadProgress progress,
            QuadSink sink) {
        this.def = def;
        this.areas = areas;
        this.levels = def.allowedLevels();
        this.fileName = fileName;
        this.errors = new ErrorLog(maxErrors);
        this.progress = progress;
        this.sink = sink;
        this.terms = new CubeTerms(def, uris);
        this.used = new UsedTerms(def.dimensions().size());
        def.dimensions().forEach(d -> codeCache.add(new HashMap<>()));
    }

    long observations() {
        return observations;
    }

    long quads() {
        return dataQuads + metadataQuads;
    }

    /** Marker observations by status. */
    Map<String, Long> statuses() {
        return used.statuses;
    }

    /** Records a problem found outside a row (e.g. a row of the wrong length); false once the limit is reached. */
    boolean error(InputError e) {
        sink = null;
        return errors.add(e);
    }

    private void error(CubeRows.Row row, int field, String rule, String message) {
        error(new InputError(fileName, row.line, row.column(field), rule, message));
    }

    /** Validates one tidy row and writes its observation; false when the error limit is reached. */
    boolean row(CubeRows.Row row) {
        rows++;
        reportProgress();
        long before = errors.count();
        String area = areaCode(row);
        Node areaNode = area(row, area);
        ReferencePeriod period = period(row);
        MeasureSpec measure = measure(row);
        String unit = measure == null ? null : unit(row, measure);
        CodeSpec[] codes = codes(row);
        Value value = value(row, measure);
        if (errors.count() > before) {
            return !errors.full();
        }
        return observation(row, area, areaNode, period, measure, unit, codes, value);
    }

    private void reportProgress() {
        if ((rows & 0x3FFF) == 0) {
            long now = System.nanoTime();
            if (now - lastReport > 250_000_000L) {
                lastReport = now;
                progress.update(rows, rows / ((now - started) / 1e9), false);
            }
        }
    }

    /** GSS codes are upper case; a publisher's lower-case copy names the same area. */
    private static String areaCode(CubeRows.Row row) {
        String area = row.value(CubeRows.AREA);
        return area == null ? "" : area.strip().toUpperCase(Locale.ROOT);
    }

    private Node area(CubeRows.Row row, String area) {
        if (used.areas.contains(area)) {
            return terms.area(area);
        }
        Optional<AreaLevel> level = areas.levelOf(area);
        if (level.isEmpty()) {
            error(
                    row,
                    CubeRows.AREA,
                    "unknown-area",
                    area.isEmpty()
                            ? "missing area code"
                            : "unknown area code " + area + " (not in the loaded geography)");
            return null;
        }
        if (!levels.contains(level.get())) {
            error(
                    row,
                    CubeRows.AREA,
                    "area-level",
                    "area " + area + " is at level " + level.get().label()
                            + ", which the definition does not allow (levels: " + String.join(", ", def.levels())
                            + ")");
            return null;
        }
        return terms.area(area);
    }

    private ReferencePeriod period(CubeRows.Row row) {
        String cell = row.value(CubeRows.PERIOD) == null ? "" : row.value(CubeRows.PERIOD);
        Object p = periodCache.computeIfAbsent(cell, c -> {
            try {
                return ReferencePeriod.parse(c);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        });
        if (p instanceof ReferencePeriod rp) {
            return rp;
        }
        error(row, CubeRows.PERIOD, "malformed-period", (String) p);
        return null;
    }

    private MeasureSpec measure(CubeRows.Row row) {
        String cell = row.value(CubeRows.MEASUREMENT);
        MeasureSpec measure = cell == null ? null : def.measure(cell);
        if (measure == null) {
            error(
                    row,
                    CubeRows.MEASUREMENT,
                    "unknown-measure",
                    "unknown measure type '" + cell + "' (the definition declares: "
                            + String.join(
                                    ", ",
                                    def.measures().stream()
                                            .map(MeasureSpec::measurement)
                                            .toList()) + ")");
        }
        return measure;
    }

    /** The unit's slug, or null when the cell names no unit of the measure. */
    private String unit(CubeRows.Row row, MeasureSpec measure) {
        String cell = row.value(CubeRows.UNITS);
        if (cell == null) {
            cell = measure.units().size() == 1 ? measure.units().get(0) : "";
        }
        String slug = measure.unitSlug(cell);
        if (slug == null) {
            error(
                    row,
                    CubeRows.UNITS,
                    "unit-mismatch",
                    "unit '" + cell.strip() + "' does not belong to measure type " + measure.measurement()
                            + " (allowed: " + String.join(", ", measure.units()) + ")");
        } else {
            used.units.putIfAbsent(slug, cell.strip());
        }
        return slug;
    }

    /** Each dimension's code, null where a cell names none. */
    private CodeSpec[] codes(CubeRows.Row row) {
        CodeSpec[] codes = new CodeSpec[terms.dims.size()];
        for (int d = 0; d < codes.length; d++) {
            String cell = row.value(CubeRows.FIRST_DIMENSION + d);
            DimensionSpec dim = terms.dims.get(d);
            Object c = codeCache.get(d).computeIfAbsent(cell == null ? "" : cell, k -> code(dim, k));
            if (c instanceof CodeSpec cs) {
                codes[d] = cs;
            } else {
                error(row, CubeRows.FIRST_DIMENSION + d, "code-not-in-list", (String) c);
            }
        }
        return codes;
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
                    + String.join(", ", known.size() > 12 ? known.subList(0, 12) : known)
                    + (known.size() > 12 ? ", ..." : "") + ")";
        }
        try {
            return new CodeSpec(Slugs.slugify(cell), cell.strip(), null);
        } catch (IllegalArgumentException e) {
            return "value '" + cell.strip() + "' of dimension " + d.label()
                    + " has no letter or digit to make a code from";
        }
    }

    private Value value(CubeRows.Row row, MeasureSpec measure) {
        String cell = row.value(CubeRows.VALUE) == null
                ? ""
                : row.value(CubeRows.VALUE).strip();
        String status = def.markers().get(cell);
        if (status != null) {
            return new Value(null, status);
        }
        if (measure == null) {
            return null;
        }
        String lexical = lexical(cell, measure.datatype());
        if (lexical == null) {
            error(
                    row,
                    CubeRows.VALUE,
                    "not-a-number",
                    "value '" + cell + "' is neither a "
                            + (measure.datatype().equals("integer") ? "whole number" : "number")
                            + " nor a declared marker ("
                            + String.join(", ", def.markers().keySet()) + ")");
        }
        return new Value(lexical, null);
    }

    /** Checks the observation is new and writes it; false when the error limit is reached. */
    private boolean observation(
            CubeRows.Row row,
            String area,
            Node areaNode,
            ReferencePeriod period,
            MeasureSpec measure,
            String unit,
            CodeSpec[] codes,
            Value value) {
        uri.setLength(0);
        uri.append(terms.observationPrefix).append('/').append(area).append('/').append(period.key());
        for (CodeSpec code : codes) {
            uri.append('/').append(code.code());
        }
        uri.append('/').append(measure.property());
        long earlier = keys.add(uri, row.line);
        if (earlier != 0) {
            error(
                    row,
                    CubeRows.AREA,
                    "IC-12",
                    "duplicate observation: same area, period, dimensions and measure type as line " + earlier);
            return !errors.full();
        }
        observations++;
        remember(area, period, measure, codes, value);
        if (sink != null) {
            write(NodeFactory.createURI(uri.toString()), areaNode, period, measure, unit, codes, value);
        }
        return true;
    }

    private void remember(String area, ReferencePeriod period, MeasureSpec measure, CodeSpec[] codes, Value value) {
        used.areas.add(area);
        used.periods.putIfAbsent(period.uri(), period);
        used.measures.add(measure);
        for (int d = 0; d < codes.length; d++) {
            used.codes.get(d).putIfAbsent(codes[d].code(), codes[d].label());
        }
        if (value.status() != null) {
            used.statuses.merge(value.status(), 1L, Long::sum);
        }
    }

    private void write(
            Node obs,
            Node areaNode,
            ReferencePeriod period,
            MeasureSpec measure,
            String unit,
            CodeSpec[] codes,
            Value value) {
        Node mp = terms.measure(measure);
        data(obs, TYPE, OBSERVATION);
        data(obs, DATA_SET, terms.dataset);
        data(obs, REF_AREA, areaNode);
        data(obs, REF_PERIOD, terms.period(period));
        data(obs, MEASURE_TYPE, mp);
        for (int d = 0; d < codes.length; d++) {
            data(obs, terms.dimensionProperties[d], terms.concept(d, codes[d].code()));
        }
        if (value.status() == null) {
            data(obs, mp, NodeFactory.createLiteralDT(value.lexical(), datatype(measure.datatype())));
        } else {
            data(obs, OBS_STATUS, terms.status(value.status()));
        }
        data(obs, UNIT_MEASURE, terms.unit(unit));
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
        sink.add(new Quad(terms.dataGraph, s, p, o));
        dataQuads++;
    }

    private void meta(Node s, Node p, Node o) {
        sink.add(new Quad(terms.metadataGraph, s, p, o));
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
            throw new InvalidInputException(errors.errors(), errors.truncated());
        }
        long now = System.nanoTime();
        progress.update(rows, rows / Math.max((now - started) / 1e9, 1e-9), true);
        if (sink == null) {
            return;
        }
        new StructureWriter(terms, used, this::data).write();
        new MetadataWriter(terms, used, this::meta).write(dataQuads);
    }
}
