package dev.loupe.app.render;

import dev.loupe.app.diagram.DiagramMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/// A [Surface] over Java2D, for PNG export without a display.
final class AwtSurface implements Surface {

    private final Graphics2D g;
    private final double zoom;
    private Color fill = Color.BLACK;
    private Color stroke = Color.BLACK;
    private BasicStroke line = new BasicStroke(1);

    /// @param g a graphics context whose transform already maps diagram units to pixels at `zoom`
    AwtSurface(Graphics2D g, double zoom) {
        this.g = g;
        this.zoom = zoom;
    }

    @Override
    public double pixel() {
        return 1 / zoom;
    }

    @Override
    public void setFill(int argb) {
        fill = new Color(argb, true);
    }

    @Override
    public void setStroke(int argb, double pixels) {
        stroke = new Color(argb, true);
        line = new BasicStroke((float) (pixels / zoom), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        g.setColor(fill);
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void fillRoundRect(double x, double y, double w, double h, double arc) {
        g.setColor(fill);
        g.fill(new RoundRectangle2D.Double(x, y, w, h, arc, arc));
    }

    @Override
    public void strokeRoundRect(double x, double y, double w, double h, double arc) {
        g.setColor(stroke);
        g.setStroke(line);
        g.draw(new RoundRectangle2D.Double(x, y, w, h, arc, arc));
    }

    @Override
    public void polyline(double[] points) {
        var path = new Path2D.Double();
        path.moveTo(points[0], points[1]);
        for (int k = 2; k + 1 < points.length; k += 2) {
            path.lineTo(points[k], points[k + 1]);
        }
        g.setColor(stroke);
        g.setStroke(line);
        g.draw(path);
    }

    @Override
    public void fillTriangle(double x0, double y0, double x1, double y1, double x2, double y2) {
        var path = new Path2D.Double();
        path.moveTo(x0, y0);
        path.lineTo(x1, y1);
        path.lineTo(x2, y2);
        path.closePath();
        g.setColor(fill);
        g.fill(path);
    }

    @Override
    public void text(String text, double x, double y, double size, boolean bold) {
        g.setColor(fill);
        g.setFont(new Font(DiagramMetrics.FONT_FAMILY, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size));
        g.drawString(text, (float) x, (float) y);
    }
}
