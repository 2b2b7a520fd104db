package scot.cairn.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.web.WebModel.DatasetDetail;
import scot.cairn.web.WebModel.Dimension;
import scot.cairn.web.WebModel.Level;
import scot.cairn.web.WebModel.Ref;

/**
 * The map of one slice on a dataset page: a level (and optionally the larger area whose areas are
 * mapped), a period, a measure and one value of every other dimension, taken from the map's own
 * fields ({@code mapLevel}, {@code mapWithin}, {@code mapPeriod}, {@code mapMeasure}, {@code mapDim0}...),
 * else from the slice's choices, else the smallest level with boundaries, the latest period, the
 * first measure and each dimension's total.
 */
final class MapForm {
    private MapForm() {}

    /** One control of the map form: the parameter it sets in /maps/choropleth.json, its field name, label, options and choice. */
    public record MapChoice(String key, String field, String label, List<Ref> options, String chosen) {}

    static void add(
            DatasetDetail d, SliceChoice slice, MultiValueMap<String, String> params, AreaReader areas, Model model) {
        List<Level> levels = d.summary().levels();
        if (levels.isEmpty() || d.periods().isEmpty() || d.measures().isEmpty()) {
            return;
        }
        Map<String, List<String>> filters = slice.filters();
        List<String> withBoundaries =
                areas.boundaryLevels().stream().map(Level::name).toList();
        String wanted = first(params, "mapLevel", slice.level().isEmpty() ? null : slice.level());
        Level level = levels.stream()
                .filter(l -> l.name().equals(wanted))
                .findFirst()
                .or(() -> levels.stream()
                        .filter(l -> withBoundaries.contains(l.name()))
                        .findFirst())
                .orElse(levels.get(0));
        List<MapChoice> choices = new ArrayList<>();
        choices.add(new MapChoice(
                "level",
                "mapLevel",
                "Geography level",
                levels.stream()
                        .map(l -> new Ref(
                                l.name(),
                                l.label() + (withBoundaries.contains(l.name()) ? "" : " (no boundaries loaded)")))
                        .toList(),
                level.name()));
        List<Ref> within = withinOptions(level, areas);
        if (within.size() > 1) {
            String asked = first(
                    params,
                    "mapWithin",
                    slice.within() == null ? "" : slice.within().code());
            choices.add(new MapChoice(
                    "within",
                    "mapWithin",
                    "Within",
                    within,
                    within.stream().anyMatch(r -> r.uri().equals(asked)) ? asked : ""));
        }
        addSliceChoices(choices, d, params, filters);
        model.addAttribute("mapChoices", choices);
        model.addAttribute("mapLevel", level);
        model.addAttribute("mapHasBoundaries", withBoundaries.contains(level.name()));
        addFormParameters(model, d, choices, params);
    }

    /** The period, the measure and a value of each other dimension with codes. */
    private static void addSliceChoices(
            List<MapChoice> choices,
            DatasetDetail d,
            MultiValueMap<String, String> params,
            Map<String, List<String>> filters) {
        choices.add(new MapChoice(
                "period",
                "mapPeriod",
                "Period",
                d.periods(),
                choose(d.periods(), first(params, "mapPeriod", null), filters.get(SliceChoice.PERIOD), true)));
        List<Ref> measures =
                d.measures().stream().map(m -> new Ref(m.uri(), m.label())).toList();
        choices.add(new MapChoice(
                "measure",
                "mapMeasure",
                "Measure",
                measures,
                choose(measures, first(params, "mapMeasure", null), filters.get(SliceChoice.MEASURE), false)));
        for (int i = 0; i < d.dimensions().size(); i++) {
            Dimension dim = d.dimensions().get(i);
            if (!dim.codes().isEmpty()) {
                choices.add(new MapChoice(
                        dim.uri(), "mapDim" + i, dim.label(), dim.codes(), dimensionChoice(dim, params, filters, i)));
            }
        }
    }

    /** The map's query for /maps/choropleth.json, and the page's other parameters for the form to keep. */
    private static void addFormParameters(
            Model model, DatasetDetail d, List<MapChoice> choices, MultiValueMap<String, String> params) {
        StringBuilder q = new StringBuilder("dataset=")
                .append(DatasetPages.enc(d.summary().slug()));
        choices.forEach(
                c -> q.append('&').append(DatasetPages.enc(c.key())).append('=').append(DatasetPages.enc(c.chosen())));
        model.addAttribute("mapQuery", q.toString());
        List<String[]> keep = new ArrayList<>();
        params.forEach((name, values) -> {
            if (!name.startsWith("map")) {
                values.forEach(v -> keep.add(new String[] {name, v}));
            }
        });
        model.addAttribute("mapKeepParams", keep);
    }

    /** "All of Scotland", then the councils and health boards larger than the level (the value is the area's code). */
    private static List<Ref> withinOptions(Level level, AreaReader areas) {
        List<Ref> out = new ArrayList<>(List.of(new Ref("", "All of Scotland")));
        for (AreaLevel larger : List.of(AreaLevel.COUNCIL, AreaLevel.HEALTH_BOARD)) {
            if (larger.rank() > level.rank()) {
                areas.areasAt(larger)
                        .forEach(a -> out.add(new Ref(
                                a.code(), a.name() + " (" + larger.label().toLowerCase(java.util.Locale.ROOT) + ")")));
            }
        }
        return out;
    }

    private static String dimensionChoice(
            Dimension dim, MultiValueMap<String, String> params, Map<String, List<String>> filters, int i) {
        String asked = first(params, "mapDim" + i, null);
        String chosen = choose(dim.codes(), asked, filters.get(dim.uri()), false);
        if (asked == null
                && (filters.get(dim.uri()) == null || filters.get(dim.uri()).isEmpty())) {
            chosen = dim.codes().stream()
                    .filter(c -> c.label().equalsIgnoreCase("all") || c.label().equalsIgnoreCase("total"))
                    .map(Ref::uri)
                    .findFirst()
                    .orElse(chosen);
        }
        return chosen;
    }

    private static String first(MultiValueMap<String, String> params, String name, String otherwise) {
        String v = params.getFirst(name);
        return v == null || v.isBlank() ? otherwise : v;
    }

    /** The option asked for, else the first of the slice's choices that is an option, else the last (or first) option. */
    private static String choose(List<Ref> options, String asked, List<String> sliceChoices, boolean last) {
        if (asked != null && options.stream().anyMatch(o -> o.uri().equals(asked))) {
            return asked;
        }
        if (sliceChoices != null) {
            for (String c : sliceChoices) {
                if (options.stream().anyMatch(o -> o.uri().equals(c))) {
                    return c;
                }
            }
        }
        return options.get(last ? options.size() - 1 : 0).uri();
    }
}
