package scot.cairn.linkeddata;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import scot.cairn.formats.Html;
import scot.cairn.formats.cube.Labels;

/** The HTML list of datasets at {@code /data}, with a filter form that works without scripts. */
final class CataloguePage {
    private CataloguePage() {}

    static String render(List<Catalogue.Entry> all, List<Catalogue.Entry> shown, Catalogue.Filter filter) {
        Html html = new Html("Datasets");
        html.alternate("application/json", "/data.json")
                .alternate("text/csv", "/data.csv")
                .alternate("text/turtle", "/catalogue.ttl")
                .body("Datasets");
        Map<String, String> themes = new TreeMap<>();
        Map<String, String> publishers = new TreeMap<>();
        Map<String, String> outcomes = new TreeMap<>();
        for (Catalogue.Entry e : all) {
            e.outcomes().forEach(o -> outcomes.put(o.label(), Labels.lastSegment(o.uri())));
            e.themes().forEach(t -> themes.put(t.label(), Labels.lastSegment(t.uri())));
            e.publishers().forEach(p -> publishers.put(p.label(), p.uri()));
        }
        html.raw("<form method=\"get\" action=\"/data\" role=\"search\">\n")
                .raw(
                        "<label for=\"q\">Search titles and descriptions</label> <input type=\"search\" id=\"q\" name=\"q\" value=\"")
                .text(filter.text())
                .raw("\">\n");
        select(html, "theme", "Theme", themes, filter.theme());
        select(html, "publisher", "Publisher", publishers, filter.publisher());
        if (!outcomes.isEmpty()) {
            select(html, "outcome", "National outcome", outcomes, filter.outcome());
        }
        html.raw("<button type=\"submit\">Filter</button>\n</form>\n");
        html.raw("<table>\n<caption>")
                .text(shown.size() + " of " + all.size() + " datasets")
                .raw("</caption>\n<thead><tr>")
                .raw("<th scope=\"col\">Title</th><th scope=\"col\">Publisher</th><th scope=\"col\">Theme</th>")
                .raw("<th scope=\"col\">Modified</th><th scope=\"col\">Next update due</th></tr></thead>\n<tbody>\n");
        for (Catalogue.Entry e : shown) {
            html.raw("<tr><th scope=\"row\">")
                    .link(pathOf(e.uri()), e.title())
                    .raw("</th><td>")
                    .text(e.publisherLabels())
                    .raw("</td><td>")
                    .text(e.themeLabels())
                    .raw("</td><td>")
                    .text(e.modified())
                    .raw("</td><td>")
                    .text(e.nextUpdateDue())
                    .raw("</td></tr>\n");
        }
        html.raw("</tbody>\n</table>\n<p>")
                .link("/calendar", "Release calendar")
                .raw(" (next updates due, overdue ones flagged).</p>\n<p>Also as ")
                .link("/data.json", "JSON")
                .raw(", ")
                .link("/data.csv", "CSV")
                .raw(" (same filters), the ")
                .link("/catalogue", "DCAT catalogue")
                .raw(" and the ")
                .link("/void", "VoID description")
                .raw(".</p>\n");
        return html.finish();
    }

    private static void select(Html html, String name, String label, Map<String, String> options, String selected) {
        html.raw("<label for=\"")
                .text(name)
                .raw("\">")
                .text(label)
                .raw("</label> <select id=\"")
                .text(name)
                .raw("\" name=\"")
                .text(name)
                .raw("\">\n<option value=\"\">Any</option>\n");
        for (Map.Entry<String, String> o : options.entrySet()) {
            boolean chosen =
                    o.getValue().equals(selected) || o.getKey().equalsIgnoreCase(selected == null ? "" : selected);
            html.raw("<option value=\"")
                    .text(o.getValue())
                    .raw("\"")
                    .raw(chosen ? " selected" : "")
                    .raw(">")
                    .text(o.getKey())
                    .raw("</option>\n");
        }
        html.raw("</select>\n");
    }

    /** Dataset pages are on this server whatever its host: link by path. */
    private static String pathOf(String uri) {
        int scheme = uri.indexOf("://");
        int slash = scheme < 0 ? -1 : uri.indexOf('/', scheme + 3);
        return slash < 0 ? uri : uri.substring(slash);
    }
}
