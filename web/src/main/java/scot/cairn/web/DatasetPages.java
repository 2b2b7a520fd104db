package scot.cairn.web;

import jakarta.servlet.http.HttpServletRequest;
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
import scot.cairn.profiles.LocalityDirectory;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.web.WebModel.Area;
import scot.cairn.web.WebModel.DatasetDetail;
import scot.cairn.web.WebModel.Dimension;
import scot.cairn.web.WebModel.Measure;
import scot.cairn.web.WebModel.Point;
import scot.cairn.web.WebModel.Ref;

/**
 * A dataset's page, in the shape of statistics.gov.scot's: tabs for Data (the slice builder, a
 * preview, a map and a chart), Download (the slice and the whole cube in every format, and every
 * version), API (the SPARQL and the URLs of the slice, with R, Python and curl) and About
 * (metadata, citation and change history). Without script the four are sections one after another.
 */
@Controller
class DatasetPages {
    /** Rows a slice preview shows at most; the downloads have them all. */
    static final int PREVIEW_ROWS = 100;
    /** Above this many areas a dataset page asks for area codes instead of offering a list of every area. */
    static final int MAX_AREA_OPTIONS = 500;
    /** Longest download link offered; Tomcat refuses request lines above 8 KB. */
    static final int MAX_LINK = 6000;
    /** Above this many codes a dimension's checkboxes come with "from ... to ..." range pickers. */
    static final int RANGE_PICKER_CODES = 12;

    private final DatasetReader datasets;
    private final AreaReader areas;
    private final ObjectProvider<LocalityDirectory> localities;

    DatasetPages(DatasetReader datasets, AreaReader areas, ObjectProvider<LocalityDirectory> localities) {
        this.datasets = datasets;
        this.areas = areas;
        this.localities = localities;
    }

    @GetMapping("/datasets/{slug}")
    String dataset(
            @PathVariable String slug,
            @RequestParam MultiValueMap<String, String> params,
            HttpServletRequest request,
            Model model) {
        DatasetDetail d = datasets.dataset(slug)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No dataset " + slug));
        SliceChoice slice = SliceChoice.of(d, params, areas, localities.getIfAvailable(LocalityDirectory::none));
        boolean shown = slice.sliced() || params.containsKey("show");
        model.addAttribute("d", d);
        model.addAttribute("s", d.summary());
        model.addAttribute("slice", slice);
        model.addAttribute("filters", slice.filters());
        model.addAttribute("levelChosen", slice.level());
        model.addAttribute("withinChosen", slice.withinParam());
        model.addAttribute("levels", d.summary().levels());
        model.addAttribute("areaDim", SliceChoice.AREA);
        model.addAttribute("periodDim", SliceChoice.PERIOD);
        model.addAttribute("measureDim", SliceChoice.MEASURE);
        model.addAttribute("manyAreas", d.areas().size() > MAX_AREA_OPTIONS);
        model.addAttribute("rangeCodes", RANGE_PICKER_CODES);
        model.addAttribute("sliced", shown);
        model.addAttribute(
                "sliceWords", slice.level().isEmpty() ? "the choices of the Data tab" : slice.areasInWords(d));
        withinOptions(d, model);
        if (shown) {
            model.addAttribute("previewLimit", PREVIEW_ROWS);
            model.addAttribute("rows", datasets.preview(d, slice.filters(), PREVIEW_ROWS + 1));
            model.addAttribute(
                    "previewCaption", slice.within() != null || slice.locality() != null ? slice.areasInWords(d) : "");
        }
        downloads(d, slice, request, model);
        chart(d, slice.filters(), params, model);
        MapForm.add(d, slice, params, areas, model);
        return "web/dataset";
    }

    /** The larger areas the "within" pickers offer: the councils and health boards (localities come from the page's script). */
    private void withinOptions(DatasetDetail d, Model model) {
        boolean belowCouncils = d.summary().levels().stream().anyMatch(l -> l.rank() < AreaLevel.COUNCIL.rank());
        model.addAttribute("withinCouncils", belowCouncils ? areas.areasAt(AreaLevel.COUNCIL) : List.of());
        model.addAttribute(
                "withinBoards",
                d.summary().levels().stream().anyMatch(l -> l.rank() < AreaLevel.HEALTH_BOARD.rank())
                        ? areas.areasAt(AreaLevel.HEALTH_BOARD)
                        : List.of());
    }

    /** The Download and API tabs: the slice's URLs in every format, its SPARQL, and examples that fetch it. */
    private void downloads(DatasetDetail d, SliceChoice slice, HttpServletRequest request, Model model) {
        String sliceQuery = sliceQueryString(d.summary().uri(), slice);
        String base = request.getScheme() + "://" + request.getServerName()
                + (request.getServerPort() == 80 || request.getServerPort() == 443
                        ? ""
                        : ":" + request.getServerPort());
        model.addAttribute("sliceTooLong", sliceQuery.length() > MAX_LINK);
        model.addAttribute("csvUrl", "/slice/observations.csv?" + sliceQuery);
        model.addAttribute("jsonUrl", "/slice/observations.json?" + sliceQuery);
        model.addAttribute(
                "ntUrl", "/downloads/dataset.nt?uri=" + enc(d.summary().uri()));
        model.addAttribute(
                "cubeCsvUrl", "/downloads/cube-table?uri=" + enc(d.summary().uri()));
        String collections = areas.uris().collection("");
        String sparql = SliceQuery.sparql(d, slice, collections);
        model.addAttribute("sparql", sparql);
        model.addAttribute("sparqlPageUrl", "/query?query=" + enc(sparql));
        model.addAttribute("sliceRdfUrl", "/sparql?query=" + enc(SliceQuery.construct(d, slice, collections)));
        model.addAttribute("api", ApiExamples.of(base, "/slice/observations.csv?" + sliceQuery, sparql));
    }

    /** The slice as query parameters of the download endpoints: the level and the area inside which, or the areas listed. */
    static String sliceQueryString(String dataset, SliceChoice slice) {
        StringBuilder sb = new StringBuilder("dataset=").append(enc(dataset));
        slice.filters().forEach((dim, values) -> {
            if (!(slice.within() != null && dim.equals(SliceChoice.AREA))) {
                values.forEach(v -> sb.append('&').append(enc(dim)).append('=').append(enc(v)));
            }
        });
        if (slice.within() != null) {
            sb.append("&level=")
                    .append(enc(slice.level()))
                    .append("&within=")
                    .append(enc(slice.within().code()));
        }
        return sb.toString();
    }

    private void chart(
            DatasetDetail d, Map<String, List<String>> filters, MultiValueMap<String, String> params, Model model) {
        if (d.areas().isEmpty() || d.measures().isEmpty()) {
            return;
        }
        Area area = chartArea(d, filters, params);
        List<String> chosenMeasures = filters.getOrDefault(SliceChoice.MEASURE, List.of());
        Measure measure = d.measures().stream()
                .filter(m -> chosenMeasures.contains(m.uri()))
                .findFirst()
                .orElse(d.measures().get(0));
        Map<String, String> fixed = new LinkedHashMap<>();
        List<String> fixedLabels = new ArrayList<>();
        for (Dimension dim : d.dimensions()) {
            if (dim.codes().isEmpty()) {
                continue;
            }
            Ref value = fixedValue(dim, filters);
            fixed.put(dim.uri(), value.uri());
            fixedLabels.add(dim.label() + ": " + value.label());
        }
        List<Point> points = datasets.series(d, area.uri(), measure.uri(), fixed);
        String what = measure.label() + (fixedLabels.isEmpty() ? "" : " (" + String.join(", ", fixedLabels) + ")");
        String title = what + " in " + area.name() + " (" + area.code() + ")";
        String desc = points.isEmpty()
                ? "No observations."
                : "Values by period: "
                        + String.join(
                                "; ",
                                points.stream()
                                        .map(p -> p.period() + " "
                                                + (p.value() == null ? "not available" : ValueFormat.number(p.value())))
                                        .toList())
                        + ".";
        model.addAttribute("chartAreaCode", area.code());
        model.addAttribute("chartTitle", title);
        model.addAttribute("chartPoints", points);
        model.addAttribute(
                "chartSvg",
                points.isEmpty() ? "" : SvgChart.line(title, desc, SvgChart.unitOf(points, measure.label()), points));
        List<String[]> keep = new ArrayList<>();
        params.forEach((name, values) -> {
            if (!name.equals("chartArea")) {
                values.forEach(v -> keep.add(new String[] {name, v}));
            }
        });
        model.addAttribute("keepParams", keep);
    }

    /** The area asked for, else the first area of the slice, else the first area. */
    private static Area chartArea(
            DatasetDetail d, Map<String, List<String>> filters, MultiValueMap<String, String> params) {
        String chartArea = params.getFirst("chartArea");
        // Most requests name no chart area: no need to look through every area (6,976 at data-zone level).
        Optional<Area> area = chartArea == null
                ? Optional.empty()
                : d.areas().stream().filter(a -> a.code().equals(chartArea)).findFirst();
        if (area.isEmpty()) {
            List<String> chosen = filters.getOrDefault(SliceChoice.AREA, List.of());
            area = d.areas().stream()
                    .filter(a -> chosen.contains(a.uri()))
                    .findFirst()
                    .or(() -> Optional.of(d.areas().get(0)));
        }
        return area.get();
    }

    /** The dimension's value chosen in the slice, else its "All" or "Total", else its first. */
    private static Ref fixedValue(Dimension dim, Map<String, List<String>> filters) {
        List<String> chosen = filters.getOrDefault(dim.uri(), List.of());
        return dim.codes().stream()
                .filter(c -> chosen.contains(c.uri()))
                .findFirst()
                .or(() -> dim.codes().stream()
                        .filter(c ->
                                c.label().equalsIgnoreCase("all") || c.label().equalsIgnoreCase("total"))
                        .findFirst())
                .orElse(dim.codes().get(0));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
