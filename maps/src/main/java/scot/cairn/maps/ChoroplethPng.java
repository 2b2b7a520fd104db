package scot.cairn.maps;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.TexturePaint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import javax.imageio.ImageIO;
import org.locationtech.jts.awt.ShapeWriter;

/**
 * The choropleth as a PNG image, drawn with Java2D (areas through JTS {@link ShapeWriter}) in the
 * layout of {@link ChoroplethSvg}: title, areas, legend with both patterns, source and licence.
 */
final class ChoroplethPng {

    private ChoroplethPng() {}

    static byte[] render(Choropleth.Result r, Collection<MapArea> areas) {
        ChoroplethSvg.Page page = ChoroplethSvg.page(r, areas);
        BufferedImage image = new BufferedImage(page.width(), page.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, page.width(), page.height());
            drawHeadings(g, r, page);
            drawAreas(g, r, areas, page);
            drawLegend(g, r, page);
            drawFooter(g, page);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The title's lines and the unit line. */
    private static void drawHeadings(Graphics2D g, Choropleth.Result r, ChoroplethSvg.Page page) {
        int m = ChoroplethSvg.MARGIN;
        g.setColor(Color.decode("#111111"));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        for (int i = 0; i < page.titleLines().size(); i++) {
            g.drawString(page.titleLines().get(i), m, 28 + 22 * i);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.decode("#333333"));
        g.drawString("Unit: " + (r.unit().isEmpty() ? "(none)" : r.unit()) + ". Classes: quantiles.", m, page.unitY());
    }

    /** Each area with a figure or status, filled by class or pattern and outlined. */
    private static void drawAreas(
            Graphics2D g, Choropleth.Result r, Collection<MapArea> areas, ChoroplethSvg.Page page) {
        ShapeWriter shapes = new ShapeWriter();
        g.setStroke(new BasicStroke(0.6f));
        for (MapArea a : areas) {
            Choropleth.AreaValue v = r.areas().get(a.code());
            if (v == null) {
                continue;
            }
            var shape = shapes.toShape(page.toPage().transform(a.display()));
            g.setPaint(fill(r, v));
            g.fill(shape);
            g.setColor(Color.decode("#555555"));
            g.draw(shape);
        }
    }

    /** The legend: a swatch per class, then the no-data and suppressed patterns. */
    private static void drawLegend(Graphics2D g, Choropleth.Result r, ChoroplethSvg.Page page) {
        int lx = page.legendX();
        int ly = page.top() + 8;
        g.setColor(Color.decode("#111111"));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString("Legend", lx, ly);
        ly += 14;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (Choropleth.LegendClass c : r.classes()) {
            swatch(g, lx, ly, Color.decode(c.colour()), c.label());
            ly += 24;
        }
        swatch(g, lx, ly, hatch(), "No data");
        ly += 24;
        swatch(g, lx, ly, dots(), "Suppressed");
    }

    /** The footer's lines: areas not drawn, source, licence and boundaries. */
    private static void drawFooter(Graphics2D g, ChoroplethSvg.Page page) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.decode("#333333"));
        for (int i = 0; i < page.footerLines().size(); i++) {
            g.drawString(page.footerLines().get(i), ChoroplethSvg.MARGIN, page.footerY() + 16 * i);
        }
    }

    private static Paint fill(Choropleth.Result r, Choropleth.AreaValue v) {
        if (v.classIndex() != null) {
            return Color.decode(r.classes().get(v.classIndex()).colour());
        }
        return Choropleth.SUPPRESSED.equals(v.status()) ? dots() : hatch();
    }

    private static void swatch(Graphics2D g, int x, int y, Paint fill, String label) {
        g.setPaint(fill);
        g.fillRect(x, y, 18, 18);
        g.setColor(Color.decode("#555555"));
        g.drawRect(x, y, 18, 18);
        g.setColor(Color.decode("#111111"));
        g.drawString(label, x + 26, y + 14);
    }

    /** White with dark diagonal lines: no data. */
    private static Paint hatch() {
        BufferedImage tile = new BufferedImage(6, 6, BufferedImage.TYPE_INT_RGB);
        Graphics2D t = tile.createGraphics();
        t.setColor(Color.decode(Choropleth.NO_DATA_COLOUR));
        t.fillRect(0, 0, 6, 6);
        t.setColor(Color.decode("#636363"));
        t.drawLine(0, 5, 5, 0);
        t.dispose();
        return new TexturePaint(tile, new Rectangle(0, 0, 6, 6));
    }

    /** Grey with dark dots: suppressed. */
    private static Paint dots() {
        BufferedImage tile = new BufferedImage(5, 5, BufferedImage.TYPE_INT_RGB);
        Graphics2D t = tile.createGraphics();
        t.setColor(Color.decode(Choropleth.SUPPRESSED_COLOUR));
        t.fillRect(0, 0, 5, 5);
        t.setColor(Color.decode("#252525"));
        t.fillRect(2, 2, 2, 2);
        t.dispose();
        return new TexturePaint(tile, new Rectangle(0, 0, 5, 5));
    }
}
