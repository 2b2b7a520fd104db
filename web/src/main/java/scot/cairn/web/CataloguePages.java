package scot.cairn.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import scot.cairn.geography.Geography;
import scot.cairn.profiles.ProfileCatalogue;
import scot.cairn.profiles.ProfileDefinition;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.web.WebModel.Area;
import scot.cairn.web.WebModel.AreaPage;
import scot.cairn.web.WebModel.DatasetDetail;
import scot.cairn.web.WebModel.DatasetSummary;
import scot.cairn.web.WebModel.Dimension;
import scot.cairn.web.WebModel.Measure;
import scot.cairn.web.WebModel.Point;
import scot.cairn.web.WebModel.Ref;

/** The catalogue (home page), dataset pages with the slice builder, and area pages. */
@Controller
class CataloguePages {
    /** Rows a slice preview shows at most; the downloads have them all. */
    static final int PREVIEW_ROWS = 100;
    /** Above this many areas a dataset page asks for area codes instead of offering a list of every area. */
    static final int MAX_AREA_OPTIONS = 500;
    /** Longest download link offered; Tomcat refuses request lines above 8 KB. */
    static final int MAX_LINK = 6000;

    private final WebData data;
    private final ObjectProvider<ProfileCatalogue> profiles;

    CataloguePages(WebData data, ObjectProvider<ProfileCatalogue> profiles) {
        this.data = data;
        this.profiles = profiles;
    }

    @GetMapping("/")
    String home(@RequestParam(required = false) String q, @RequestParam(required = false) String theme,
                @RequestParam(required = false) String level, @RequestParam(required = false) String publisher, Model model) {
        model.addAttribute("datasets", data.search(q, theme, level, publisher));
        model.addAttribute("total", data.catalogue().size());
        model.addAttribute("themes", data.facet(DatasetSummary::themes));
        model.addAttribute("publishers", data.facet(DatasetSummary::publishers));
        model.addAttribute("levels", data.levelFacet());
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("theme", theme == null ? "" : theme);
        model.addAttribute("level", level == null ? "" : level);
        model.addAttribute("publisher", publisher == null ? "" : publisher);
        return "web/catalogue";
    }

    @GetMapping("/datasets/{slug}")
    String dataset(@PathVariable String slug, @RequestParam MultiValueMap<String, String> params, Model model) {
        DatasetDetail d = data.dataset(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No dataset " + slug));
        String areaDim = WebData.REF_AREA.getURI();
        String periodDim = WebData.REF_PERIOD.getURI();
        String measureDim = WebData.MEASURE_TYPE.getURI();

        // The slice: each form field is named by its dimension's URI, so the page's own query
        // string is the filter the download endpoints take.
        Map<String, List<String>> filters = new LinkedHashMap<>();
        List<String> dims = new ArrayList<>(List.of(areaDim, periodDim, measureDim));
        d.dimensions().forEach(x -> dims.add(x.uri()));
        for (String dim : dims) {
            List<String> values = params.getOrDefault(dim, List.of()).stream().filter(v -> !v.isBlank()).distinct().toList();
            if (!values.isEmpty()) {
                filters.put(dim, values);
            }
        }
        // Areas may also be given as codes (datasets with too many areas for a list).
        String areaCodes = params.getFirst("areaCodes");
        List<String> unknownCodes = new ArrayList<>();
        if (areaCodes != null && !areaCodes.isBlank()) {
            Map<String, String> byCode = new LinkedHashMap<>();
            d.areas().forEach(a -> byCode.put(a.code().toUpperCase(java.util.Locale.ROOT), a.uri()));
            List<String> chosen = new ArrayList<>(filters.getOrDefault(areaDim, List.of()));
            for (String code : areaCodes.strip().split("[\\s,;]+")) {
                String uri = byCode.get(code.toUpperCase(java.util.Locale.ROOT));
                if (uri == null) {
                    unknownCodes.add(code);
                } else if (!chosen.contains(uri)) {
                    chosen.add(uri);
                }
            }
            if (!chosen.isEmpty()) {
                filters.put(areaDim, chosen);
            }
        }
        String level = params.getFirst("level");
        String levelCollection = null;
        if (level != null && !level.isBlank() && !filters.containsKey(areaDim)) {
            List<String> atLevel = d.areas().stream().filter(a -> a.level() != null && a.level().name().equals(level)).map(Area::uri).toList();
            // Every area of the dataset is at this level: the same slice without an area filter.
            if (!atLevel.isEmpty() && atLevel.size() < d.areas().size()) {
                filters.put(areaDim, atLevel);
                levelCollection = data.uris().collection(level);
            }
        }
        boolean sliced = !filters.isEmpty() || params.containsKey("show");
        model.addAttribute("d", d);
        model.addAttribute("s", d.summary());
        model.addAttribute("filters", filters);
        model.addAttribute("levelChosen", level == null ? "" : level);
        model.addAttribute("levels", d.summary().levels());
        model.addAttribute("areaDim", areaDim);
        model.addAttribute("manyAreas", d.areas().size() > MAX_AREA_OPTIONS);
        model.addAttribute("areaCodes", areaCodes == null ? "" : areaCodes);
        model.addAttribute("unknownCodes", unknownCodes);
        model.addAttribute("periodDim", periodDim);
        model.addAttribute("measureDim", measureDim);
        model.addAttribute("sliced", sliced);
        // The chart's own form keeps the slice as it was asked for.
        List<String[]> keep = new ArrayList<>();
        params.forEach((name, values) -> {
            if (!name.equals("chartArea")) {
                values.forEach(v -> keep.add(new String[] {name, v}));
            }
        });
        model.addAttribute("keepParams", keep);
        model.addAttribute("previewLimit", PREVIEW_ROWS);
        if (sliced) {
            model.addAttribute("rows", data.preview(d, filters, PREVIEW_ROWS + 1));
        }
        String sliceQuery = sliceQueryString(d.summary().uri(), filters);
        model.addAttribute("sliceTooLong", sliceQuery.length() > MAX_LINK);
        model.addAttribute("csvUrl", "/slice/observations.csv?" + sliceQuery);
        model.addAttribute("jsonUrl", "/slice/observations.json?" + sliceQuery);
        model.addAttribute("ntUrl", "/downloads/dataset.nt?uri=" + enc(d.summary().uri()));
        model.addAttribute("cubeCsvUrl", "/downloads/cube-table?uri=" + enc(d.summary().uri()));
        String sparql = SliceQuery.sparql(d, filters, levelCollection);
        model.addAttribute("sparql", sparql);
        model.addAttribute("sparqlPageUrl", "/query?query=" + enc(sparql));
        model.addAttribute("sliceRdfUrl", "/sparql?query=" + enc(SliceQuery.construct(d, filters, levelCollection)));
        chart(d, filters, params, model);
        map(d, filters, params, model);
        return "web/dataset";
    }

    /** One control of the map form: the parameter it sets in /maps/choropleth.json, its field name, label, options and choice. */
    public record MapChoice(String key, String field, String label, List<Ref> options, String chosen) {}

    /**
     * The map of one slice: a level, a period, a measure and one value of every other dimension,
     * taken from the map's own fields ({@code mapLevel}, {@code mapPeriod}, {@code mapMeasure},
     * {@code mapDim0}...), else from the slice's choices, else the smallest level with boundaries,
     * the latest period, the first measure and each dimension's total.
     */
    private void map(DatasetDetail d, Map<String, List<String>> filters, MultiValueMap<String, String> params, Model model) {
        List<WebModel.Level> levels = d.summary().levels();
        if (levels.isEmpty() || d.periods().isEmpty() || d.measures().isEmpty()) {
            return;
        }
        List<String> withBoundaries = data.boundaryLevels().stream().map(WebModel.Level::name).toList();
        String wanted = first(params, "mapLevel", params.getFirst("level"));
        WebModel.Level level = levels.stream().filter(l -> l.name().equals(wanted)).findFirst()
                .or(() -> levels.stream().filter(l -> withBoundaries.contains(l.name())).findFirst())
                .orElse(levels.get(0));
        List<MapChoice> choices = new ArrayList<>();
        choices.add(new MapChoice("level", "mapLevel", "Geography level",
                levels.stream().map(l -> new Ref(l.name(), l.label() + (withBoundaries.contains(l.name()) ? "" : " (no boundaries loaded)"))).toList(),
                level.name()));
        choices.add(new MapChoice("period", "mapPeriod", "Period", d.periods(),
                choose(d.periods(), first(params, "mapPeriod", null), filters.get(WebData.REF_PERIOD.getURI()), true)));
        List<Ref> measures = d.measures().stream().map(m -> new Ref(m.uri(), m.label())).toList();
        choices.add(new MapChoice("measure", "mapMeasure", "Measure", measures,
                choose(measures, first(params, "mapMeasure", null), filters.get(WebData.MEASURE_TYPE.getURI()), false)));
        for (int i = 0; i < d.dimensions().size(); i++) {
            Dimension dim = d.dimensions().get(i);
            if (dim.codes().isEmpty()) {
                continue;
            }
            String chosen = choose(dim.codes(), first(params, "mapDim" + i, null), filters.get(dim.uri()), false);
            if (first(params, "mapDim" + i, null) == null && (filters.get(dim.uri()) == null || filters.get(dim.uri()).isEmpty())) {
                chosen = dim.codes().stream().filter(c -> c.label().equalsIgnoreCase("all") || c.label().equalsIgnoreCase("total"))
                        .map(Ref::uri).findFirst().orElse(chosen);
            }
            choices.add(new MapChoice(dim.uri(), "mapDim" + i, dim.label(), dim.codes(), chosen));
        }
        model.addAttribute("mapChoices", choices);
        model.addAttribute("mapLevel", level);
        model.addAttribute("mapHasBoundaries", withBoundaries.contains(level.name()));
        StringBuilder q = new StringBuilder("dataset=").append(enc(d.summary().slug()));
        choices.forEach(c -> q.append('&').append(enc(c.key())).append('=').append(enc(c.chosen())));
        model.addAttribute("mapQuery", q.toString());
        List<String[]> keep = new ArrayList<>();
        params.forEach((name, values) -> {
            if (!name.startsWith("map")) {
                values.forEach(v -> keep.add(new String[] {name, v}));
            }
        });
        model.addAttribute("mapKeepParams", keep);
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

    private void chart(DatasetDetail d, Map<String, List<String>> filters, MultiValueMap<String, String> params, Model model) {
        if (d.areas().isEmpty() || d.measures().isEmpty()) {
            return;
        }
        String chartArea = params.getFirst("chartArea");
        Optional<Area> area = d.areas().stream().filter(a -> a.code().equals(chartArea)).findFirst();
        if (area.isEmpty()) {
            List<String> chosen = filters.getOrDefault(WebData.REF_AREA.getURI(), List.of());
            area = d.areas().stream().filter(a -> chosen.contains(a.uri())).findFirst().or(() -> Optional.of(d.areas().get(0)));
        }
        List<String> chosenMeasures = filters.getOrDefault(WebData.MEASURE_TYPE.getURI(), List.of());
        Measure measure = d.measures().stream().filter(m -> chosenMeasures.contains(m.uri())).findFirst().orElse(d.measures().get(0));
        Map<String, String> fixed = new LinkedHashMap<>();
        List<String> fixedLabels = new ArrayList<>();
        for (Dimension dim : d.dimensions()) {
            if (dim.codes().isEmpty()) {
                continue;
            }
            List<String> chosen = filters.getOrDefault(dim.uri(), List.of());
            Ref value = dim.codes().stream().filter(c -> chosen.contains(c.uri())).findFirst()
                    .or(() -> dim.codes().stream().filter(c -> c.label().equalsIgnoreCase("all") || c.label().equalsIgnoreCase("total")).findFirst())
                    .orElse(dim.codes().get(0));
            fixed.put(dim.uri(), value.uri());
            fixedLabels.add(dim.label() + ": " + value.label());
        }
        List<Point> points = data.series(d, area.get().uri(), measure.uri(), fixed);
        String what = measure.label() + (fixedLabels.isEmpty() ? "" : " (" + String.join(", ", fixedLabels) + ")");
        String title = what + " in " + area.get().name() + " (" + area.get().code() + ")";
        String desc = points.isEmpty() ? "No observations." : "Values by period: " + String.join("; ",
                points.stream().map(p -> p.period() + " " + (p.value() == null ? "not available" : SvgChart.number(p.value()))).toList()) + ".";
        model.addAttribute("chartAreaCode", area.get().code());
        model.addAttribute("chartTitle", title);
        model.addAttribute("chartPoints", points);
        model.addAttribute("chartSvg", points.isEmpty() ? "" : SvgChart.line(title, desc, measure.unitLabels(), points));
    }

    static String sliceQueryString(String dataset, Map<String, List<String>> filters) {
        StringBuilder sb = new StringBuilder("dataset=").append(enc(dataset));
        filters.forEach((dim, values) -> values.forEach(v -> sb.append('&').append(enc(dim)).append('=').append(enc(v))));
        return sb.toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @GetMapping("/areas")
    String areas(Model model) {
        model.addAttribute("countries", data.areasAt(AreaLevel.COUNTRY));
        model.addAttribute("councils", data.areasAt(AreaLevel.COUNCIL));
        model.addAttribute("healthBoards", data.areasAt(AreaLevel.HEALTH_BOARD));
        return "web/areas";
    }

    @GetMapping("/areas/{code}")
    String area(@PathVariable String code, Model model) {
        AreaPage page = data.area(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No area " + code));
        model.addAttribute("page", page);
        model.addAttribute("a", page.area());
        ProfileCatalogue catalogue = profiles.getIfAvailable();
        List<ProfileDefinition> offered = catalogue == null ? List.of() : catalogue.all();
        model.addAttribute("profiles", offered);
        Map<String, String> links = new LinkedHashMap<>();
        for (DatasetSummary d : page.datasets()) {
            links.put(d.slug(), "/datasets/" + d.slug() + "?" + enc(WebData.REF_AREA.getURI()) + "=" + enc(page.area().uri())
                    + "&show=1&chartArea=" + enc(page.area().code()));
        }
        model.addAttribute("datasetLinks", links);
        model.addAttribute("hasBoundary", data.hasBoundary(page.area().code()));
        return "web/area";
    }
}
