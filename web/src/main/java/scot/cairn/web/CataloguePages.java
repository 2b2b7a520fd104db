package scot.cairn.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import scot.cairn.profiles.ProfileCatalogue;
import scot.cairn.profiles.ProfileDefinition;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.web.WebModel.AreaDataset;
import scot.cairn.web.WebModel.AreaPage;
import scot.cairn.web.WebModel.DatasetSummary;

/** The catalogue (home page) and the area pages. */
@Controller
class CataloguePages {
    private final CatalogueReader catalogue;
    private final AreaReader areas;
    private final ObjectProvider<ProfileCatalogue> profiles;
    private final ProfileOffer offer;

    CataloguePages(
            CatalogueReader catalogue,
            AreaReader areas,
            ObjectProvider<ProfileCatalogue> profiles,
            ProfileOffer offer) {
        this.catalogue = catalogue;
        this.areas = areas;
        this.profiles = profiles;
        this.offer = offer;
    }

    @GetMapping("/")
    String home(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String theme,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String publisher,
            Model model) {
        model.addAttribute("datasets", catalogue.search(q, theme, level, publisher));
        model.addAttribute("total", catalogue.catalogue().size());
        model.addAttribute("themes", catalogue.facet(DatasetSummary::themes));
        model.addAttribute("publishers", catalogue.facet(DatasetSummary::publishers));
        model.addAttribute("levels", catalogue.levelFacet());
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("theme", theme == null ? "" : theme);
        model.addAttribute("level", level == null ? "" : level);
        model.addAttribute("publisher", publisher == null ? "" : publisher);
        return "web/catalogue";
    }

    @GetMapping("/areas")
    String areas(Model model) {
        model.addAttribute("countries", areas.areasAt(AreaLevel.COUNTRY));
        model.addAttribute("councils", areas.areasAt(AreaLevel.COUNCIL));
        model.addAttribute("healthBoards", areas.areasAt(AreaLevel.HEALTH_BOARD));
        model.addAttribute(
                "former",
                areas.archivedAt(List.of(
                        AreaLevel.COUNCIL, AreaLevel.HEALTH_BOARD, AreaLevel.HEALTH_AND_SOCIAL_CARE_PARTNERSHIP)));
        return "web/areas";
    }

    /** An unknown area is a 404, given by {@link ErrorPages} in the form the client asked for. */
    @GetMapping("/areas/{code}")
    String area(@PathVariable String code, Model model) {
        AreaPage page = areas.area(code)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND,
                        "No area " + (code.length() > 40 ? code.substring(0, 40) + "..." : code)
                                + " in the loaded geography (neither a current nor an archived code)"));
        model.addAttribute("page", page);
        model.addAttribute("a", page.area());
        ProfileCatalogue catalogue = profiles.getIfAvailable();
        List<ProfileDefinition> all = catalogue == null ? List.of() : catalogue.all();
        model.addAttribute(
                "profiles",
                all.stream()
                        .filter(p -> offer.hasFigures(p, page.area().code()))
                        .toList());
        Map<AreaDataset, String> links = new LinkedHashMap<>();
        for (AreaDataset d : page.datasets()) {
            links.put(d, link(d, page));
        }
        model.addAttribute("datasetLinks", links);
        model.addAttribute("hasBoundary", areas.hasBoundary(page.area().code()));
        return "web/area";
    }

    /** The slice a dataset entry of an area page opens: the area itself, or the areas of a level inside it. */
    private String link(AreaDataset d, AreaPage page) {
        String base = "/datasets/" + d.dataset().slug() + "?";
        if (d.level() == null) {
            // the figures may be published under an earlier code of the same area
            String uri = page.area().code().equals(d.code())
                    ? page.area().uri()
                    : areas.uris().area(d.code());
            return base + DatasetPages.enc(SliceChoice.AREA) + "=" + DatasetPages.enc(uri) + "&show=1&chartArea="
                    + DatasetPages.enc(d.code());
        }
        return base + "level=" + DatasetPages.enc(d.level().name()) + "&within="
                + DatasetPages.enc(page.area().code()) + "&show=1";
    }
}
