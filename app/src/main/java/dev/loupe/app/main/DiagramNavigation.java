package dev.loupe.app.main;

import dev.loupe.app.layout.GraphLayout;

/// Keyboard traversal of a laid-out diagram: up to a producer, down to a consumer (the one nearest in x),
/// or sideways to the nearest box in the same row.
final class DiagramNavigation {

    private DiagramNavigation() {
    }

    /// The box to select after moving from box `from` in `direction`, or -1 when there is none.
    static int target(DiagramLevel level, int from, DiagramViewModel.Direction direction) {
        var layout = level.layout();
        var index = level.index();
        return switch (direction) {
            case UP -> nearestX(layout, from, index.inEdges(from), true);
            case DOWN -> nearestX(layout, from, index.outEdges(from), false);
            case LEFT, RIGHT -> sideways(layout, from, direction == DiagramViewModel.Direction.LEFT);
        };
    }

    private static int sideways(GraphLayout layout, int from, boolean left) {
        double cy = layout.centerY(from);
        double cx = layout.centerX(from);
        double best = Double.POSITIVE_INFINITY;
        int target = -1;
        for (int i = 0; i < layout.nodeCount(); i++) {
            double dx = layout.centerX(i) - cx;
            if (i == from || Math.abs(layout.centerY(i) - cy) > layout.height(from) || (left ? dx >= 0 : dx <= 0)) {
                continue;
            }
            if (Math.abs(dx) < best) {
                best = Math.abs(dx);
                target = i;
            }
        }
        return target;
    }

    /// Of the boxes at the other end of `edges`, the one nearest to box `from` in x, or -1 for no edges.
    private static int nearestX(GraphLayout layout, int from, int[] edges, boolean upstream) {
        int best = -1;
        double bestDx = Double.POSITIVE_INFINITY;
        for (int k : edges) {
            var e = layout.diagram().edges().get(k);
            int other = upstream ? e.from() : e.to();
            double dx = Math.abs(layout.centerX(other) - layout.centerX(from));
            if (dx < bestDx) {
                bestDx = dx;
                best = other;
            }
        }
        return best;
    }
}
