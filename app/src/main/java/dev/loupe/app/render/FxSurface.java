package dev.loupe.app.render;

import dev.loupe.app.diagram.DiagramMetrics;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/// A [Surface] over a JavaFX canvas whose transform maps diagram units to pixels at `zoom`.
///
/// Colours and fonts are cached: the painter sets the same few many times per frame. FX thread only.
public final class FxSurface implements Surface {

    private final GraphicsContext gc;
    private final double zoom;
    private final Font[] plain = new Font[32];
    private final Font[] bold = new Font[32];
    private final String family;
    private int fill = 0;
    private int stroke = 0;
    private double strokeWidth = -1;
    private final double[] xs = new double[256];
    private final double[] ys = new double[256];

    /// @param gc a context whose transform already maps diagram units to pixels
    public FxSurface(GraphicsContext gc, double zoom) {
        this.gc = gc;
        this.zoom = zoom;
        this.family = Font.getDefault().getFamily();
    }

    @Override
    public double pixel() {
        return 1 / zoom;
    }

    @Override
    public void setFill(int argb) {
        if (argb != fill) {
            fill = argb;
            gc.setFill(color(argb));
        }
    }

    @Override
    public void setStroke(int argb, double pixels) {
        if (argb != stroke) {
            stroke = argb;
            gc.setStroke(color(argb));
        }
        double w = pixels / zoom;
        if (w != strokeWidth) {
            strokeWidth = w;
            gc.setLineWidth(w);
        }
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        gc.fillRect(x, y, w, h);
    }

    @Override
    public void fillRoundRect(double x, double y, double w, double h, double arc) {
        gc.fillRoundRect(x, y, w, h, arc, arc);
    }

    @Override
    public void strokeRoundRect(double x, double y, double w, double h, double arc) {
        gc.strokeRoundRect(x, y, w, h, arc, arc);
    }

    @Override
    public void polyline(double[] points) {
        int n = points.length / 2;
        if (n == 2) {
            gc.strokeLine(points[0], points[1], points[2], points[3]);
            return;
        }
        var px = n <= xs.length ? xs : new double[n];
        var py = n <= ys.length ? ys : new double[n];
        for (int i = 0; i < n; i++) {
            px[i] = points[2 * i];
            py[i] = points[2 * i + 1];
        }
        gc.strokePolyline(px, py, n);
    }

    @Override
    public void fillTriangle(double x0, double y0, double x1, double y1, double x2, double y2) {
        xs[0] = x0;
        xs[1] = x1;
        xs[2] = x2;
        ys[0] = y0;
        ys[1] = y1;
        ys[2] = y2;
        gc.fillPolygon(xs, ys, 3);
    }

    @Override
    public void text(String text, double x, double y, double size, boolean isBold) {
        int key = (int) Math.round(size * 2);
        var cache = isBold ? bold : plain;
        if (key >= cache.length) {
            key = cache.length - 1;
        }
        var font = cache[key];
        if (font == null) {
            font = Font.font(family, isBold ? FontWeight.BOLD : FontWeight.NORMAL, size);
            cache[key] = font;
        }
        gc.setFont(font);
        gc.fillText(text, x, y, DiagramMetrics.MAX_WIDTH);
    }

    static Color color(int argb) {
        return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF, ((argb >>> 24) & 0xFF) / 255.0);
    }
}
