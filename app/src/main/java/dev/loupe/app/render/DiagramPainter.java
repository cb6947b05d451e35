package dev.loupe.app.render;

import dev.loupe.app.diagram.DiagramMetrics;
import dev.loupe.app.diagram.DiagramNode;
import dev.loupe.app.layout.GraphLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/// Draws a [GraphLayout] on any [Surface], with level of detail: below a zoom where text would be
/// unreadable only boxes and lines are drawn, and edge labels appear only when zoomed in further.
///
/// Stateless apart from its palette; the same painter serves the window, PNG and SVG exports.
public final class DiagramPainter {

    /// Zoom from which box titles are drawn.
    public static final double TEXT_ZOOM = 0.4;
    /// Zoom from which edge labels are drawn.
    public static final double LABEL_ZOOM = 0.7;
    private static final double ARROW_ZOOM = 0.25;
    /// Below this zoom a box is a few pixels: boxes landing on the same pixels are drawn once and short
    /// edges are left out, which keeps a fitted 18,000-box graph cheap to rasterise.
    private static final double DOT_ZOOM = 0.12;
    private static final double MIN_EDGE_PIXELS = 6;
    private static final double ARC = 6;
    private static final double ARROW = 7;

    private final Palette palette;

    public DiagramPainter(Palette palette) {
        this.palette = palette;
    }

    public Palette palette() {
        return palette;
    }

    /// Draws the edges `edges` and boxes `nodes` of `layout` (all of them when `null`).
    public void paint(Surface s, GraphLayout layout, IntList nodes, IntList edges, Highlight highlight) {
        paint(s, layout, nodes, edges, highlight, DebugOverlay.NONE);
    }

    /// Draws as [#paint(Surface, GraphLayout, IntList, IntList, Highlight)] does, then the debugger's
    /// marks: error halos, breakpoints, executed and current boxes, and live values on edges.
    public void paint(Surface s, GraphLayout layout, IntList nodes, IntList edges, Highlight highlight, DebugOverlay overlay) {
        paint(s, layout, nodes, edges, highlight, overlay, new boolean[0]);
    }

    /// Draws as [#paint(Surface, GraphLayout, IntList, IntList, Highlight, DebugOverlay)] does, plus a warning
    /// badge on each box flagged in `problems` (indexed like the boxes; a shorter array flags nothing more):
    /// the boxes whose nodes the checker or shape inference found a problem with.
    public void paint(Surface s, GraphLayout layout, IntList nodes, IntList edges, Highlight highlight, DebugOverlay overlay,
                      boolean[] problems) {
        double zoom = 1 / s.pixel();
        int edgeCount = edges == null ? layout.edgeCount() : edges.size();
        int nodeCount = nodes == null ? layout.nodeCount() : nodes.size();
        int edgeColor = palette.color("edge");
        int highlightColor = palette.color("neighbour");
        boolean arrows = zoom >= ARROW_ZOOM;
        boolean dots = zoom < DOT_ZOOM;
        drawCallFrames(s, layout, zoom);
        s.setStroke(edgeColor, 1);
        s.setFill(edgeColor);
        for (int j = 0; j < edgeCount; j++) {
            int k = edges == null ? j : edges.get(j);
            if (highlight.isHighlighted(k) || (dots && extent(layout.edge(k)) * zoom < MIN_EDGE_PIXELS)) {
                continue;
            }
            drawEdge(s, layout.edge(k), arrows);
        }
        if (highlight.selected() >= 0) {
            s.setStroke(highlightColor, 2.5);
            s.setFill(highlightColor);
            for (int j = 0; j < edgeCount; j++) {
                int k = edges == null ? j : edges.get(j);
                if (highlight.isHighlighted(k)) {
                    drawEdge(s, layout.edge(k), true);
                }
            }
        }
        if (zoom >= LABEL_ZOOM) {
            var placed = new ArrayList<double[]>();
            for (int j = 0; j < edgeCount; j++) {
                int k = edges == null ? j : edges.get(j);
                var live = overlay.edgeLabel(k);
                s.setFill(palette.color(live == null ? "edge-label" : "live-label"));
                drawEdgeLabel(s, layout, k, live, placed);
            }
        }
        var covered = dots ? new HashSet<Long>() : null;
        for (int j = 0; j < nodeCount; j++) {
            int i = nodes == null ? j : nodes.get(j);
            if (covered != null && highlight.selected() != i && !highlight.isNeighbour(i) && !highlight.isMarked(i)
                    && !covered.add(pixelKey(layout, i, zoom))) {
                continue;
            }
            if (overlay.current() == i) {
                s.setFill(palette.color("current"));
                double g = 5 * s.pixel();
                s.fillRoundRect(layout.x(i) - g, layout.y(i) - g, layout.width(i) + 2 * g, layout.height(i) + 2 * g, ARC + g);
            }
            drawNode(s, layout, i, zoom, highlight);
            if (overlay.marks(i)) {
                drawMarks(s, layout, i, overlay);
            }
            if (i < problems.length && problems[i]) {
                drawProblemBadge(s, layout, i);
            }
        }
    }

    /// The frame around each call drawn expanded: the bounding box of its body's boxes, padded as
    /// [dev.loupe.app.layout.IncrementalLayout#expandCall] leaves room for, with the function's name in a
    /// title strip at the top; drawn under the edges and boxes, in the colour of function calls.
    private void drawCallFrames(Surface s, GraphLayout layout, double zoom) {
        var frames = layout.diagram().frames();
        if (frames.isEmpty()) {
            return;
        }
        int stroke = palette.category(dev.loupe.app.diagram.OpCatalog.FUNCTION_CLASS);
        double pad = DiagramMetrics.FRAME_PADDING;
        for (var f : frames) {
            double x0 = Double.POSITIVE_INFINITY;
            double y0 = Double.POSITIVE_INFINITY;
            double x1 = Double.NEGATIVE_INFINITY;
            double y1 = Double.NEGATIVE_INFINITY;
            for (int i = f.firstBox(); i < f.firstBox() + f.boxCount(); i++) {
                x0 = Math.min(x0, layout.x(i));
                y0 = Math.min(y0, layout.y(i));
                x1 = Math.max(x1, layout.x(i) + layout.width(i));
                y1 = Math.max(y1, layout.y(i) + layout.height(i));
            }
            double left = x0 - pad;
            double top = y0 - pad - DiagramMetrics.FRAME_TITLE_HEIGHT;
            double w = x1 - x0 + 2 * pad;
            double h = y1 - top + pad;
            s.setFill(palette.color("frame-fill"));
            s.fillRoundRect(left, top, w, h, ARC);
            s.setStroke(stroke, 1.5);
            s.strokeRoundRect(left, top, w, h, ARC);
            if (zoom >= TEXT_ZOOM) {
                s.setFill(palette.color("text"));
                s.text("ƒ " + f.title(), left + pad, top + DiagramMetrics.FRAME_TITLE_HEIGHT - 2, DiagramMetrics.LINE_SIZE, true);
            }
        }
    }

    /// A warning triangle with an exclamation mark on the top right corner of box `i`.
    private void drawProblemBadge(Surface s, GraphLayout layout, int i) {
        double a = Math.max(14, 14 * s.pixel());
        double cx = layout.x(i) + layout.width(i);
        double top = layout.y(i) - a * 0.55;
        s.setFill(palette.color("problem"));
        s.fillTriangle(cx, top, cx - a * 0.6, top + a, cx + a * 0.6, top + a);
        s.setFill(palette.color("header-text"));
        s.text("!", cx - a * 0.09, top + a * 0.88, a * 0.7, true);
    }

    /// The debugger's marks on box `i`: an error halo, a breakpoint dot on the left edge, a run dot at the
    /// top right, and an arrow pointing at the current box (which is also drawn on a plate of its colour).
    private void drawMarks(Surface s, GraphLayout layout, int i, DebugOverlay overlay) {
        double x = layout.x(i);
        double y = layout.y(i);
        double w = layout.width(i);
        double h = layout.height(i);
        double px = s.pixel();
        int heat = overlay.heatOf(i);
        if (heat != DebugOverlay.HEAT_NONE) {
            s.setStroke(palette.color(switch (heat) {
                case DebugOverlay.HEAT_OK -> "heat-ok";
                case DebugOverlay.HEAT_WARN -> "heat-warn";
                case DebugOverlay.HEAT_BAD -> "heat-bad";
                default -> "heat-nan";
            }), 5);
            s.strokeRoundRect(x - 4 * px, y - 4 * px, w + 8 * px, h + 8 * px, ARC + 3);
        }
        if (overlay.isExecuted(i)) {
            s.setFill(palette.color("executed"));
            double r = Math.max(4, 4 * px);
            s.fillRoundRect(x + w - 2 * r - 2, y + 2, 2 * r, 2 * r, 2 * r);
        }
        if (overlay.hasBreakpoint(i)) {
            s.setFill(palette.color("breakpoint"));
            double r = Math.max(5, 5 * px);
            s.fillRoundRect(x - r, y + Math.min(h, DiagramMetrics.HEADER_HEIGHT) / 2 - r, 2 * r, 2 * r, 2 * r);
        }
        if (overlay.current() == i) {
            s.setFill(palette.color("current"));
            double a = Math.max(ARROW * 1.4, 9 * px);
            double cy = y + Math.min(h, DiagramMetrics.HEADER_HEIGHT) / 2;
            double tip = x - a * 0.9;
            s.fillTriangle(tip, cy, tip - a, cy - a * 0.6, tip - a, cy + a * 0.6);
        }
    }

    /// The larger side of an edge's bounding box, in diagram units.
    private static double extent(double[] pts) {
        double x0 = pts[0];
        double x1 = pts[0];
        double y0 = pts[1];
        double y1 = pts[1];
        for (int k = 2; k + 1 < pts.length; k += 2) {
            x0 = Math.min(x0, pts[k]);
            x1 = Math.max(x1, pts[k]);
            y0 = Math.min(y0, pts[k + 1]);
            y1 = Math.max(y1, pts[k + 1]);
        }
        return Math.max(x1 - x0, y1 - y0);
    }

    /// Which 2×2-pixel cell a box's top-left corner falls on (with its size), for drawing tiny boxes once.
    private static long pixelKey(GraphLayout layout, int i, double zoom) {
        long px = (long) Math.floor(layout.x(i) * zoom / 2);
        long py = (long) Math.floor(layout.y(i) * zoom / 2);
        long size = (long) Math.min(255, layout.width(i) * zoom) << 8 | (long) Math.min(255, layout.height(i) * zoom);
        return (px * 0x9E3779B97F4A7C15L) ^ (py << 16) ^ size;
    }

    private static void drawEdge(Surface s, double[] pts, boolean arrow) {
        int n = pts.length;
        if (!arrow) {
            s.polyline(pts);
            return;
        }
        double ex = pts[n - 2];
        double ey = pts[n - 1];
        double dx = ex - pts[n - 4];
        double dy = ey - pts[n - 3];
        double len = Math.hypot(dx, dy);
        if (len < 1e-6) {
            s.polyline(pts);
            return;
        }
        dx /= len;
        dy /= len;
        var shortened = pts.clone();
        shortened[n - 2] = ex - dx * ARROW * 0.8;
        shortened[n - 1] = ey - dy * ARROW * 0.8;
        s.polyline(shortened);
        double bx = ex - dx * ARROW;
        double by = ey - dy * ARROW;
        s.fillTriangle(ex, ey, bx - dy * ARROW * 0.45, by + dx * ARROW * 0.45, bx + dy * ARROW * 0.45, by - dx * ARROW * 0.45);
    }

    /// The label of edge `k`, just below where it leaves its source or, when that spot is taken by another
    /// label, halfway along its first segment; left out when both are taken. Only the first edge of a source
    /// and value carries it, so fan-outs are labelled once.
    private static void drawEdgeLabel(Surface s, GraphLayout layout, int k, String live, List<double[]> placed) {
        var edges = layout.diagram().edges();
        var e = edges.get(k);
        var label = live != null ? live : e.label();
        if (k > 0) {
            var prev = edges.get(k - 1);
            if (prev.from() == e.from() && prev.value() == e.value()) {
                return;
            }
        }
        var pts = layout.edge(k);
        double w = DiagramMetrics.labelWidth(label);
        double h = DiagramMetrics.LABEL_SIZE + 2;
        double[][] spots = {
            {pts[0] + 4, pts[1] + 2},
            {(pts[0] + pts[2]) / 2 + 4, (pts[1] + pts[3]) / 2 - h / 2},
        };
        for (var spot : spots) {
            var rect = new double[] {spot[0], spot[1], spot[0] + w, spot[1] + h};
            if (placed.stream().noneMatch(r -> r[0] < rect[2] && rect[0] < r[2] && r[1] < rect[3] && rect[1] < r[3])) {
                placed.add(rect);
                s.text(label, spot[0], spot[1] + DiagramMetrics.LABEL_SIZE, DiagramMetrics.LABEL_SIZE, false);
                return;
            }
        }
    }

    private void drawNode(Surface s, GraphLayout layout, int i, double zoom, Highlight highlight) {
        var item = layout.diagram().node(i);
        double x = layout.x(i);
        double y = layout.y(i);
        double w = item.width();
        double h = item.height();
        int category = palette.category(item.styleClass());
        boolean selected = highlight.selected() == i || highlight.isMarked(i);
        boolean neighbour = highlight.isNeighbour(i);

        if (zoom < TEXT_ZOOM) {
            s.setFill(category);
            s.fillRect(x, y, w, h);
            if (selected || neighbour) {
                s.setStroke(palette.color(selected ? "selection" : "neighbour"), 2);
                s.strokeRoundRect(x, y, w, h, 0);
            }
            return;
        }
        if (item.kind() == DiagramNode.Kind.GROUP) {
            s.setFill(palette.color("frame-fill"));
            s.fillRoundRect(x + 4, y + 4, w - 4, h - 4, ARC);
            s.setStroke(category, 1);
            s.strokeRoundRect(x + 4, y + 4, w - 4, h - 4, ARC);
            w -= 4;
            h -= 4;
        }
        boolean headerOnly = item.lines().isEmpty();
        s.setFill(headerOnly ? category : palette.color("node-fill"));
        s.fillRoundRect(x, y, w, h, ARC);
        if (!headerOnly) {
            s.setFill(category);
            s.fillRoundRect(x, y, w, DiagramMetrics.HEADER_HEIGHT, ARC);
            s.fillRect(x, y + DiagramMetrics.HEADER_HEIGHT - ARC, w, ARC);
        }
        if (selected) {
            s.setStroke(palette.color("selection"), 3);
        } else if (neighbour) {
            s.setStroke(palette.color("neighbour"), 2);
        } else {
            s.setStroke(palette.color("node-stroke"), 1);
        }
        s.strokeRoundRect(x, y, w, h, ARC);

        s.setFill(palette.color("header-text"));
        double pad = DiagramMetrics.PADDING;
        double titleWidth = DiagramMetrics.titleWidth(item.title());
        double tx = headerOnly && titleWidth < w - 2 * pad ? x + (w - titleWidth) / 2 : x + pad;
        s.text(item.title(), tx, y + 15.5, DiagramMetrics.TITLE_SIZE, true);
        if (zoom < TEXT_ZOOM * 1.25) {
            return;
        }
        s.setFill(palette.color("text"));
        double ly = y + DiagramMetrics.HEADER_HEIGHT + DiagramMetrics.LINE_HEIGHT - 1;
        for (var line : item.lines()) {
            s.text(line, x + pad, ly, DiagramMetrics.LINE_SIZE, false);
            ly += DiagramMetrics.LINE_HEIGHT;
        }
    }
}
