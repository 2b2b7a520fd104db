package scot.cairn.tabulation.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import scot.cairn.formats.Formulas;
import scot.cairn.tabulation.ApiKeys;
import scot.cairn.tabulation.Client;
import scot.cairn.tabulation.InvalidRequestException;
import scot.cairn.tabulation.Localities;
import scot.cairn.tabulation.LocalityException;
import scot.cairn.tabulation.MicrodataDefinition;
import scot.cairn.tabulation.MicrodataStore;
import scot.cairn.tabulation.TableFormats;
import scot.cairn.tabulation.TabulationRefusedException;
import scot.cairn.tabulation.TabulationRequest;
import scot.cairn.tabulation.TabulationResult;
import scot.cairn.tabulation.TabulationStoreException;
import scot.cairn.tabulation.Tabulator;
import scot.cairn.tabulation.differencing.ClientLimitException;

/**
 * The HTTP face of the flexible-tabulation service. Only disclosure-controlled aggregates leave
 * it: no endpoint returns a record.
 *
 * <ul>
 * <li>{@code POST /tabulate} with a JSON request; {@code GET /tabulate?dataset=...&variables=...}
 * for the same as query parameters (geography: {@code level} with optional {@code within},
 * {@code areas}, {@code dataZones} with {@code name}, or {@code locality}; {@code filter=variable:code|code};
 * {@code group=variable:label=code|code}, once per group, in order). {@code format=json} (default), {@code csv} or
 * {@code json-stat} (or Accept: text/csv); the CSV neutralises formula cells unless
 * {@code formulas=keep} ({@link Formulas}). 400 for a bad request, 422 for a refusal (with the
 * rule and what to change).</li>
 * <li>{@code GET /tabulate/datasets}, {@code GET /tabulate/variables?dataset=...}: what can be asked.</li>
 * <li>{@code GET /localities?page=&size=} (a page of summaries), {@code POST /localities}
 * ({@code {"name": ..., "dataZones": [...]}}: 201, 409 when the name is taken, 429 over a quota),
 * {@code GET /localities/{slug}} (whole), {@code DELETE /localities/{slug}} by its owner (an API key
 * as {@code Authorization: Bearer}, or the owner token returned at creation as {@code X-Owner-Token}).</li>
 * </ul>
 * Every failure is a 4xx with a plain {@code {"error": ...}} (503 when the store fails).
 */
@RestController
class TabulationController {
    private static final Logger LOG = LoggerFactory.getLogger(TabulationController.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    /** The header an anonymous creator sends its owner token in to delete its locality. */
    static final String OWNER_TOKEN = "X-Owner-Token";

    private static final String TABLE_REQUEST =
            "a table request {\"dataset\": ..., \"variables\": [...], \"geography\": {...}}";
    private static final String NEW_LOCALITY = "a locality {\"name\": ..., \"dataZones\": [...]}";

    private final ObjectProvider<Tabulator> tabulators;
    private final ObjectProvider<Localities> localities;
    private final ApiKeys apiKeys;
    private final JsonBodies bodies;

    private final boolean neutraliseFormulas;

    TabulationController(
            ObjectProvider<Tabulator> tabulators,
            ObjectProvider<Localities> localities,
            TabulationClientProperties clients,
            @Value(Formulas.SETTING_WITH_DEFAULT) boolean neutraliseFormulas) {
        this.tabulators = tabulators;
        this.localities = localities;
        this.apiKeys = clients.keys();
        this.bodies = new JsonBodies(clients.maxRequestBytes());
        this.neutraliseFormulas = neutraliseFormulas;
    }

    /** The tabulator; the first request after start-up waits here until the microdata store is open. */
    private Tabulator tabulator() {
        return tabulators.getObject();
    }

    /** Any content type reaches this method, so that a wrong one is answered here in words (415). */
    @PostMapping("/tabulate")
    void tabulate(
            HttpServletRequest http,
            HttpServletResponse response,
            @RequestParam(required = false) String format,
            @RequestParam(name = Formulas.PARAMETER, required = false) String formulas,
            @RequestHeader(value = "Accept", required = false) String accept)
            throws IOException {
        String f = format(format, accept);
        TabulationRequest request = bodies.read(http, TabulationRequest.class, TABLE_REQUEST);
        write(tabulator().tabulate(request, client(http)), f, formulas, response);
    }

    @GetMapping("/tabulate")
    void tabulateGet(
            HttpServletRequest http,
            HttpServletResponse response,
            @RequestParam String dataset,
            @RequestParam(required = false) List<String> variables,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) List<String> areas,
            @RequestParam(required = false) List<String> dataZones,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String locality,
            @RequestParam(required = false) String within,
            @RequestParam(required = false) List<String> filter,
            @RequestParam(required = false) String measure,
            @RequestParam(required = false) String magnitude,
            @RequestParam(required = false) String format,
            @RequestParam(name = Formulas.PARAMETER, required = false) String formulas,
            @RequestHeader(value = "Accept", required = false) String accept)
            throws IOException {
        String wanted = format(format, accept);
        TabulationRequest.Geography geography =
                level == null && areas == null && dataZones == null && locality == null && within == null
                        ? null
                        : new TabulationRequest.Geography(level, areas, dataZones, name, locality, within);
        Map<String, List<String>> filters = new LinkedHashMap<>();
        if (filter != null) {
            for (String f : filter) {
                int colon = f.indexOf(':');
                if (colon <= 0) {
                    throw new InvalidRequestException("a filter is variable:code|code..., got '" + f + "'");
                }
                filters.put(
                        f.substring(0, colon), List.of(f.substring(colon + 1).split("\\|")));
            }
        }
        TabulationRequest request = new TabulationRequest(
                dataset, variables, geography, filters, measure, magnitude, groups(parameterValues(http, "group")));
        write(tabulator().tabulate(request, client(http)), wanted, formulas, response);
    }

    /**
     * All values of a parameter as sent: read from the request itself, because Spring splits a
     * single value at its commas when binding it to a list, and a group's label may hold commas.
     */
    private static List<String> parameterValues(HttpServletRequest http, String name) {
        String[] values = http.getParameterValues(name);
        return values == null ? null : List.of(values);
    }

    /** {@code group=variable:label=code|code...} parameters, in order, as the request's groups. */
    static Map<String, List<TabulationRequest.CategoryGroup>> groups(List<String> params) {
        Map<String, List<TabulationRequest.CategoryGroup>> groups = new LinkedHashMap<>();
        if (params != null) {
            for (String g : params) {
                int colon = g.indexOf(':');
                int equals = g.lastIndexOf('=');
                if (colon <= 0 || equals <= colon + 1) {
                    throw new InvalidRequestException(
                            "a group is variable:label=code|code..., got '" + abbreviate(g) + "'");
                }
                groups.computeIfAbsent(g.substring(0, colon), k -> new ArrayList<>())
                        .add(new TabulationRequest.CategoryGroup(
                                null,
                                g.substring(colon + 1, equals),
                                List.of(g.substring(equals + 1).split("\\|"))));
            }
        }
        return groups;
    }

    /** {@code format} if given (json, csv or json-stat), else CSV when the client accepts it, else JSON. */
    private static String format(String format, String accept) {
        String f = format != null ? format : accept != null && accept.contains("text/csv") ? "csv" : "json";
        if (!List.of("json", "csv", "json-stat").contains(f)) {
            throw new InvalidRequestException("format must be json, csv or json-stat, got '" + abbreviate(f) + "'");
        }
        return f;
    }

    /**
     * Streams the table into the response as it is written (a data-zone table is some 190,000 CSV
     * rows, 10 MB): no copy of the whole text is held, and the client reads while the rest is written.
     */
    private void write(TabulationResult result, String format, String formulas, HttpServletResponse response)
            throws IOException {
        if (format.equals("csv")) {
            response.setContentType(CSV.toString());
            TableFormats.writeCsv(
                    result,
                    new BufferedWriter(
                            new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16),
                    Formulas.forRequest(formulas, neutraliseFormulas));
            return;
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (format.equals("json-stat")) {
            response.getOutputStream()
                    .write(TableFormats.jsonStat(result, false).getBytes(StandardCharsets.UTF_8));
        } else {
            TableFormats.writeJson(result, response.getOutputStream());
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
        MicrodataStore.Dataset d = tabulator()
                .store()
                .dataset(dataset)
                .orElseThrow(() -> new InvalidRequestException("no dataset named '" + abbreviate(dataset) + "'"));
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
        m.put(
                "magnitudes",
                def.magnitudes().stream()
                        .map(x -> Map.of("name", x.name(), "label", x.label()))
                        .toList());
        m.put("levels", d.levels().stream().map(l -> l.collectionName()).toList());
        m.put("measures", def.magnitudes().isEmpty() ? List.of("count") : List.of("count", "sum", "mean"));
        return m;
    }

    @GetMapping("/localities")
    ResponseEntity<String> localities(
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
        Localities.Page p = localities.getObject().page(page, size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "localities",
                p.localities().stream()
                        .map(l -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("slug", l.slug());
                            m.put("name", l.name());
                            m.put("dataZoneCount", l.dataZones());
                            m.put("created", l.created().toString());
                            m.put("href", "/localities/" + l.slug());
                            return m;
                        })
                        .toList());
        body.put("page", p.page());
        body.put("size", p.size());
        body.put("total", p.total());
        body.put("pages", p.pages());
        if (p.page() < p.pages()) {
            body.put("next", "/localities?page=" + (p.page() + 1) + "&size=" + p.size());
        }
        if (p.page() > 1 && p.page() <= p.pages()) {
            body.put("previous", "/localities?page=" + (p.page() - 1) + "&size=" + p.size());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(write(body));
    }

    @GetMapping("/localities/{slug}")
    ResponseEntity<String> locality(@PathVariable String slug) {
        return localities
                .getObject()
                .find(slug)
                .map(l -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(write(locality(l))))
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, "no locality '" + abbreviate(slug) + "'"));
    }

    record NewLocality(String name, List<String> dataZones) {}

    /** Any content type reaches this method, so that a wrong one is answered here in words (415). */
    @PostMapping("/localities")
    ResponseEntity<String> createLocality(HttpServletRequest http) {
        Client client = client(http);
        NewLocality n = bodies.read(http, NewLocality.class, NEW_LOCALITY);
        Localities.Created created = localities.getObject().create(n.name(), n.dataZones(), client);
        Map<String, Object> body = locality(created.locality());
        if (created.ownerToken() != null) {
            // Shown this once only: the store keeps its hash.
            body.put("ownerToken", created.ownerToken());
        }
        return ResponseEntity.created(
                        URI.create("/localities/" + created.locality().slug()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(write(body));
    }

    @DeleteMapping("/localities/{slug}")
    ResponseEntity<Void> deleteLocality(@PathVariable String slug, HttpServletRequest http) {
        localities.getObject().delete(slug, client(http), http.getHeader(OWNER_TOKEN));
        return ResponseEntity.noContent().build();
    }

    /** The client: the one whose API key is presented, or an anonymous client at its address. */
    private Client client(HttpServletRequest http) {
        String authorization = http.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return Client.anonymous(http.getRemoteAddr());
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new LocalityException(
                    LocalityException.Reason.API_KEY_NEEDED, "the Authorization header must be 'Bearer <API key>'");
        }
        return apiKeys.client(authorization.substring(7).strip())
                .map(Client::withApiKey)
                .orElseThrow(() -> new LocalityException(
                        LocalityException.Reason.API_KEY_NEEDED, "the API key is not one this service issued"));
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

    private static ResponseEntity<String> error(HttpStatusCode status, String message) {
        return error(status, Map.of("error", message == null ? "the request cannot be answered" : message));
    }

    private static ResponseEntity<String> error(HttpStatusCode status, Map<String, String> body) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(write(body));
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<String> badRequest(InvalidRequestException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(TabulationRefusedException.class)
    ResponseEntity<String> refused(TabulationRefusedException e) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("rule", e.rule());
        body.put("advice", e.advice());
        return error(HttpStatus.UNPROCESSABLE_CONTENT, body);
    }

    /** A user-defined area this client may not release: no API key where one is needed (401), or its quota used up (429). */
    @ExceptionHandler(ClientLimitException.class)
    ResponseEntity<String> clientLimit(ClientLimitException e) {
        return switch (e.reason()) {
            case API_KEY_NEEDED ->
                ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"cairn\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(error(HttpStatus.UNAUTHORIZED, e.getMessage()).getBody());
            case CLIENT_QUOTA -> error(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        };
    }

    @ExceptionHandler(LocalityException.class)
    ResponseEntity<String> localityRefused(LocalityException e) {
        HttpStatus status = switch (e.reason()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case TAKEN -> HttpStatus.CONFLICT;
            case NOT_OWNER, STORE_FULL -> HttpStatus.FORBIDDEN;
            case CLIENT_QUOTA -> HttpStatus.TOO_MANY_REQUESTS;
            case API_KEY_NEEDED -> HttpStatus.UNAUTHORIZED;
        };
        ResponseEntity<String> response = error(status, e.getMessage());
        return status != HttpStatus.UNAUTHORIZED
                ? response
                : ResponseEntity.status(status)
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"cairn\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(response.getBody());
    }

    /** 413 and 415 from {@link JsonBodies}, with their words. */
    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<String> status(ResponseStatusException e) {
        return error(e.getStatusCode(), e.getReason());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<String> missingParameter(MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, "the query parameter '" + e.getParameterName() + "' is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<String> wrongParameter(MethodArgumentTypeMismatchException e) {
        String what = e.getRequiredType() == int.class || e.getRequiredType() == Integer.class
                ? "a whole number"
                : "of another form";
        return error(
                HttpStatus.BAD_REQUEST,
                "the parameter '" + e.getName() + "' must be " + what + ", got '"
                        + abbreviate(String.valueOf(e.getValue())) + "'");
    }

    @ExceptionHandler(ServletRequestBindingException.class)
    ResponseEntity<String> binding(ServletRequestBindingException e) {
        return error(
                HttpStatus.BAD_REQUEST,
                "the request is incomplete: " + e.getBody().getDetail());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<String> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "the request body could not be read");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<String> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the body as JSON with Content-Type: application/json");
    }

    /**
     * The private store failed, or could not be opened for the lazy beans that use it (not the
     * client's doing): said plainly, the details in the log only.
     */
    @ExceptionHandler({TabulationStoreException.class, BeanCreationException.class})
    ResponseEntity<String> storeFailed(RuntimeException e) {
        LOG.error("tabulation store failure: {}", e.getMessage(), e);
        return error(HttpStatus.SERVICE_UNAVAILABLE, "the tabulation service cannot answer just now; try again later");
    }
}
