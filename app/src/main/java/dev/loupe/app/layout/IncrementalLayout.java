package dev.loupe.app.layout;

import dev.loupe.app.diagram.Diagram;
import dev.loupe.app.diagram.DiagramMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/// Opens or closes one group without laying out the whole diagram again.
///
/// Opening lays out only the group's members (with ELK) and puts them where the group's box was, anchored at
/// its top centre; boxes beside the group move sideways by half the growth in width, boxes below move down by
/// the growth in height, and everything else keeps its place. Closing does the reverse. Edges that touch the
/// group's members are re-routed; the others keep their bends, moved with the same rule.
///
/// A call of a model-local function expands and collapses the same way, its body's boxes standing for the
/// group's members ([#expandCall], [#collapseCall]); the area they take is grown by the frame drawn around
/// them ([DiagramMetrics#FRAME_PADDING] on the sides and below, the title strip above).
public final class IncrementalLayout {

    private static final double STUB = 12;
    private static final double LANE = 14;

    private IncrementalLayout() {
    }

    /// The layout of `next`, which is `old`'s diagram with group `groupKey` opened.
    public static GraphLayout expand(GraphLayout old, Diagram next, String groupKey, LayoutEngine engine,
                                     BooleanSupplier cancelled) {
        return expand(old, next, groupKey, engine, cancelled, Margin.NONE);
    }

    /// The layout of `next`, which is `old`'s diagram with the call whose box is `callKey` drawn expanded:
    /// its body's boxes are laid out inside a frame where the call's box was.
    public static GraphLayout expandCall(GraphLayout old, Diagram next, String callKey, LayoutEngine engine,
                                         BooleanSupplier cancelled) {
        return expand(old, next, callKey, engine, cancelled, Margin.FRAME);
    }

    /// The layout of `next`, which is `old`'s diagram with the call whose box is `callKey` drawn as one box
    /// again; `null` when other boxes lie in the call's frame, so that only a full layout can place it.
    public static GraphLayout collapseCall(GraphLayout old, Diagram next, String callKey) {
        return collapse(old, next, callKey, Margin.FRAME);
    }

    private static GraphLayout expand(GraphLayout old, Diagram next, String groupKey, LayoutEngine engine,
                                      BooleanSupplier cancelled, Margin margin) {
        var oldDiagram = old.diagram();
        int g = oldDiagram.indexOf(groupKey);
        if (g < 0) {
            throw new IllegalArgumentException("no box '" + groupKey + "' in the diagram");
        }
        var members = new ArrayList<Integer>();
        for (int i = 0; i < next.nodes().size(); i++) {
            if (oldDiagram.indexOf(next.node(i).key()) < 0) {
                members.add(i);
            }
        }
        var memberIndexes = members.stream().mapToInt(Integer::intValue).toArray();
        var inner = engine.layout(next.subset(memberIndexes), cancelled);
        var before = new Rect(old.x(g), old.y(g), old.width(g), old.height(g));
        double width = inner.width() + 2 * margin.side();
        double left = before.centerX() - width / 2;
        var after = new Rect(left, before.top(), width, inner.height() + margin.top() + margin.side());
        double dx = left + margin.side() - inner.minX();
        double dy = before.top() + margin.top() - inner.minY();

        var placed = new HashMap<Integer, double[]>();
        for (int m = 0; m < memberIndexes.length; m++) {
            placed.put(memberIndexes[m], new double[] {inner.x(m) + dx, inner.y(m) + dy});
        }
        var innerEdges = new HashMap<Long, double[]>();
        for (int k = 0; k < inner.edgeCount(); k++) {
            var e = inner.diagram().edges().get(k);
            innerEdges.put(pair(memberIndexes[e.from()], memberIndexes[e.to()]), translate(inner.edge(k), dx, dy));
        }
        return splice(old, next, new Splice(before, after, margin), placed, innerEdges);
    }

    /// The layout of `next`, which is `old`'s diagram with the group `groupKey` closed; `null` when other
    /// boxes lie among the group's members, so that only a full layout can place the group.
    public static GraphLayout collapse(GraphLayout old, Diagram next, String groupKey) {
        return collapse(old, next, groupKey, Margin.NONE);
    }

    private static GraphLayout collapse(GraphLayout old, Diagram next, String groupKey, Margin margin) {
        int g = next.indexOf(groupKey);
        if (g < 0) {
            throw new IllegalArgumentException("no box '" + groupKey + "' in the diagram");
        }
        var oldDiagram = old.diagram();
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        var isMember = new boolean[old.nodeCount()];
        for (int i = 0; i < old.nodeCount(); i++) {
            if (next.indexOf(oldDiagram.node(i).key()) < 0) {
                isMember[i] = true;
                x0 = Math.min(x0, old.x(i));
                y0 = Math.min(y0, old.y(i));
                x1 = Math.max(x1, old.x(i) + old.width(i));
                y1 = Math.max(y1, old.y(i) + old.height(i));
            }
        }
        if (x0 == Double.POSITIVE_INFINITY) {
            return null;
        }
        var before = new Rect(x0 - margin.side(), y0 - margin.top(), x1 - x0 + 2 * margin.side(),
                y1 - y0 + margin.top() + margin.side());
        for (int i = 0; i < old.nodeCount(); i++) {
            if (!isMember[i] && before.intersects(old.x(i), old.y(i), old.width(i), old.height(i))) {
                return null;
            }
        }
        var box = next.node(g);
        var after = new Rect(before.centerX() - box.width() / 2, before.top(), box.width(), box.height());
        var placed = Map.of(g, new double[] {after.left(), after.top()});
        return splice(old, next, new Splice(before, after, margin), placed, Map.of());
    }

    private static GraphLayout splice(GraphLayout old, Diagram next, Splice splice, Map<Integer, double[]> placed,
                                      Map<Long, double[]> innerEdges) {
        var oldDiagram = old.diagram();
        int n = next.nodes().size();
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++) {
            var p = placed.get(i);
            if (p != null) {
                x[i] = p[0];
                y[i] = p[1];
            } else {
                int o = oldDiagram.indexOf(next.node(i).key());
                var moved = splice.moveBox(old.x(o), old.y(o), old.width(o), old.height(o));
                x[i] = moved[0];
                y[i] = moved[1];
            }
        }
        var oldEdges = new HashMap<String, Integer>();
        for (int k = 0; k < old.edgeCount(); k++) {
            var e = oldDiagram.edges().get(k);
            oldEdges.put(oldDiagram.node(e.from()).key() + "\n" + oldDiagram.node(e.to()).key(), k);
        }
        var points = new ArrayList<double[]>(next.edges().size());
        for (var e : next.edges()) {
            var inner = innerEdges.get(pair(e.from(), e.to()));
            Integer o = placed.containsKey(e.from()) || placed.containsKey(e.to()) ? null
                    : oldEdges.get(next.node(e.from()).key() + "\n" + next.node(e.to()).key());
            if (inner != null) {
                points.add(inner);
            } else if (o != null) {
                points.add(splice.movePoints(old.edge(o)));
            } else {
                points.add(route(next, e.from(), e.to(), x, y, splice, placed.size() > 1 ? placed.keySet() : Set.of()));
            }
        }
        return new GraphLayout(next, x, y, points);
    }

    /// A route from the bottom centre of one box to the top centre of another. An edge between an opened
    /// group's member and a box outside it runs down a lane beside the group, so that it does not cross
    /// the other members, unless the member is in the group's first (or, leaving it, last) row; other edges
    /// go straight, with a short vertical stub at each end.
    private static double[] route(Diagram d, int from, int to, double[] x, double[] y, Splice splice, Set<Integer> members) {
        double sx = x[from] + d.node(from).width() / 2;
        double sy = y[from] + d.node(from).height();
        double tx = x[to] + d.node(to).width() / 2;
        double ty = y[to];
        var area = splice.after();
        var margin = splice.margin();
        boolean intoMember = members.contains(to) && !members.contains(from) && ty > area.top() + margin.top() + 1;
        boolean outOfMember = members.contains(from) && !members.contains(to) && sy < area.bottom() - margin.side() - 1;
        if (intoMember || outOfMember) {
            double lane = area.left() + area.width() + LANE;
            double leave = sy + STUB;
            double enter = ty - STUB;
            return new double[] {sx, sy, sx, leave, lane, leave, lane, enter, tx, enter, tx, ty};
        }
        return route(d, from, to, x, y);
    }

    /// A plain route from the bottom centre of one box to the top centre of another.
    private static double[] route(Diagram d, int from, int to, double[] x, double[] y) {
        double sx = x[from] + d.node(from).width() / 2;
        double sy = y[from] + d.node(from).height();
        double tx = x[to] + d.node(to).width() / 2;
        double ty = y[to];
        if (ty - sy <= 2 * STUB) {
            return new double[] {sx, sy, tx, ty};
        }
        return new double[] {sx, sy, sx, sy + STUB, tx, ty - STUB, tx, ty};
    }

    private static double[] translate(double[] pts, double dx, double dy) {
        var out = pts.clone();
        for (int k = 0; k + 1 < out.length; k += 2) {
            out[k] += dx;
            out[k + 1] += dy;
        }
        return out;
    }

    private static long pair(int from, int to) {
        return ((long) from << 32) | to;
    }

    /// Room kept around the members of an opened item: none for a group, a frame for a call.
    private record Margin(double top, double side) {
        static final Margin NONE = new Margin(0, 0);
        static final Margin FRAME = new Margin(DiagramMetrics.FRAME_TITLE_HEIGHT + DiagramMetrics.FRAME_PADDING,
                DiagramMetrics.FRAME_PADDING);
    }

    private record Rect(double left, double top, double width, double height) {
        double centerX() {
            return left + width / 2;
        }

        double bottom() {
            return top + height;
        }

        boolean intersects(double x, double y, double w, double h) {
            return x < left + width && x + w > left && y < top + height && y + h > top;
        }
    }

    /// Moves what lies beside or below a rectangle that grows or shrinks from `before` to `after` (same top
    /// centre): beside it (within its old rows) sideways by half the change in width, below it by the change
    /// in height. `margin` is the room kept inside `after` around the opened members.
    private record Splice(Rect before, Rect after, Margin margin) {

        double halfGrowth() {
            return (after.width() - before.width()) / 2;
        }

        double[] moveBox(double x, double y, double w, double h) {
            if (y + h < before.top()) {
                return new double[] {x, y};
            }
            if (y <= before.bottom()) {
                return new double[] {x + Math.signum(x + w / 2 - before.centerX()) * halfGrowth(), y};
            }
            return new double[] {x, y + after.height() - before.height()};
        }

        double[] movePoints(double[] pts) {
            var out = pts.clone();
            for (int k = 0; k + 1 < out.length; k += 2) {
                double py = out[k + 1];
                if (py < before.top()) {
                    continue;
                }
                if (py <= before.bottom()) {
                    out[k] += Math.signum(out[k] - before.centerX()) * halfGrowth();
                } else {
                    out[k + 1] += after.height() - before.height();
                }
            }
            return out;
        }
    }
}
