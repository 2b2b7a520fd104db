package scot.cairn.loaders.cube;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to read a wide file (one column per period, age, indicator, ...) as tidy rows.
 *
 * <p>Every physical row yields one tidy row per melted column: the kept columns are copied,
 * the melted column's header goes to the field {@link #meltInto}, its cell becomes the Value,
 * and {@link #perColumn} (then the definition's constants) fill the remaining fields.
 *
 * @param keep      source header -> field it fills (FeatureCode, DateCode, Measurement, Units
 *                  or a dimension's column), e.g. {@code dz11_code: FeatureCode}
 * @param meltInto  the field that receives the melted column's header (a dimension's column,
 *                  DateCode or Measurement)
 * @param melt      the headers to melt, or null for every column neither kept nor dropped
 * @param drop      headers to ignore
 * @param perColumn melted header -> field values that hold for that column only, e.g.
 *                  {@code Income_rate: {Measurement: Ratio, Units: Ratio}}
 */
public record WideLayout(
        Map<String, String> keep,
        String meltInto,
        List<String> melt,
        List<String> drop,
        Map<String, Map<String, String>> perColumn) {

    public WideLayout {
        if (keep == null || keep.isEmpty()) {
            throw DefinitionProblem.at(
                    "wide.keep must name the columns copied to every row, e.g. {dz11_code: FeatureCode}", "keep");
        }
        keep = new LinkedHashMap<>(keep);
        if (meltInto == null || meltInto.isBlank()) {
            throw DefinitionProblem.at(
                    "wide.meltInto must name the field that receives the melted headers", "meltInto");
        }
        melt = melt == null ? null : List.copyOf(melt);
        drop = drop == null ? List.of() : List.copyOf(drop);
        LinkedHashMap<String, Map<String, String>> pc = new LinkedHashMap<>();
        if (perColumn != null) {
            perColumn.forEach((k, v) -> pc.put(k, v == null ? Map.of() : new LinkedHashMap<>(v)));
        }
        perColumn = pc;
    }
}
