package dev.loupe.app.diagram;

import dev.loupe.model.Node;
import dev.loupe.model.Value;
import java.util.List;

/// One box of the diagram: an operator, a collapsed group, a graph input or output, or a value that a
/// subgraph reads from an enclosing graph.
///
/// An operator of a function body drawn in place of its call (see [CallFrame]) is an [Kind#OPERATOR] box
/// too, so that it can be selected and its properties shown, but it is display only: its `node` belongs to
/// the function's body, not to the diagram's graph, its `nodeIndex` is -1 and [#inCall()] says so. Edits
/// must not run on it (the model is not changed by expanding a call: inlining is a separate edit).
///
/// @param key stable identity across rebuilds of the same graph (`n:12`, `g:encoder/layer.3`, `i:x`,
///     `c:7/2` for body node 2 of the call that is node 7...)
/// @param title the first line: op type, group name or value name
/// @param lines the detail lines: key attributes and weights, node count of a group, type of an input
/// @param styleClass the category style class (`layer`, `activation`..., `group`, `input`, `output`)
/// @param node the operator, for [Kind#OPERATOR]; else `null`
/// @param nodeIndex the operator's index in its graph's node list, or -1 (also for a body node shown in place)
/// @param scope the group's scope, for [Kind#GROUP]; else `null`
/// @param value the value of an input, output or outer item; else `null`
/// @param caller for a body node shown in place of its call, the calling node of the diagram's graph; else `null`
public record DiagramNode(String key, Kind kind, String title, List<String> lines, String styleClass, Node node,
                          int nodeIndex, Scope scope, Value value, Node caller, double width, double height) {

    /// What a box stands for.
    public enum Kind { OPERATOR, GROUP, INPUT, OUTPUT, OUTER }

    public DiagramNode {
        lines = List.copyOf(lines);
    }

    /// Whether this box is an operator of a function body drawn in place of its call: display only, its
    /// node is not one of the diagram's graph.
    public boolean inCall() {
        return caller != null;
    }
}
