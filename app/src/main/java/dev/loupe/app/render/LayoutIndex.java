package dev.loupe.app.render;

import dev.loupe.app.layout.GraphLayout;
import java.util.Arrays;

/// A uniform grid over a [GraphLayout] that answers "which boxes and edges touch this rectangle" in time
/// proportional to the answer, plus each box's incoming and outgoing edges.
///
/// Built once per layout (off the UI thread); immutable afterwards, except for the scratch marks that
/// de-duplicate query results, so queries must come from one thread at a time.
public final class LayoutIndex {

    private static final double TARGET_CELL = 400;

    private final GraphLayout layout;
    private final double cell;
    private final int cols;
    private final int rows;
    private final int[][] nodeCells;
    private final int[][] edgeCells;
    private final int[][] outEdges;
    private final int[][] inEdges;
    private final int[] nodeMark;
    private final int[] edgeMark;
    private int stamp;

    public LayoutIndex(GraphLayout layout) {
        this.layout = layout;
        double w = Math.max(1, layout.width());
        double h = Math.max(1, layout.height());
        double size = Math.max(TARGET_CELL, Math.sqrt(w * h / Math.max(1, layout.nodeCount())) * 2);
        this.cell = size;
        this.cols = Math.max(1, (int) Math.ceil(w / size) + 1);
        this.rows = Math.max(1, (int) Math.ceil(h / size) + 1);
        var nodeLists = new IntList[cols * rows];
        var edgeLists = new IntList[cols * rows];
        for (int i = 0; i < layout.nodeCount(); i++) {
            addRect(nodeLists, i, layout.x(i), layout.y(i), layout.x(i) + layout.width(i), layout.y(i) + layout.height(i));
        }
        for (int k = 0; k < layout.edgeCount(); k++) {
            var pts = layout.edge(k);
            for (int p = 0; p + 3 < pts.length; p += 2) {
                addRect(edgeLists, k, Math.min(pts[p], pts[p + 2]), Math.min(pts[p + 1], pts[p + 3]),
                        Math.max(pts[p], pts[p + 2]), Math.max(pts[p + 1], pts[p + 3]));
            }
        }
        nodeCells = toArrays(nodeLists);
        edgeCells = toArrays(edgeLists);
        var outs = new IntList[layout.nodeCount()];
        var ins = new IntList[layout.nodeCount()];
        for (int k = 0; k < layout.edgeCount(); k++) {
            var e = layout.diagram().edges().get(k);
            add(outs, e.from(), k);
            add(ins, e.to(), k);
        }
        outEdges = toArrays(outs);
        inEdges = toArrays(ins);
        nodeMark = new int[layout.nodeCount()];
        edgeMark = new int[layout.edgeCount()];
    }

    public GraphLayout layout() {
        return layout;
    }

    /// Edges leaving box `i`.
    public int[] outEdges(int i) {
        return outEdges[i];
    }

    /// Edges entering box `i`.
    public int[] inEdges(int i) {
        return inEdges[i];
    }

    /// Boxes and edges that may touch the rectangle (no duplicates), into `nodes` and `edges`.
    public void query(double x0, double y0, double x1, double y1, IntList nodes, IntList edges) {
        nodes.clear();
        edges.clear();
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(nodeMark, 0);
            Arrays.fill(edgeMark, 0);
            stamp = 1;
        }
        int c0 = col(x0);
        int c1 = col(x1);
        int r0 = row(y0);
        int r1 = row(y1);
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                int cellIndex = r * cols + c;
                for (int i : nodeCells[cellIndex]) {
                    if (nodeMark[i] != stamp) {
                        nodeMark[i] = stamp;
                        nodes.add(i);
                    }
                }
                for (int k : edgeCells[cellIndex]) {
                    if (edgeMark[k] != stamp) {
                        edgeMark[k] = stamp;
                        edges.add(k);
                    }
                }
            }
        }
    }

    /// The topmost box containing the point, or -1.
    public int nodeAt(double x, double y) {
        var candidates = nodeCells[row(y) * cols + col(x)];
        for (int j = candidates.length - 1; j >= 0; j--) {
            if (layout.contains(candidates[j], x, y)) {
                return candidates[j];
            }
        }
        return -1;
    }

    /// The edge passing closest to (`x`, `y`) within `reach` diagram units, or -1.
    public int edgeNear(double x, double y, double reach) {
        var nodes = new IntList();
        var edges = new IntList();
        query(x - reach, y - reach, x + reach, y + reach, nodes, edges);
        int best = -1;
        double bestDistance = reach;
        for (int j = 0; j < edges.size(); j++) {
            var pts = layout.edge(edges.get(j));
            for (int q = 0; q + 3 < pts.length; q += 2) {
                double d = segmentDistance(x, y, pts[q], pts[q + 1], pts[q + 2], pts[q + 3]);
                if (d <= bestDistance) {
                    bestDistance = d;
                    best = edges.get(j);
                }
            }
        }
        return best;
    }

    private static double segmentDistance(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0, 1);
        return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
    }

    private int col(double x) {
        return Math.clamp((int) Math.floor((x - layout.minX()) / cell), 0, cols - 1);
    }

    private int row(double y) {
        return Math.clamp((int) Math.floor((y - layout.minY()) / cell), 0, rows - 1);
    }

    private void addRect(IntList[] cells, int id, double x0, double y0, double x1, double y1) {
        for (int r = row(y0); r <= row(y1); r++) {
            for (int c = col(x0); c <= col(x1); c++) {
                add(cells, r * cols + c, id);
            }
        }
    }

    private static void add(IntList[] lists, int at, int value) {
        if (lists[at] == null) {
            lists[at] = new IntList();
        }
        lists[at].add(value);
    }

    private static int[][] toArrays(IntList[] lists) {
        var out = new int[lists.length][];
        for (int i = 0; i < lists.length; i++) {
            out[i] = lists[i] == null ? new int[0] : lists[i].toArray();
        }
        return out;
    }
}
