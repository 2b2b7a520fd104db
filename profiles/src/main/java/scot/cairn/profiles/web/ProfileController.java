package scot.cairn.profiles.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import scot.cairn.formats.Formulas;
import scot.cairn.profiles.AreaProfile;
import scot.cairn.profiles.LocalityDirectory;
import scot.cairn.profiles.ProfileCatalogue;
import scot.cairn.profiles.ProfileDefinition;
import scot.cairn.profiles.ProfileEngine;
import scot.cairn.profiles.ProfileFormats;

/**
 * Area profiles over HTTP.
 *
 * <ul>
 * <li>{@code GET /profiles} and {@code /profiles.json}: the profiles offered (JSON)</li>
 * <li>{@code GET /profiles/{profile}/areas/{code}.json|.csv|.html}: a published area's profile</li>
 * <li>{@code GET /profiles/{profile}/localities/{id}.json|.csv|.html}: a custom locality's profile</li>
 * </ul>
 * Without a suffix the page is HTML. The CSV neutralises formula cells unless {@code formulas=keep}
 * ({@link Formulas}). Unknown profiles, areas, localities and suffixes answer 404 with a short
 * plain-text reason.
 */
@RestController
class ProfileController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final ProfileEngine engine;
    private final ProfileCatalogue catalogue;
    private final ObjectProvider<LocalityDirectory> localities;

    private final boolean neutraliseFormulas;

    ProfileController(
            ProfileEngine engine,
            ProfileCatalogue catalogue,
            ObjectProvider<LocalityDirectory> localities,
            @Value(Formulas.SETTING_WITH_DEFAULT) boolean neutraliseFormulas) {
        this.engine = engine;
        this.catalogue = catalogue;
        this.localities = localities;
        this.neutraliseFormulas = neutraliseFormulas;
    }

    @GetMapping({"/profiles", "/profiles.json"})
    ResponseEntity<String> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ProfileDefinition p : catalogue.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("title", p.title());
            m.put("description", p.description());
            m.put(
                    "indicators",
                    p.indicators().stream()
                            .map(ProfileDefinition.Indicator::label)
                            .toList());
            m.put("areas", "/profiles/" + p.name() + "/areas/{code}.html");
            m.put("localities", "/profiles/" + p.name() + "/localities/{id}.html");
            out.add(m);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ProfileFormats.json(out));
    }

    @GetMapping("/profiles/{profile}/areas/{file}")
    ResponseEntity<String> area(
            @PathVariable String profile,
            @PathVariable String file,
            @RequestParam(name = Formulas.PARAMETER, required = false) String formulas) {
        return render(profile, file, formulas, (def, code) -> engine.profile(def, code));
    }

    @GetMapping("/profiles/{profile}/localities/{file}")
    ResponseEntity<String> locality(
            @PathVariable String profile,
            @PathVariable String file,
            @RequestParam(name = Formulas.PARAMETER, required = false) String formulas) {
        LocalityDirectory dir = localities.getIfAvailable(LocalityDirectory::none);
        return render(
                profile,
                file,
                formulas,
                (def, id) -> engine.profile(
                        def, dir.find(id).orElseThrow(() -> new NoSuchElementException("no locality with id " + id))));
    }

    private ResponseEntity<String> render(
            String profileName,
            String file,
            String formulas,
            java.util.function.BiFunction<ProfileDefinition, String, AreaProfile> compute) {
        int dot = file.lastIndexOf('.');
        String id = dot > 0 ? file.substring(0, dot) : file;
        String suffix = dot > 0 ? file.substring(dot + 1) : "html";
        Formulas cells = Formulas.forRequest(formulas, neutraliseFormulas);
        Map<String, Function<AreaProfile, String>> writers = Map.of(
                "json", ProfileFormats::json, "csv", p -> ProfileFormats.csv(p, cells), "html", ProfileFormats::html);
        Map<String, MediaType> types = Map.of("json", MediaType.APPLICATION_JSON, "csv", CSV, "html", HTML);
        if (!writers.containsKey(suffix)) {
            return notFound("unknown format ." + suffix + " (use .json, .csv or .html)");
        }
        ProfileDefinition def = catalogue.find(profileName).orElse(null);
        if (def == null) {
            return notFound("no profile named " + profileName);
        }
        AreaProfile p;
        try {
            p = compute.apply(def, id);
        } catch (NoSuchElementException e) {
            return notFound(e.getMessage());
        }
        return ResponseEntity.ok()
                .contentType(types.get(suffix))
                .body(writers.get(suffix).apply(p));
    }

    private static ResponseEntity<String> notFound(String message) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(TEXT).body(message + "\n");
    }
}
