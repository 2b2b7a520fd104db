package scot.cairn.loaders.cube;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.vocab.AreaLevel;

/**
 * What {@code cairn draft} learns from a wide file (one column per age, indicator or year), so
 * it can write the definition's {@code wide:} section: which column holds the area codes (a
 * FeatureCode header, or the first column of GSS codes), which holds the period (a DateCode,
 * year or period header of periods), which columns are numbers to melt (markers such as
 * {@code *} allowed) and which are text to keep as dimensions (such as sex).
 */
final class WideProfile {

    /** Non-numeric values a column of numbers may hold as markers: short, and few of them. */
    private static final int MAX_MARKERS = 5;

    private static final int MAX_MARKER_LENGTH = 4;
    private static final Set<String> PERIOD_HEADERS =
            Set.of("datecode", "date", "year", "period", "refperiod", "quarter", "month", "time");
    /** The field melted headers go to when they are not periods: the publisher names it. */
    static final String MELT_PLACEHOLDER = "TODO";

    /** One column's counts. */
    private static final class Column {
        final String header;
        long filled;
        long codes;
        long numbers;
        long periods;
        boolean whole = true;
        final Map<String, Integer> text = new LinkedHashMap<>();
        boolean tooMuchText;
        final DraftFacts.Codes values = new DraftFacts.Codes();
        final Map<AreaLevel, Integer> levels = new EnumMap<>(AreaLevel.class);
        final Set<String> otherCodes = new LinkedHashSet<>();

        Column(String header) {
            this.header = header;
            this.periodHeader = PERIOD_HEADERS.contains(CubeDefinition.normalise(header));
        }

        /** Only a column named like a period is checked for periods (a parse per cell is dear). */
        final boolean periodHeader;

        void add(String raw) {
            String v = raw.strip();
            if (v.isEmpty()) {
                return;
            }
            filled++;
            values.add(v);
            Optional<AreaLevel> level =
                    v.length() == 9 ? AreaLevel.ofCode(v.toUpperCase(Locale.ROOT)) : Optional.empty();
            if (level.isPresent()) {
                codes++;
                levels.merge(level.get(), 1, Integer::sum);
            } else if (otherCodes.size() < 5) {
                otherCodes.add(v);
            }
            if (NumberText.lexical(v, "decimal") != null) {
                numbers++;
                whole &= NumberText.lexical(v, "integer") != null;
            } else if (!tooMuchText) {
                text.merge(v, 1, Integer::sum);
                tooMuchText = text.size() > MAX_MARKERS || v.length() > MAX_MARKER_LENGTH;
            }
            if (periodHeader && isPeriod(v)) {
                periods++;
            }
        }

        boolean areaCodes() {
            return filled > 0 && codes == filled;
        }

        boolean numbersWithMarkers() {
            return numbers > 0 && !tooMuchText;
        }
    }

    private final String file;
    private final List<String> header;
    private final List<Column> columns = new ArrayList<>();
    private long rows;

    WideProfile(String file, List<String> header) {
        this.file = file;
        this.header = header;
        header.forEach(h -> columns.add(new Column(h)));
    }

    void row(CSVRecord r) {
        if (r.size() != header.size()) {
            return;
        }
        rows++;
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).add(r.get(i));
        }
    }

    /**
     * The wide definition, or an error saying which section to write when the file does not say
     * enough (no column of area codes, no column of numbers).
     */
    DraftDocument document(DraftDocument doc) {
        Column area = areaColumn();
        List<Column> melted = columns.stream()
                .filter(c -> c != area && c.numbersWithMarkers() && !isPeriodHeader(c))
                .toList();
        if (area == null || melted.isEmpty()) {
            throw notDrafted(area == null);
        }
        Column period = periodColumn(area);
        boolean headersArePeriods = period == null && melted.stream().allMatch(c -> isPeriod(c.header));
        String meltInto = headersArePeriods ? CubeDefinition.DATE_CODE : MELT_PLACEHOLDER;
        DraftFacts facts = facts(area, period, melted, headersArePeriods);

        doc.levels(facts.levels.keySet());
        if (period == null && !headersArePeriods) {
            doc.constant(CubeDefinition.DATE_CODE, DraftDocument.PERIOD_PLACEHOLDER);
        }
        Map<String, String> keep = new LinkedHashMap<>();
        keep.put(area.header, CubeDefinition.FEATURE_CODE);
        if (period != null) {
            keep.put(period.header, CubeDefinition.DATE_CODE);
        }
        List<String> drop = new ArrayList<>();
        keepOrDropTheRest(doc, area, period, melted, keep, drop);
        if (!headersArePeriods) {
            doc.dimension(MELT_PLACEHOLDER, null);
        }
        doc.put(
                "measures",
                List.of(DraftDocument.measure(
                        "Count",
                        List.of(DraftDocument.UNIT_PLACEHOLDER),
                        melted.stream().allMatch(c -> c.whole))));
        doc.markers(facts.markers);
        Map<String, Object> wide = new LinkedHashMap<>();
        wide.put("keep", keep);
        if (!drop.isEmpty()) {
            wide.put("drop", drop);
        }
        wide.put("meltInto", meltInto);
        doc.put("wide", wide);
        comment(doc, facts, melted, headersArePeriods);
        return doc;
    }

    /** Why a file cannot be drafted as a wide one, and what to do instead. */
    private InvalidInputException notDrafted(boolean noArea) {
        return new InvalidInputException(new InputError(
                file,
                1,
                0,
                "not-drafted",
                (noArea
                                ? "no column holds area codes: the file has no FeatureCode column and no column of GSS codes such as S01006506"
                                : "no column holds numbers to publish")
                        + ". 'cairn draft' reads a tidy file (FeatureCode, DateCode, Measurement, "
                        + "Units, Value) or a wide one (a column of area codes, then one column of numbers per age, indicator or year); "
                        + "for any other layout write the definition by hand, with a 'wide:' section (keep, drop, meltInto, melt, "
                        + "perColumn) as cube-definitions/README.md shows under 'Wide files'"));
    }

    /** Keeps each other column with values as a dimension of its own; drops empty ones and period-like headers. */
    private void keepOrDropTheRest(
            DraftDocument doc,
            Column area,
            Column period,
            List<Column> melted,
            Map<String, String> keep,
            List<String> drop) {
        for (Column c : columns) {
            if (c == area || c == period || melted.contains(c) || c.header.isBlank()) {
                continue;
            }
            if (c.filled == 0 || isPeriodHeader(c)) {
                drop.add(c.header);
            } else {
                keep.put(c.header, c.header);
                doc.dimension(c.header, c.values);
            }
        }
    }

    long rows() {
        return rows;
    }

    private void comment(DraftDocument doc, DraftFacts facts, List<Column> melted, boolean headersArePeriods) {
        doc.comments(facts, "the melted columns");
        List<String> names = melted.stream().map(c -> c.header).limit(8).toList();
        doc.comment(String.format(
                Locale.ROOT,
                "Wide file: %d columns of numbers are melted, one observation per cell (%s%s).",
                melted.size(),
                String.join(", ", names),
                melted.size() > names.size() ? ", ..." : ""));
        doc.comment("Move any that totals the others (such as a total population) to wide.drop.");
        if (!headersArePeriods) {
            doc.comment("Name what the melted headers are: replace " + MELT_PLACEHOLDER
                    + " in the last dimension's 'column' and in "
                    + "wide.meltInto with the same word, such as Age or Indicator.");
        }
        doc.comment(
                "Each melted column is a Count here: give measure types and units per column with wide.perColumn if they differ.");
    }

    private Column areaColumn() {
        for (Column c : columns) {
            if (CubeDefinition.normalise(c.header).equals(CubeDefinition.normalise(CubeDefinition.FEATURE_CODE))) {
                return c;
            }
        }
        return columns.stream().filter(Column::areaCodes).findFirst().orElse(null);
    }

    private Column periodColumn(Column area) {
        return columns.stream()
                .filter(c -> c != area && isPeriodHeader(c) && c.filled > 0 && c.periods == c.filled)
                .findFirst()
                .orElse(null);
    }

    private static boolean isPeriodHeader(Column c) {
        return c.periodHeader;
    }

    private static boolean isPeriod(String s) {
        try {
            ReferencePeriod.parse(s.strip());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Levels, periods and markers over the columns that hold them (the counts of the scan, no second pass). */
    private DraftFacts facts(Column area, Column period, List<Column> melted, boolean headersArePeriods) {
        DraftFacts facts = new DraftFacts();
        facts.rows = rows;
        facts.levels.putAll(area.levels);
        facts.unknownAreas.addAll(area.otherCodes);
        if (period != null && period.values.list() != null) {
            period.values.list().forEach(facts::period);
        }
        if (headersArePeriods) {
            melted.forEach(c -> facts.period(c.header));
        }
        for (Column c : melted) {
            c.text.forEach((marker, n) -> facts.markers.merge(marker, n, Integer::sum));
        }
        return facts;
    }
}
