package dev.loupe.app.layout;

import dev.loupe.app.diagram.Diagram;
import java.util.List;

/// Where every box and edge of a [Diagram] lies: box top-left corners (sizes are the diagram's), and each
/// edge as a polyline from the source box to the target box. Coordinates are in diagram units (1 unit is
/// one pixel at 100% zoom), y growing downwards.
///
/// Immutable by contract: the arrays are owned by the layout and never changed after construction, so a
/// layout may be shared between the layout thread, the FX thread and exporters.
public final class GraphLayout {

    private final Diagram diagram;
    private final double[] x;
    private final double[] y;
    private final List<double[]> edgePoints;
    private final double minX;
    private final double minY;
    private final double maxX;
    private final double maxY;

    /// @param x left edge of box `i`
    /// @param y top edge of box `i`
    /// @param edgePoints for edge `k` of the diagram, its points as `x0, y0, x1, y1, ...` (at least two)
    public GraphLayout(Diagram diagram, double[] x, double[] y, List<double[]> edgePoints) {
        if (x.length != diagram.nodes().size() || y.length != x.length || edgePoints.size() != diagram.edges().size()) {
            throw new IllegalArgumentException("layout does not match its diagram");
        }
        this.diagram = diagram;
        this.x = x;
        this.y = y;
        this.edgePoints = List.copyOf(edgePoints);
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            x0 = Math.min(x0, x[i]);
            y0 = Math.min(y0, y[i]);
            x1 = Math.max(x1, x[i] + width(i));
            y1 = Math.max(y1, y[i] + height(i));
        }
        for (var pts : this.edgePoints) {
            for (int k = 0; k + 1 < pts.length; k += 2) {
                x0 = Math.min(x0, pts[k]);
                x1 = Math.max(x1, pts[k]);
                y0 = Math.min(y0, pts[k + 1]);
                y1 = Math.max(y1, pts[k + 1]);
            }
        }
        boolean empty = x0 == Double.POSITIVE_INFINITY;
        this.minX = empty ? 0 : x0;
        this.minY = empty ? 0 : y0;
        this.maxX = empty ? 0 : x1;
        this.maxY = empty ? 0 : y1;
    }

    public Diagram diagram() {
        return diagram;
    }

    public int nodeCount() {
        return x.length;
    }

    public int edgeCount() {
        return edgePoints.size();
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }

    public double width(int i) {
        return diagram.node(i).width();
    }

    public double height(int i) {
        return diagram.node(i).height();
    }

    public double centerX(int i) {
        return x[i] + width(i) / 2;
    }

    public double centerY(int i) {
        return y[i] + height(i) / 2;
    }

    /// The points of edge `k` as `x0, y0, x1, y1, ...`; the caller must not modify the array.
    public double[] edge(int k) {
        return edgePoints.get(k);
    }

    public double minX() {
        return minX;
    }

    public double minY() {
        return minY;
    }

    public double maxX() {
        return maxX;
    }

    public double maxY() {
        return maxY;
    }

    public double width() {
        return maxX - minX;
    }

    public double height() {
        return maxY - minY;
    }

    /// Whether box `i` contains the point.
    public boolean contains(int i, double px, double py) {
        return px >= x[i] && px <= x[i] + width(i) && py >= y[i] && py <= y[i] + height(i);
    }
}
