package scot.cairn.server.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The real source files read on their own, without the loaders: what each row should become on
 * statistics.gov.scot's URI patterns ({@code ../shared/docs/statistics-gov-scot-conventions.md}).
 * The expected answers of the compatibility tests come from here, never from the server.
 */
final class RealSources {
    static final String BASE = "http://statistics.gov.scot/";
    static final String GEOGRAPHY = BASE + "id/statistical-geography/";
    static final String QB = "http://purl.org/linked-data/cube#";
    static final String REF_AREA = "http://purl.org/linked-data/sdmx/2009/dimension#refArea";
    static final String REF_PERIOD = "http://purl.org/linked-data/sdmx/2009/dimension#refPeriod";
    static final String MEASURE_TYPE = QB + "measureType";

    private RealSources() {}

    /**
     * One observation with a number: its dimension values by the column name opendatascot gives
     * the dimension (refArea, refPeriod, measureType, wasteIndicator, ...), and its value.
     */
    record Observation(Map<String, String> dimensions, BigDecimal value) {
        /** The row opendatascot's query returns for it: the dimension columns in order, then the value. */
        String key(List<String> dimensionColumns) {
            List<String> cells = new ArrayList<>();
            for (String column : dimensionColumns) {
                String v = dimensions.get(column);
                if (v == null) {
                    throw new AssertionError("no " + column + " in source observation " + dimensions);
                }
                cells.add(v);
            }
            cells.add(number(value));
            return String.join(",", cells);
        }
    }

    /** A number in one canonical text, so 579, 579.0 and 5.79E2 compare equal. */
    static String number(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    static List<CSVRecord> read(Path csv) {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (CSVParser parser = CSVParser.parse(csv, StandardCharsets.UTF_8, format)) {
            return parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode definition(Path yaml) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The publisher's name in a definition: {@code publisher: Name} or {@code publisher: {label: Name, uri: ...}}. */
    static String publisherLabel(JsonNode definition) {
        JsonNode p = definition.get("publisher");
        return p.isTextual() ? p.asText() : p.get("label").asText();
    }

    private static final Pattern GOVERNMENT_YEAR = Pattern.compile("(\\d{4})/(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("\\d{4}-Q[1-4]");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");

    /** The reference.data.gov.uk interval of a DateCode as publishers write it. */
    static String periodUri(String dateCode) {
        Matcher m = GOVERNMENT_YEAR.matcher(dateCode);
        if (m.matches()) {
            return "http://reference.data.gov.uk/id/government-year/" + m.group(1) + "-" + m.group(2);
        }
        if (QUARTER.matcher(dateCode).matches()) {
            return "http://reference.data.gov.uk/id/quarter/" + dateCode;
        }
        if (YEAR.matcher(dateCode).matches()) {
            return "http://reference.data.gov.uk/id/year/" + dateCode;
        }
        throw new IllegalArgumentException("no period rule in this test for DateCode " + dateCode);
    }

    /** A code derived from a label (cube-definitions/README.md: "code = slug of the value"). */
    static String slug(String label) {
        return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    static String measure(String measurement) {
        return BASE + "def/measure-properties/" + slug(measurement);
    }

    /** recycling_data.csv: FeatureCode, DateCode, Measurement, Units, Value, Indicator (municipal waste). */
    static List<Observation> recycling(Path csv) {
        List<Observation> out = new ArrayList<>();
        for (CSVRecord r : read(csv)) {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("refArea", GEOGRAPHY + r.get("FeatureCode"));
            d.put("refPeriod", periodUri(r.get("DateCode")));
            d.put("measureType", measure(r.get("Measurement")));
            d.put("wasteIndicator", BASE + "def/concept/waste-indicator/" + slug(r.get(5)));
            out.add(new Observation(d, new BigDecimal(r.get("Value"))));
        }
        return out;
    }

    /** table2qb's employment sample: Geography, Quarter, Gender, Measure Type, Unit, Value. */
    static List<Observation> employment(Path csv) {
        List<Observation> out = new ArrayList<>();
        for (CSVRecord r : read(csv)) {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("refArea", GEOGRAPHY + r.get("Geography"));
            d.put("refPeriod", periodUri(r.get("Quarter")));
            d.put("measureType", measure(r.get("Measure Type")));
            d.put("gender", BASE + "def/concept/gender/" + slug(r.get("Gender")));
            out.add(new Observation(d, new BigDecimal(r.get("Value"))));
        }
        return out;
    }

    /**
     * The SIMD indicator file, one observation per numeric cell of the given data zones (marker
     * cells, {@code *} and {@code NA}, have no value, so the client's {@code ?data ?measureType ?value}
     * does not return them). The indicator code is the column name in lower case with hyphens
     * (as the definition's codes are); the measure is the definition's {@code wide.perColumn}
     * Measurement, else its constant one; the period its constant DateCode.
     */
    static List<Observation> simd(Path csv, Set<String> dataZones, JsonNode definition) {
        JsonNode perColumn = definition.path("wide").path("perColumn");
        String defaultMeasurement =
                definition.path("constants").path("Measurement").asText();
        String period = periodUri(definition.path("constants").path("DateCode").asText());
        Set<String> markers = Set.of("*", "NA");
        List<Observation> out = new ArrayList<>();
        for (CSVRecord r : read(csv)) {
            String dz = r.get("dz11_code");
            if (!dataZones.contains(dz)) {
                continue;
            }
            for (Map.Entry<String, String> cell : r.toMap().entrySet()) {
                String column = cell.getKey();
                if (column.equals("dz11_code") || markers.contains(cell.getValue())) {
                    continue;
                }
                JsonNode m = perColumn.path(column).path("Measurement");
                Map<String, String> d = new LinkedHashMap<>();
                d.put("refArea", GEOGRAPHY + dz);
                d.put("refPeriod", period);
                d.put("measureType", measure(m.isMissingNode() ? defaultMeasurement : m.asText()));
                d.put(
                        "simdIndicator",
                        BASE + "def/concept/simd-indicator/"
                                + column.toLowerCase(Locale.ROOT).replace('_', '-'));
                out.add(new Observation(d, new BigDecimal(cell.getValue())));
            }
        }
        return out;
    }
}
