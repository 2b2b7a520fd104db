package scot.cairn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import scot.cairn.geography.StoreAreaHierarchy;
import scot.cairn.geography.StoreGeography;
import scot.cairn.store.TripleStore;
import scot.cairn.tabulation.DisclosureSettings;
import scot.cairn.tabulation.InvalidRequestException;
import scot.cairn.tabulation.MicrodataStore;
import scot.cairn.tabulation.TableFormats;
import scot.cairn.tabulation.TabulationRefusedException;
import scot.cairn.tabulation.TabulationRequest;
import scot.cairn.tabulation.TabulationResult;
import scot.cairn.tabulation.Tabulator;

/** Produces a disclosure-controlled table from the command line (the same engine as POST /tabulate). */
@Command(
        name = "tabulate",
        mixinStandardHelpOptions = true,
        header = "Produce a disclosure-controlled table of microdata.",
        description = {
            "Produce a disclosure-controlled table of microdata: counts (cell key method), sums or means.",
            "Give a request file (the JSON of POST /tabulate) or the options below. Exit code 2 when a rule refuses it."
        })
public final class TabulateCommand implements Callable<Integer> {

    @Option(names = "--request", paramLabel = "FILE", description = "A JSON request, as POST /tabulate takes.")
    Path request;

    @Option(names = "--dataset", description = "Dataset name, e.g. persons.")
    String dataset;

    @Option(names = "--variables", split = ",", description = "Variables to cross, e.g. sex,age.")
    List<String> variables;

    @Option(
            names = "--level",
            description = "Geography level: data-zone, intermediate-zone, ward, council, health-board, country ...")
    String level;

    @Option(names = "--areas", split = ",", description = "Area codes, e.g. S12000033,S12000034.")
    List<String> areas;

    @Option(names = "--data-zones", split = ",", description = "A custom area: its data zone codes.")
    List<String> dataZones;

    @Option(names = "--name", description = "Name of the custom area.")
    String name;

    @Option(names = "--locality", description = "A saved locality (slug).")
    String locality;

    @Option(
            names = "--filter",
            description = "Category filter variable:code|code, repeatable, e.g. --filter 'health:4|5'.")
    List<String> filters;

    @Option(names = "--measure", description = "count (default), weighted-count, sum or mean.")
    String measure;

    @Option(names = "--magnitude", description = "Numeric variable for sum and mean.")
    String magnitude;

    @Option(names = "--format", defaultValue = "csv", description = "csv (default), json or json-stat.")
    String format;

    @Mixin
    StoreOptions store;

    @Mixin
    MicrodataOptions microdata;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws IOException {
        try (TripleStore triples = store.openStore();
                MicrodataStore md = microdata.open(store.dataDir)) {
            Tabulator tabulator = new Tabulator(
                    md,
                    new StoreAreaHierarchy(new StoreGeography(triples, store.uris())),
                    DisclosureSettings.defaults());
            TabulationRequest req = request != null ? read(request) : fromOptions();
            TabulationResult result = tabulator.tabulate(req);
            Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
            switch (format) {
                case "json" -> out.write(TableFormats.json(result, true));
                case "json-stat" -> out.write(TableFormats.jsonStat(result, true));
                default -> TableFormats.writeCsv(result, out);
            }
            out.flush();
            if (!format.equals("csv")) {
                System.out.println();
            } else {
                result.notes().forEach(n -> System.err.println("note: " + n));
            }
            return 0;
        } catch (TabulationRefusedException e) {
            System.err.println("refused (" + e.rule() + "): " + e.getMessage());
            System.err.println("to get a table: " + e.advice());
            return 2;
        } catch (InvalidRequestException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static TabulationRequest read(Path file) throws IOException {
        try {
            return JSON.readValue(Files.readString(file), TabulationRequest.class);
        } catch (ValueInstantiationException e) {
            throw new InvalidRequestException(
                    file + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidRequestException(file + ": " + e.getOriginalMessage());
        }
    }

    private TabulationRequest fromOptions() {
        if (dataset == null) {
            throw new InvalidRequestException("give --dataset (or --request FILE)");
        }
        TabulationRequest.Geography g = level == null && areas == null && dataZones == null && locality == null
                ? null
                : new TabulationRequest.Geography(level, areas, dataZones, name, locality);
        Map<String, List<String>> f = new LinkedHashMap<>();
        if (filters != null) {
            for (String s : filters) {
                int colon = s.indexOf(':');
                if (colon <= 0) {
                    throw new InvalidRequestException("a filter is variable:code|code..., got '" + s + "'");
                }
                f.put(s.substring(0, colon), List.of(s.substring(colon + 1).split("\\|")));
            }
        }
        return new TabulationRequest(dataset, variables, g, f, measure, magnitude);
    }
}
