package scot.cairn.server.tabulation;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import scot.cairn.tabulation.InvalidRequestException;
import scot.cairn.tabulation.MicrodataDefinition;
import scot.cairn.tabulation.MicrodataStore;
import scot.cairn.tabulation.TableFormats;
import scot.cairn.tabulation.TabulationRefusedException;
import scot.cairn.tabulation.TabulationRequest;
import scot.cairn.tabulation.TabulationResult;
import scot.cairn.tabulation.Tabulator;

/**
 * The HTTP face of the flexible-tabulation service. Only disclosure-controlled aggregates leave
 * it: no endpoint returns a record.
 *
 * <ul>
 * <li>{@code POST /tabulate} with a JSON request; {@code GET /tabulate?dataset=...&variables=...}
 * for the same as query parameters. {@code format=json} (default), {@code csv} or
 * {@code json-stat} (or Accept: text/csv). 400 for a bad request, 422 for a refusal (with the
 * rule and what to change).</li>
 * <li>{@code GET /tabulate/datasets}, {@code GET /tabulate/variables?dataset=...}: what can be asked.</li>
 * <li>{@code GET /localities}, {@code POST /localities} ({@code {"name": ..., "dataZones": [...]}}),
 * {@code GET /localities/{slug}}.</li>
 * </ul>
 */
@RestController
class TabulationController {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final ObjectProvider<Tabulator> tabulators;

    TabulationController(ObjectProvider<Tabulator> tabulators) {
        this.tabulators = tabulators;
    }

    /** The tabulator; the first request after start-up waits here until the microdata store is open. */
    private Tabulator tabulator() {
        return tabulators.getObject();
    }

    @PostMapping(value = "/tabulate", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> tabulate(@RequestBody String body, @RequestParam(required = false) String format,
                                    @RequestHeader(value = "Accept", required = false) String accept) {
        TabulationRequest request;
        try {
            request = JSON.readValue(body, TabulationRequest.class);
        } catch (ValueInstantiationException e) {
            throw new InvalidRequestException(e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("the request is not valid JSON for a table request: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        return render(tabulator().tabulate(request), format, accept);
    }

    @GetMapping("/tabulate")
    ResponseEntity<String> tabulateGet(@RequestParam String dataset, @RequestParam(required = false) List<String> variables,
                                       @RequestParam(required = false) String level, @RequestParam(required = false) List<String> areas,
                                       @RequestParam(required = false) List<String> dataZones, @RequestParam(required = false) String name,
                                       @RequestParam(required = false) String locality, @RequestParam(required = false) List<String> filter,
                                       @RequestParam(required = false) String measure, @RequestParam(required = false) String magnitude,
                                       @RequestParam(required = false) String format,
                                       @RequestHeader(value = "Accept", required = false) String accept) {
        TabulationRequest.Geography geography = level == null && areas == null && dataZones == null && locality == null ? null
                : new TabulationRequest.Geography(level, areas, dataZones, name, locality);
        Map<String, List<String>> filters = new LinkedHashMap<>();
        if (filter != null) {
            for (String f : filter) {
                int colon = f.indexOf(':');
                if (colon <= 0) {
                    throw new InvalidRequestException("a filter is variable:code|code..., got '" + f + "'");
                }
                filters.put(f.substring(0, colon), List.of(f.substring(colon + 1).split("\\|")));
            }
        }
        return render(tabulator().tabulate(new TabulationRequest(dataset, variables, geography, filters, measure, magnitude)), format, accept);
    }

    private ResponseEntity<String> render(TabulationResult result, String format, String accept) {
        String f = format != null ? format : accept != null && accept.contains("text/csv") ? "csv" : "json";
        try {
            switch (f) {
                case "csv" -> {
                    StringWriter w = new StringWriter();
                    TableFormats.writeCsv(result, w);
                    return ResponseEntity.ok().contentType(CSV).body(w.toString());
                }
                case "json-stat" -> {
                    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(TableFormats.jsonStat(result)));
                }
                case "json" -> {
                    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(result));
                }
                default -> throw new InvalidRequestException("format must be json, csv or json-stat, got '" + f + "'");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @GetMapping("/tabulate/datasets")
    ResponseEntity<String> datasets() throws JsonProcessingException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MicrodataStore.Dataset d : tabulator().store().datasets()) {
            out.add(describe(d));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(out));
    }

    @GetMapping("/tabulate/variables")
    ResponseEntity<String> variables(@RequestParam String dataset) throws JsonProcessingException {
        MicrodataStore.Dataset d = tabulator().store().dataset(dataset)
                .orElseThrow(() -> new InvalidRequestException("no dataset named '" + dataset + "'"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(describe(d)));
    }

    /** What a user may ask of a dataset; never its record count or anything record-level. */
    private static Map<String, Object> describe(MicrodataStore.Dataset d) {
        MicrodataDefinition def = d.definition();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", def.name());
        m.put("title", def.title());
        m.put("unit", def.unit());
        List<Map<String, Object>> vars = new ArrayList<>();
        for (MicrodataDefinition.Variable v : def.variables()) {
            vars.add(Map.of("name", v.name(), "label", v.label(), "categories", v.categories()));
        }
        m.put("variables", vars);
        m.put("magnitudes", def.magnitudes().stream().map(x -> Map.of("name", x.name(), "label", x.label())).toList());
        m.put("levels", d.levels().stream().map(l -> l.collectionName()).toList());
        m.put("measures", def.magnitudes().isEmpty() ? List.of("count") : List.of("count", "sum", "mean"));
        return m;
    }

    @GetMapping("/localities")
    ResponseEntity<String> localities() throws JsonProcessingException {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(JSON.writeValueAsString(tabulator().store().localities().stream().map(TabulationController::locality).toList()));
    }

    @GetMapping("/localities/{slug}")
    ResponseEntity<String> locality(@PathVariable String slug) throws JsonProcessingException {
        return tabulator().store().locality(slug)
                .map(l -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(write(locality(l))))
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, Map.of("error", "no locality '" + slug + "'")));
    }

    record NewLocality(String name, List<String> dataZones) {}

    @PostMapping(value = "/localities", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> createLocality(@RequestBody String body) {
        NewLocality n;
        try {
            n = JSON.readValue(body, NewLocality.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("a locality is {\"name\": ..., \"dataZones\": [...]}: " + e.getOriginalMessage());
        }
        MicrodataStore.Locality saved = tabulator().saveLocality(n.name(), n.dataZones());
        return ResponseEntity.created(URI.create("/localities/" + saved.slug())).contentType(MediaType.APPLICATION_JSON).body(write(locality(saved)));
    }

    private static Map<String, Object> locality(MicrodataStore.Locality l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", l.slug());
        m.put("name", l.name());
        m.put("dataZones", l.dataZones());
        m.put("created", l.created().toString());
        return m;
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseEntity<String> error(HttpStatus status, Map<String, String> body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(write(body));
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<String> badRequest(InvalidRequestException e) {
        return error(HttpStatus.BAD_REQUEST, Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(TabulationRefusedException.class)
    ResponseEntity<String> refused(TabulationRefusedException e) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("rule", e.rule());
        body.put("advice", e.advice());
        return error(HttpStatus.UNPROCESSABLE_CONTENT, body);
    }
}
