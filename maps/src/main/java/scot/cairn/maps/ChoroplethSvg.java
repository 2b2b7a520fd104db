package scot.cairn.maps;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * A choropleth as a standalone SVG image: title, the areas coloured by class (the no-data and
 * suppressed areas filled with their patterns, each area with a {@code <title>} giving its name and
 * value), a legend of the class ranges and both patterns, and the source and licence lines. Longitude
 * is scaled by the cosine of the middle latitude so shapes look right at Scotland's latitude.
 */
final class ChoroplethSvg {
    private static final int MAP_WIDTH = 600;
    private static final int MAP_MAX_HEIGHT = 640;
    private static final int LEGEND_WIDTH = 260;
    static final int MARGIN = 16;
    /** Characters per line before wrapping: the 18 px bold title and the 11 px source and licence lines. */
    private static final int TITLE_CHARS = 80;

    private static final int FOOTER_CHARS = 150;

    private ChoroplethSvg() {}

    /**
     * Where things go on the page: its size, the title's lines, the baseline of the unit line, the
     * top of the map and legend, the lon/lat to page transformation, the legend's left edge, and the
     * footer's lines (source, licence, then the boundaries' attribution) from {@code footerY}.
     */
    record Page(
            int width,
            int height,
            List<String> titleLines,
            int unitY,
            int top,
            AffineTransformation toPage,
            int legendX,
            List<String> footerLines,
            int footerY) {}

    static Page page(Choropleth.Result r, Collection<MapArea> areas) {
        List<String> title = wrap(r.title(), TITLE_CHARS);
        List<String> footer = new ArrayList<>(wrap(r.apartNote(), FOOTER_CHARS));
        footer.addAll(wrap(r.source(), FOOTER_CHARS));
        footer.addAll(wrap(r.licence(), FOOTER_CHARS));
        if (!r.boundaries().isEmpty()) {
            footer.addAll(wrap(r.boundaries(), FOOTER_CHARS));
        }
        int unitY = 10 + 22 * title.size() + 16;
        int top = unitY + 16;
        Envelope env = new Envelope();
        areas.forEach(a -> env.expandToInclude(a.display().getEnvelopeInternal()));
        if (env.isNull()) {
            env.expandToInclude(0, 0);
        }
        double cos = Math.cos(Math.toRadians((env.getMinY() + env.getMaxY()) / 2));
        double w = Math.max(env.getWidth() * cos, 1e-9);
        double h = Math.max(env.getHeight(), 1e-9);
        double scale = Math.min(MAP_WIDTH / w, MAP_MAX_HEIGHT / h);
        int mapHeight = (int) Math.ceil(h * scale);
        AffineTransformation toPage = new AffineTransformation()
                .translate(-env.getMinX(), -env.getMaxY())
                .scale(cos * scale, -scale)
                .translate(MARGIN, top);
        int legendHeight = 40 + 24 * (r.classes().size() + 2);
        int footerY = top + Math.max(mapHeight, legendHeight) + 24;
        int height = footerY + 16 * footer.size();
        int width = MARGIN + MAP_WIDTH + 24 + LEGEND_WIDTH;
        return new Page(width, height, title, unitY, top, toPage, MARGIN + MAP_WIDTH + 24, footer, footerY);
    }

    /** Splits text at spaces into lines of at most {@code max} characters (a longer word gets a line of its own). */
    static List<String> wrap(String text, int max) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > max) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    static String render(Choropleth.Result r, Collection<MapArea> areas) {
        Page page = page(r, areas);
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("svg");
            x.writeDefaultNamespace("http://www.w3.org/2000/svg");
            writeHead(x, r, page);
            writeHeadings(x, r, page);
            writeAreas(x, r, areas, page.toPage());
            writeLegend(x, r, page);
            writeFooter(x, page);
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** The root's size and accessible name and description, the patterns and the white background. */
    private static void writeHead(XMLStreamWriter x, Choropleth.Result r, Page page) throws XMLStreamException {
        int width = page.width();
        int height = page.height();
        x.writeAttribute("width", Integer.toString(width));
        x.writeAttribute("height", Integer.toString(height));
        x.writeAttribute("viewBox", "0 0 " + width + " " + height);
        x.writeAttribute("role", "img");
        x.writeAttribute("aria-labelledby", "map-title map-desc");
        text(x, "title", r.title(), "id", "map-title");
        text(
                x,
                "desc",
                "Choropleth map, " + r.classes().size() + " classes by quantiles. " + r.source() + ". " + r.licence(),
                "id",
                "map-desc");
        patterns(x);
        x.writeStartElement("rect");
        attrs(x, "width", width, "height", height, "fill", "#ffffff");
        x.writeEndElement();
    }

    /** The title's lines and the unit line. */
    private static void writeHeadings(XMLStreamWriter x, Choropleth.Result r, Page page) throws XMLStreamException {
        for (int i = 0; i < page.titleLines().size(); i++) {
            text(
                    x,
                    "text",
                    page.titleLines().get(i),
                    "x",
                    MARGIN,
                    "y",
                    28 + 22 * i,
                    "font-family",
                    "sans-serif",
                    "font-size",
                    18,
                    "font-weight",
                    "bold",
                    "fill",
                    "#111111");
        }
        text(
                x,
                "text",
                "Unit: " + (r.unit().isEmpty() ? "(none)" : r.unit()) + ". Classes: quantiles.",
                "x",
                MARGIN,
                "y",
                page.unitY(),
                "font-family",
                "sans-serif",
                "font-size",
                12,
                "fill",
                "#333333");
    }

    /** Each area with a figure or status, filled by class or pattern, with its name and value as its title. */
    private static void writeAreas(
            XMLStreamWriter x, Choropleth.Result r, Collection<MapArea> areas, AffineTransformation toPage)
            throws XMLStreamException {
        x.writeStartElement("g");
        attrs(x, "id", "areas", "stroke", "#555555", "stroke-width", "0.4", "stroke-linejoin", "round");
        for (MapArea a : areas) {
            Choropleth.AreaValue v = r.areas().get(a.code());
            if (v == null) {
                continue;
            }
            x.writeStartElement("path");
            attrs(
                    x,
                    "id",
                    "area-" + a.code(),
                    "fill",
                    fill(r, v),
                    "fill-rule",
                    "evenodd",
                    "d",
                    path(toPage.transform(a.display())));
            text(x, "title", a.name() + " (" + a.code() + "): " + valueText(v), new Object[0]);
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    /** The legend: a swatch per class, then the no-data and suppressed patterns. */
    private static void writeLegend(XMLStreamWriter x, Choropleth.Result r, Page page) throws XMLStreamException {
        int lx = page.legendX();
        int ly = page.top() + 8;
        x.writeStartElement("g");
        attrs(x, "id", "legend", "font-family", "sans-serif", "font-size", 13, "fill", "#111111");
        text(x, "text", "Legend", "x", lx, "y", ly, "font-weight", "bold");
        ly += 14;
        for (Choropleth.LegendClass c : r.classes()) {
            swatch(x, lx, ly, c.colour(), c.label());
            ly += 24;
        }
        swatch(x, lx, ly, "url(#hatch)", "No data");
        ly += 24;
        swatch(x, lx, ly, "url(#dots)", "Suppressed");
        x.writeEndElement();
    }

    /** The footer's lines: areas not drawn, source, licence and boundaries. */
    private static void writeFooter(XMLStreamWriter x, Page page) throws XMLStreamException {
        for (int i = 0; i < page.footerLines().size(); i++) {
            text(
                    x,
                    "text",
                    page.footerLines().get(i),
                    "x",
                    MARGIN,
                    "y",
                    page.footerY() + 16 * i,
                    "font-family",
                    "sans-serif",
                    "font-size",
                    11,
                    "fill",
                    "#333333");
        }
    }

    private static String fill(Choropleth.Result r, Choropleth.AreaValue v) {
        if (v.classIndex() != null) {
            return r.classes().get(v.classIndex()).colour();
        }
        return Choropleth.SUPPRESSED.equals(v.status()) ? "url(#dots)" : "url(#hatch)";
    }

    static String valueText(Choropleth.AreaValue v) {
        if (v.value() != null) {
            return Choropleth.plain(v.value());
        }
        return Choropleth.SUPPRESSED.equals(v.status()) ? "suppressed" : "no data";
    }

    private static void patterns(XMLStreamWriter x) throws XMLStreamException {
        x.writeStartElement("defs");
        x.writeStartElement("pattern");
        attrs(
                x,
                "id",
                "hatch",
                "width",
                6,
                "height",
                6,
                "patternUnits",
                "userSpaceOnUse",
                "patternTransform",
                "rotate(45)");
        x.writeStartElement("rect");
        attrs(x, "width", 6, "height", 6, "fill", Choropleth.NO_DATA_COLOUR);
        x.writeEndElement();
        x.writeStartElement("line");
        attrs(x, "x1", 0, "y1", 0, "x2", 0, "y2", 6, "stroke", "#636363", "stroke-width", "1.5");
        x.writeEndElement();
        x.writeEndElement();
        x.writeStartElement("pattern");
        attrs(x, "id", "dots", "width", 5, "height", 5, "patternUnits", "userSpaceOnUse");
        x.writeStartElement("rect");
        attrs(x, "width", 5, "height", 5, "fill", Choropleth.SUPPRESSED_COLOUR);
        x.writeEndElement();
        x.writeStartElement("circle");
        attrs(x, "cx", "2.5", "cy", "2.5", "r", "1.1", "fill", "#252525");
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
    }

    private static void swatch(XMLStreamWriter x, int lx, int ly, String fill, String label) throws XMLStreamException {
        x.writeStartElement("rect");
        attrs(x, "x", lx, "y", ly, "width", 18, "height", 18, "fill", fill, "stroke", "#555555", "stroke-width", "0.6");
        x.writeEndElement();
        text(x, "text", label, "x", lx + 26, "y", ly + 14);
    }

    private static void text(XMLStreamWriter x, String element, String content, Object... attributes)
            throws XMLStreamException {
        x.writeStartElement(element);
        attrs(x, attributes);
        x.writeCharacters(content);
        x.writeEndElement();
    }

    private static void attrs(XMLStreamWriter x, Object... nameValues) throws XMLStreamException {
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            x.writeAttribute(nameValues[i].toString(), nameValues[i + 1].toString());
        }
    }

    /** The SVG path data of a polygonal geometry's rings, in page coordinates. */
    private static String path(Geometry g) {
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i) instanceof Polygon p) {
                ring(d, p.getExteriorRing());
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    ring(d, p.getInteriorRingN(h));
                }
            }
        }
        return d.toString();
    }

    private static void ring(StringBuilder d, LineString ring) {
        Coordinate[] cs = ring.getCoordinates();
        for (int i = 0; i < cs.length; i++) {
            d.append(i == 0 ? 'M' : 'L').append(String.format(Locale.ROOT, "%.1f %.1f", cs[i].x, cs[i].y));
        }
        d.append('Z');
    }
}
