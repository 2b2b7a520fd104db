package scot.cairn.formats;

import org.springframework.web.util.HtmlUtils;

/**
 * A small HTML writer for server-rendered pages: every text and attribute goes through
 * {@link #esc}, pages carry their own minimal CSS (no external assets) and use landmarks,
 * captions and header scopes so screen readers can navigate them.
 */
public final class Html {
    /**
     * The pages' whole style sheet, inline in every page: the server's Content-Security-Policy
     * allows exactly this text by its hash, so a page needs no {@code 'unsafe-inline'}.
     */
    public static final String STYLE =
            "body{font-family:system-ui,sans-serif;max-width:70rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1b1b1b}"
                    + "a{color:#0b4f9c}a:focus{outline:3px solid #fd0}table{border-collapse:collapse;width:100%;margin:1rem 0}"
                    + "th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}caption{text-align:left;font-weight:bold}"
                    + "code{word-break:break-all}nav a{margin-right:1rem}";

    private final StringBuilder sb = new StringBuilder(8192);

    public static String esc(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s, "UTF-8");
    }

    public Html(String title) {
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(esc(title))
                .append("</title>\n")
                .append("<style>")
                .append(STYLE)
                .append("</style>\n");
    }

    /** Adds {@code <link rel=alternate>} in the head; call before {@link #body}. */
    public Html alternate(String type, String href) {
        sb.append("<link rel=\"alternate\" type=\"")
                .append(esc(type))
                .append("\" href=\"")
                .append(esc(href))
                .append("\">\n");
        return this;
    }

    public Html body(String h1) {
        sb.append(
                        "</head>\n<body>\n<header><nav aria-label=\"Site\"><a href=\"/data\">Datasets</a><a href=\"/catalogue\">Catalogue (DCAT)</a>")
                .append(
                        "<a href=\"/void\">VoID</a><a href=\"/sparql\">SPARQL endpoint</a></nav></header>\n<main>\n<h1>")
                .append(esc(h1))
                .append("</h1>\n");
        return this;
    }

    public Html raw(String html) {
        sb.append(html);
        return this;
    }

    public Html text(String text) {
        sb.append(esc(text));
        return this;
    }

    public Html h2(String text) {
        sb.append("<h2>").append(esc(text)).append("</h2>\n");
        return this;
    }

    public Html p(String text) {
        sb.append("<p>").append(esc(text)).append("</p>\n");
        return this;
    }

    public Html link(String href, String text) {
        sb.append("<a href=\"")
                .append(esc(href))
                .append("\">")
                .append(esc(text))
                .append("</a>");
        return this;
    }

    public String finish() {
        sb.append("</main>\n</body>\n</html>\n");
        return sb.toString();
    }
}
