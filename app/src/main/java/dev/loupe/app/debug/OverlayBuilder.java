package dev.loupe.app.debug;

import dev.loupe.app.diagram.DiagramNode;
import dev.loupe.app.main.DiagramLevel;
import dev.loupe.app.render.DebugOverlay;
import dev.loupe.model.Node;
import java.util.function.ToIntFunction;

/// Builds the [DebugOverlay] of one diagram from the debugger's state: a box is marked when any node it
/// shows (itself, or the members of a collapsed group) has run or has a breakpoint; its heat is the worst of
/// its members'; each edge shows the live value of the tensor it carries. Linear in the graph's size.
public final class OverlayBuilder {

    private OverlayBuilder() {
    }

    /// The overlay of `level` for `debugger`'s run, with error levels from `heat` (a node to one of the
    /// `DebugOverlay.HEAT_*` levels) when not `null`.
    public static DebugOverlay build(DiagramLevel level, DebuggerViewModel debugger, ToIntFunction<Node> heat) {
        var diagram = level.diagram();
        var nodes = level.graph().nodes();
        int boxes = diagram.nodes().size();
        var executed = new boolean[boxes];
        var breakpoints = new boolean[boxes];
        var heatLevels = new byte[boxes];
        var ran = debugger.executedNodes();
        var marked = debugger.breakpoints().nodes();
        for (int i = 0; i < nodes.size(); i++) {
            int box = diagram.itemOfNode(i);
            if (box < 0) {
                continue;
            }
            var node = nodes.get(i);
            executed[box] |= ran.contains(node);
            breakpoints[box] |= marked.contains(node);
            if (heat != null) {
                heatLevels[box] = (byte) Math.max(heatLevels[box], heat.applyAsInt(node));
            }
        }
        var edges = diagram.edges();
        var labels = new String[edges.size()];
        for (int k = 0; k < labels.length; k++) {
            var e = edges.get(k);
            var live = e.count() == 1 ? debugger.liveValue(e.value()) : null;
            labels[k] = live == null ? null : live.label();
        }
        return new DebugOverlay(currentBox(level, debugger), executed, breakpoints, heatLevels, labels);
    }

    /// For a constant drawn inside its consumers: the box of its first consumer.
    private static int firstConsumerBox(DiagramLevel level, Node node) {
        for (var out : node.outputs()) {
            if (out == null) {
                continue;
            }
            for (var consumer : out.consumers()) {
                int index = level.builder().indexOf(consumer);
                if (index >= 0 && level.diagram().itemOfNode(index) >= 0) {
                    return level.diagram().itemOfNode(index);
                }
            }
        }
        return -1;
    }

    /// The box of the node the run is paused at (or failed in), when it is in `level`'s graph; else -1.
    static int currentBox(DiagramLevel level, DebuggerViewModel debugger) {
        var phase = debugger.getPhase();
        var loc = debugger.locationProperty().get();
        if (loc == null || (phase != DebuggerViewModel.Phase.PAUSED && phase != DebuggerViewModel.Phase.FAILED)
                || loc.node().graph() != level.graph()) {
            return -1;
        }
        int box = level.diagram().itemOfNode(loc.nodeIndex());
        if (box < 0) {
            box = firstConsumerBox(level, loc.node());
        }
        if (box < 0) {
            return -1;
        }
        var item = level.diagram().node(box);
        return item.kind() == DiagramNode.Kind.OPERATOR || item.kind() == DiagramNode.Kind.GROUP ? box : -1;
    }
}
