package scot.cairn.loaders.cube;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import scot.cairn.vocab.Slugs;

/**
 * A measure type: what a value of the {@code Measurement} column means.
 *
 * @param measurement the value of the Measurement column, e.g. {@code Count} or {@code Ratio}
 *                    (matched ignoring case and surrounding spaces)
 * @param property    the measure property name, {@code {base}def/measure-properties/{property}};
 *                    defaults to the slug of the measurement
 * @param units       the units allowed with this measure type, as they appear in the Units column;
 *                    each becomes {@code {base}def/concept/measure-units/{slug}}
 * @param datatype    {@code decimal} (default), {@code integer} or {@code double}: the XSD datatype of the values
 */
public record MeasureSpec(String measurement, String property, List<String> units, String datatype) {

    public MeasureSpec {
        if (measurement == null || measurement.isBlank()) {
            throw DefinitionProblem.at(
                    "a measure needs its 'measurement' (the value of the Measurement column)", "measurement");
        }
        if (property == null) {
            property = Slugs.slugify(measurement);
        }
        if (!Slugs.isSlug(property)) {
            throw DefinitionProblem.at("measure property '" + property + "' is not a slug", "property");
        }
        if (units == null || units.isEmpty()) {
            throw DefinitionProblem.at("measure " + measurement + " needs at least one unit in 'units'", "units");
        }
        units = List.copyOf(units);
        for (int i = 0; i < units.size(); i++) {
            try {
                Slugs.slugify(units.get(i)); // a unit must yield a URI segment
            } catch (IllegalArgumentException e) {
                throw DefinitionProblem.at(
                        "unit '" + units.get(i) + "' has no letter or digit to make its URI from", "units", i);
            }
        }
        datatype = datatype == null ? "decimal" : datatype.strip().toLowerCase(Locale.ROOT);
        if (!List.of("decimal", "integer", "double").contains(datatype)) {
            throw DefinitionProblem.at(
                    "datatype '" + datatype + "' of measure " + measurement + " must be decimal, integer or double",
                    "datatype");
        }
    }

    /** The unit slug a cell names, or null when the unit does not belong to this measure. */
    String unitSlug(String cell) {
        String s = cell.strip();
        // the usual case, once per row: the cell spells a declared unit
        for (String u : units) {
            if (u.equalsIgnoreCase(s)) {
                return slugOf(u);
            }
        }
        String slug;
        try {
            slug = Slugs.slugify(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (String u : units) {
            if (slugOf(u).equals(slug)) {
                return slugOf(u);
            }
        }
        return null;
    }

    /** Slugs of declared units (a handful per definition), computed once. */
    private static final Map<String, String> UNIT_SLUGS = new ConcurrentHashMap<>();

    private static String slugOf(String unit) {
        return UNIT_SLUGS.computeIfAbsent(unit, Slugs::slugify);
    }
}
