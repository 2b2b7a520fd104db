package scot.cairn.linkeddata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import scot.cairn.formats.CsvWriter;
import scot.cairn.formats.Formulas;
import scot.cairn.formats.Html;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * The release calendar: every dataset by the date its next update is due, flagging the overdue
 * ones ({@code GET /calendar}, {@code /calendar.json}, {@code /calendar.csv}; the catalogue's
 * {@code theme}, {@code outcome}, {@code publisher} and {@code q} filters apply; {@code on=YYYY-MM-DD} judges
 * "overdue" on another day than today, UTC).
 */
@RestController
class ReleaseCalendarController {
    private static final JsonFactory JSON = new JsonFactory();
    /** Due within this many days: "due soon". */
    static final int SOON_DAYS = 30;

    private final TripleStore store;
    private final UriScheme uris;

    private final boolean neutraliseFormulas;

    ReleaseCalendarController(
            TripleStore store, UriScheme uris, @Value(Formulas.SETTING_WITH_DEFAULT) boolean neutraliseFormulas) {
        this.store = store;
        this.uris = uris;
        this.neutraliseFormulas = neutraliseFormulas;
    }

    record Row(Catalogue.Entry entry, String status) {}

    @GetMapping({"/calendar", "/calendar.html", "/calendar.json", "/calendar.csv"})
    void calendar(
            HttpServletRequest request,
            HttpServletResponse response,
            @RequestParam(required = false) String theme,
            @RequestParam(required = false) String publisher,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String on,
            @RequestParam(required = false) String outcome)
            throws IOException {
        LocalDate today;
        try {
            today = on == null || on.isBlank() ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(on.strip());
        } catch (DateTimeParseException e) {
            PlainText.send(response, 400, "Bad parameter on: '" + on + "' is not a date (YYYY-MM-DD)");
            return;
        }
        List<Row> rows = rows(new Catalogue.Filter(theme, publisher, q, outcome), today);
        String path = request.getRequestURI();
        if (path.endsWith(".json")) {
            writeJson(response, today, rows);
        } else if (path.endsWith(".csv")) {
            writeCsv(request, response, rows);
        } else {
            writeHtml(response, today, rows);
        }
    }

    /** The catalogue's entries the filter accepts: dated ones first, earliest due first; undated ones after, by title. */
    private List<Row> rows(Catalogue.Filter filter, LocalDate today) {
        List<Row> rows = new ArrayList<>();
        for (Catalogue.Entry e : store.read(Catalogue::read)) {
            if (filter.accepts(e)) {
                rows.add(new Row(e, status(e.nextUpdateDue(), today)));
            }
        }
        // dated ones first, earliest due first; undated ones after, by title
        rows.sort(Comparator.comparing((Row r) -> r.entry().nextUpdateDue().isEmpty())
                .thenComparing(r -> r.entry().nextUpdateDue())
                .thenComparing(r -> r.entry().title()));
        return rows;
    }

    private static void writeJson(HttpServletResponse response, LocalDate today, List<Row> rows) throws IOException {
        response.setContentType("application/json");
        try (JsonGenerator g = JSON.createGenerator(response.getOutputStream())) {
            g.writeStartObject();
            g.writeStringField("on", today.toString());
            g.writeNumberField(
                    "overdue",
                    rows.stream().filter(r -> r.status().equals("overdue")).count());
            g.writeArrayFieldStart("datasets");
            for (Row r : rows) {
                g.writeStartObject();
                g.writeStringField("uri", r.entry().uri());
                g.writeStringField("title", r.entry().title());
                g.writeStringField("modified", r.entry().modified());
                g.writeStringField("nextUpdateDue", r.entry().nextUpdateDue());
                g.writeStringField("status", r.status());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private void writeCsv(HttpServletRequest request, HttpServletResponse response, List<Row> rows) throws IOException {
        response.setContentType("text/csv;charset=utf-8");
        OutputStreamWriter w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        CsvWriter p =
                CsvWriter.crlf(w, Formulas.forRequest(request.getParameter(Formulas.PARAMETER), neutraliseFormulas));
        p.row("URI", "Title", "Last updated", "Next update due", "Status");
        for (Row r : rows) {
            p.row(
                    r.entry().uri(),
                    r.entry().title(),
                    r.entry().modified(),
                    r.entry().nextUpdateDue(),
                    r.status());
        }
        p.flush();
    }

    private void writeHtml(HttpServletResponse response, LocalDate today, List<Row> rows) throws IOException {
        Html html = new Html("Release calendar");
        html.body("Release calendar");
        long overdue = rows.stream().filter(r -> r.status().equals("overdue")).count();
        html.p("Next update due for each dataset, as of " + today + ". " + overdue
                + (overdue == 1 ? " dataset is" : " datasets are") + " overdue.");
        html.raw(
                "<table>\n<caption>Datasets by next update due</caption>\n<thead><tr><th scope=\"col\">Dataset</th>"
                        + "<th scope=\"col\">Last updated</th><th scope=\"col\">Next update due</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n");
        for (Row r : rows) {
            html.raw("<tr><td>")
                    .link(Links.href(uris, r.entry().uri()), r.entry().title())
                    .raw("</td><td>")
                    .text(r.entry().modified())
                    .raw("</td><td>")
                    .text(r.entry().nextUpdateDue())
                    .raw("</td><td>")
                    .raw(r.status().equals("overdue") ? "<strong>&#9888; overdue</strong>" : Html.esc(r.status()))
                    .raw("</td></tr>\n");
        }
        html.raw("</tbody>\n</table>\n<p>")
                .link("/calendar.csv", "As CSV")
                .raw(" · ")
                .link("/calendar.json", "As JSON")
                .raw("</p>\n");
        response.setContentType("text/html;charset=utf-8");
        response.getOutputStream().write(html.finish().getBytes(StandardCharsets.UTF_8));
    }

    /** overdue (due before {@code today}), due soon (within {@value #SOON_DAYS} days), scheduled, or no date. */
    static String status(String nextUpdateDue, LocalDate today) {
        if (nextUpdateDue == null || nextUpdateDue.isEmpty()) {
            return "no date";
        }
        LocalDate due;
        try {
            due = LocalDate.parse(nextUpdateDue.substring(0, Math.min(10, nextUpdateDue.length())));
        } catch (DateTimeParseException e) {
            return "no date";
        }
        if (due.isBefore(today)) {
            return "overdue";
        }
        return due.isAfter(today.plusDays(SOON_DAYS)) ? "scheduled" : "due soon";
    }
}
