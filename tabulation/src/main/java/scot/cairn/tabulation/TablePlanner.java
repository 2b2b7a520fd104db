package scot.cairn.tabulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.tabulation.protection.TableSpec;
import scot.cairn.vocab.AreaLevel;

/**
 * Checks a request against the dataset and the limits and turns it into a {@link TablePlan}:
 * unknown names are {@link InvalidRequestException}s (HTTP 400), limits are
 * {@link TabulationRefusedException}s (422). Nothing here reads microdata. Thread-safe.
 */
final class TablePlanner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MicrodataStore store;
    private final AreaHierarchy hierarchy;
    private final DisclosureSettings settings;
    private final Coverage coverage;

    TablePlanner(MicrodataStore store, AreaHierarchy hierarchy, DisclosureSettings settings) {
        this.store = store;
        this.hierarchy = hierarchy;
        this.settings = settings;
        this.coverage = new Coverage(store, hierarchy);
    }

    private record Geo(
            List<TablePlan.Query> queries,
            List<TabulationResult.AreaInfo> areas,
            String geography,
            List<String> userZones,
            String key) {}

    TablePlan plan(TabulationRequest r) {
        MicrodataStore.Dataset ds = store.dataset(r.dataset())
                .orElseThrow(() -> new InvalidRequestException("no dataset named '" + r.dataset() + "'; datasets: "
                        + store.datasets().stream()
                                .map(d -> d.definition().name())
                                .toList()));
        List<MicrodataDefinition.Variable> vars = variables(r, ds.definition());
        checkFiltersAndMeasure(r, ds.definition());
        CategoryPlan categories = categories(r, vars);
        Geo geo = geography(r.geography(), ds);
        long cellsPerArea = 1;
        for (int size : categories.sizes()) {
            cellsPerArea *= size + 1;
        }
        long cells = cellsPerArea * geo.areas().size();
        if (cells > settings.maxCells()) {
            throw new TabulationRefusedException(
                    "max-cells",
                    "the table would have " + cells + " cells (" + geo.areas().size() + " areas x " + cellsPerArea
                            + " cells each, totals included); at most " + settings.maxCells(),
                    "ask for fewer areas (a larger geography level), fewer variables or fewer categories");
        }
        MicrodataDefinition def = ds.definition();
        TableSpec spec = new TableSpec(
                def.name(),
                def.title(),
                def.unit(),
                r.measure(),
                r.magnitude(),
                variableInfo(vars, categories),
                geo.geography(),
                geo.areas(),
                geo.userZones() != null);
        return new TablePlan(r, ds, vars, categories, geo.queries(), spec, geo.userZones(), cacheKey(r, ds, geo.key()));
    }

    private List<MicrodataDefinition.Variable> variables(TabulationRequest r, MicrodataDefinition def) {
        if (r.variables().size() > settings.maxVariables()) {
            throw new TabulationRefusedException(
                    "max-variables",
                    "the request crosses " + r.variables().size() + " variables; at most " + settings.maxVariables()
                            + " may be crossed",
                    "cross fewer variables (use filters instead of crossing)");
        }
        List<MicrodataDefinition.Variable> vars = new ArrayList<>();
        for (String name : r.variables()) {
            MicrodataDefinition.Variable v = def.variable(name);
            if (v == null) {
                throw new InvalidRequestException(
                        "dataset " + def.name() + " has no variable '" + name + "'; variables: "
                                + def.variables().stream()
                                        .map(MicrodataDefinition.Variable::name)
                                        .toList());
            }
            if (vars.contains(v)) {
                throw new InvalidRequestException("variable '" + name + "' is crossed twice");
            }
            vars.add(v);
        }
        return vars;
    }

    private static void checkFiltersAndMeasure(TabulationRequest r, MicrodataDefinition def) {
        for (Map.Entry<String, List<String>> f : r.filters().entrySet()) {
            MicrodataDefinition.Variable v = def.variable(f.getKey());
            if (v == null) {
                throw new InvalidRequestException("filter on unknown variable '" + f.getKey() + "'");
            }
            for (String code : f.getValue()) {
                if (!v.categories().containsKey(code)) {
                    throw new InvalidRequestException(
                            "filter on " + v.name() + ": no category '" + code + "'; categories: " + v.codes());
                }
            }
        }
        if (!r.measure().equals("count")
                && !r.measure().equals("weighted-count")
                && def.magnitude(r.magnitude()) == null) {
            throw new InvalidRequestException(
                    "dataset " + def.name() + " has no numeric variable '" + r.magnitude() + "'; numeric variables: "
                            + def.magnitudes().stream()
                                    .map(MicrodataDefinition.Magnitude::name)
                                    .toList());
        }
        if (r.measure().equals("weighted-count") && def.weight() == null) {
            throw new InvalidRequestException("dataset " + def.name() + " has no weights; ask for measure count");
        }
    }

    /** The categories each crossed variable shows (its kept categories, or its groups), within the limit per variable. */
    private CategoryPlan categories(TabulationRequest r, List<MicrodataDefinition.Variable> vars) {
        CategoryPlan categories = CategoryPlan.of(r, vars);
        for (int i = 0; i < vars.size(); i++) {
            int size = categories.size(i);
            if (size > settings.maxCategories()) {
                String v = vars.get(i).name();
                throw new TabulationRefusedException(
                        "max-categories",
                        "variable " + v + " has " + size + " categories; at most " + settings.maxCategories()
                                + " per variable",
                        "filter " + v + " to fewer categories, or group its categories");
            }
        }
        return categories;
    }

    private Geo geography(TabulationRequest.Geography g, MicrodataStore.Dataset ds) {
        if (g.level() != null) {
            return level(g.level(), g.within(), ds);
        }
        if (g.areas() != null) {
            return listedAreas(g.areas(), ds);
        }
        return userDefined(g, ds);
    }

    private Geo level(String name, String within, MicrodataStore.Dataset ds) {
        String plain = squash(name);
        AreaLevel level = AreaLevel.parse(name)
                .or(() -> Arrays.stream(AreaLevel.values())
                        .filter(l -> squash(l.label()).equals(plain)
                                || squash(l.name()).equals(plain))
                        .findFirst())
                .orElseThrow(() -> new InvalidRequestException("unknown geography level '" + name + "'; levels: "
                        + ds.levels().stream()
                                .map(l -> l.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                                .toList()));
        List<String> codes = ds.areaCodes().get(level);
        if (codes == null) {
            throw new InvalidRequestException(
                    "dataset " + ds.definition().name() + " has no areas at level " + level.label());
        }
        if (within != null) {
            List<String> inside = areasWithin(ds, level, within);
            List<TabulationResult.AreaInfo> areas =
                    inside.stream().map(c -> areaInfo(ds, c, level)).toList();
            return new Geo(
                    List.of(new TablePlan.Query(
                            level,
                            inside.stream().mapToInt(c -> ds.indexOf(level, c)).toArray(),
                            inside.toArray(new String[0]),
                            null)),
                    areas,
                    level.collectionName(),
                    null,
                    "L" + level.prefix() + "<" + within);
        }
        List<TabulationResult.AreaInfo> areas =
                codes.stream().map(c -> areaInfo(ds, c, level)).toList();
        return new Geo(
                List.of(new TablePlan.Query(level, null, codes.toArray(new String[0]), null)),
                areas,
                level.collectionName(),
                null,
                "L" + level.prefix());
    }

    /**
     * The dataset's areas of {@code level} lying wholly inside the area {@code parent} (every data
     * zone of theirs is in it), in the dataset's order; for nested levels (data zones in a council)
     * simply those inside it.
     */
    private List<String> areasWithin(MicrodataStore.Dataset ds, AreaLevel level, String parent) {
        AreaLevel parentLevel = AreaLevel.ofCode(parent)
                .orElseThrow(() -> new InvalidRequestException(
                        "geography.within must be an area code such as S12000033, got '" + parent + "'"));
        List<String> zones = ds.areaCodes().get(AreaLevel.DATA_ZONE);
        if (parentLevel.rank() <= level.rank()
                || zones == null
                || !ds.areaCodes().containsKey(parentLevel)
                || ds.indexOf(parentLevel, parent) < 0) {
            throw new InvalidRequestException("'" + parent + "' is not an area of the dataset's geography above "
                    + level.label() + " (give a larger area, e.g. a council's S12 code)");
        }
        Map<String, Boolean> inside = new LinkedHashMap<>();
        for (String z : zones) {
            String area = hierarchy.parent(z, level).orElse(null);
            if (area != null) {
                boolean in = parent.equals(hierarchy.parent(z, parentLevel).orElse(null));
                inside.merge(area, in, Boolean::logicalAnd);
            }
        }
        List<String> codes = ds.areaCodes().get(level).stream()
                .filter(c -> inside.getOrDefault(c, false))
                .toList();
        if (codes.isEmpty()) {
            throw new InvalidRequestException("no area of level " + level.label() + " lies wholly inside " + parent);
        }
        return codes;
    }

    /** A level's name without case, spaces, hyphens or underscores ("Scottish Parliamentary Constituency" = scottish-parliamentary-constituency). */
    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[-_ ]", "");
    }

    private Geo listedAreas(List<String> listed, MicrodataStore.Dataset ds) {
        Map<AreaLevel, List<String>> byLevel = new LinkedHashMap<>();
        for (String code : listed) {
            AreaLevel level = code == null ? null : AreaLevel.ofCode(code).orElse(null);
            if (level == null || ds.indexOf(level, code) < 0) {
                throw new InvalidRequestException(
                        "unknown area '" + code + "' (give GSS codes of areas in the dataset's geography)");
            }
            byLevel.computeIfAbsent(level, k -> new ArrayList<>()).add(code);
        }
        List<TablePlan.Query> queries = new ArrayList<>();
        List<TabulationResult.AreaInfo> areas = new ArrayList<>();
        byLevel.forEach((level, codes) -> {
            queries.add(new TablePlan.Query(
                    level,
                    codes.stream().mapToInt(c -> ds.indexOf(level, c)).toArray(),
                    codes.toArray(new String[0]),
                    null));
            codes.forEach(c -> areas.add(areaInfo(ds, c, level)));
        });
        return new Geo(queries, areas, "areas", null, "A" + listed);
    }

    private Geo userDefined(TabulationRequest.Geography g, MicrodataStore.Dataset ds) {
        List<String> zones;
        String code;
        String name;
        String geography;
        if (g.locality() != null) {
            MicrodataStore.Locality loc = store.locality(g.locality())
                    .orElseThrow(() -> new InvalidRequestException(
                            "no locality '" + Localities.abbreviate(g.locality(), 100) + "'"));
            zones = loc.dataZones();
            code = "locality:" + loc.slug();
            name = loc.name();
            geography = "locality";
        } else {
            zones = g.dataZones();
            code = "custom";
            name = g.name() == null ? "Custom area" : g.name();
            geography = "custom";
        }
        for (String dz : zones) {
            if (dz == null || ds.indexOf(AreaLevel.DATA_ZONE, dz) < 0) {
                throw new InvalidRequestException("'" + dz + "' is not a data zone of the dataset's geography");
            }
        }
        TablePlan.Query q = new TablePlan.Query(
                AreaLevel.DATA_ZONE,
                zones.stream()
                        .mapToInt(c -> ds.indexOf(AreaLevel.DATA_ZONE, c))
                        .distinct()
                        .toArray(),
                new String[] {code},
                zones);
        return new Geo(
                List.of(q),
                List.of(new TabulationResult.AreaInfo(code, name, geography)),
                geography,
                zones,
                "C" + code + "|" + name + "|" + zones);
    }

    private static List<TabulationResult.VariableInfo> variableInfo(
            List<MicrodataDefinition.Variable> vars, CategoryPlan categories) {
        List<TabulationResult.VariableInfo> out = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            MicrodataDefinition.Variable v = vars.get(i);
            List<TabulationResult.CategoryInfo> cats =
                    new ArrayList<>(categories.categories().get(i));
            cats.add(new TabulationResult.CategoryInfo(Cell.TOTAL, "Total"));
            out.add(new TabulationResult.VariableInfo(v.name(), v.label(), cats));
        }
        return out;
    }

    private TabulationResult.AreaInfo areaInfo(MicrodataStore.Dataset ds, String code, AreaLevel level) {
        return new TabulationResult.AreaInfo(
                code, hierarchy.name(code).orElse(code), level.collectionName(), !coverage.covers(ds, level, code));
    }

    private static String cacheKey(TabulationRequest r, MicrodataStore.Dataset ds, String geoKey) {
        try {
            return ds.ingested() + "|"
                    + JSON.writeValueAsString(List.of(
                            r.dataset(),
                            r.variables(),
                            r.filters(),
                            r.measure(),
                            String.valueOf(r.magnitude()),
                            r.groups()))
                    + "|" + geoKey;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
