package scot.cairn.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import scot.cairn.vocab.AreaLevel;

/** The SPARQL query page and the custom table builder: pages whose work is done by the public JSON endpoints. */
@Controller
class ToolPages {

    /** An example query: its file name, the title from its leading comment, and its text. */
    public record Example(String name, String title, String text) {}

    private final AreaReader data;
    private final List<Example> examples;
    private final int minCustomPopulation;

    /**
     * {@code minCustomPopulation} is the tabulation service's own setting
     * ({@code cairn.tabulation.min-custom-population}), which the locality builder states as the
     * minimum a locality must hold; read as a property, so the pages need no tabulation code.
     */
    ToolPages(AreaReader data, Environment env) {
        this.data = data;
        this.examples = readExamples();
        this.minCustomPopulation = env.getProperty(
                "cairn.tabulation.min-custom-population",
                Integer.class,
                WebConfiguration.DEFAULT_MIN_CUSTOM_POPULATION);
    }

    static List<Example> readExamples() {
        try {
            Resource[] found =
                    new PathMatchingResourcePatternResolver().getResources("classpath*:scot/cairn/web/queries/*.rq");
            List<Example> out = new ArrayList<>();
            for (Resource r : Arrays.stream(found)
                    .sorted(Comparator.comparing(Resource::getFilename))
                    .toList()) {
                String text;
                try (InputStream in = r.getInputStream()) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                StringBuilder title = new StringBuilder();
                for (String line : text.split("\r?\n")) {
                    if (!line.startsWith("#")) {
                        break;
                    }
                    title.append(title.isEmpty() ? "" : " ")
                            .append(line.substring(1).strip());
                }
                String name = r.getFilename().replaceFirst("\\.rq$", "");
                out.add(new Example(name, title.isEmpty() ? name : title.toString(), text));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the example queries", e);
        }
    }

    @GetMapping("/query")
    String query(
            @RequestParam(required = false) String query, @RequestParam(required = false) String example, Model model) {
        String text = query;
        if (text == null || text.isBlank()) {
            text = examples.stream()
                    .filter(e -> e.name().equals(example))
                    .findFirst()
                    .or(() -> examples.stream().findFirst())
                    .map(Example::text)
                    .orElse("SELECT * WHERE { ?s ?p ?o } LIMIT 10");
        }
        model.addAttribute("examples", examples);
        model.addAttribute("query", text);
        return "web/query";
    }

    /** Up to this many data zones the locality picker lists them all; above it, those of one chosen council. */
    static final int MAX_LISTED_DATA_ZONES = 300;

    @GetMapping("/tables")
    String tables(@RequestParam(required = false) String council, Model model) {
        List<WebModel.Area> all = data.areasAt(AreaLevel.DATA_ZONE);
        boolean byCouncil = all.size() > MAX_LISTED_DATA_ZONES;
        model.addAttribute("byCouncil", byCouncil);
        model.addAttribute("council", council == null ? "" : council);
        model.addAttribute("councils", data.areasAt(AreaLevel.COUNCIL));
        model.addAttribute("healthBoards", data.areasAt(AreaLevel.HEALTH_BOARD));
        model.addAttribute(
                "dataZones",
                !byCouncil
                        ? all
                        : council == null || council.isBlank()
                                ? List.of()
                                : data.areasWithin(council, AreaLevel.DATA_ZONE));
        model.addAttribute("minPopulation", minCustomPopulation);
        model.addAttribute(
                "dataZoneBoundaries",
                data.boundaryLevels().stream().anyMatch(l -> l.name().equals(AreaLevel.DATA_ZONE.collectionName())));
        return "web/tables";
    }
}
