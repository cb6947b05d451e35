package dev.loupe.app.diagram;

import dev.loupe.model.Node;
import dev.loupe.model.Value;
import java.util.List;

/// One box of the diagram: an operator, a collapsed group, a graph input or output, or a value that a
/// subgraph reads from an enclosing graph.
///
/// @param key stable identity across rebuilds of the same graph (`n:12`, `g:encoder/layer.3`, `i:x`...)
/// @param title the first line: op type, group name or value name
/// @param lines the detail lines: key attributes and weights, node count of a group, type of an input
/// @param styleClass the category style class (`layer`, `activation`..., `group`, `input`, `output`)
/// @param node the operator, for [Kind#OPERATOR]; else `null`
/// @param nodeIndex the operator's index in its graph's node list, or -1
/// @param scope the group's scope, for [Kind#GROUP]; else `null`
/// @param value the value of an input, output or outer item; else `null`
public record DiagramNode(String key, Kind kind, String title, List<String> lines, String styleClass, Node node,
                          int nodeIndex, Scope scope, Value value, double width, double height) {

    /// What a box stands for.
    public enum Kind { OPERATOR, GROUP, INPUT, OUTPUT, OUTER }

    public DiagramNode {
        lines = List.copyOf(lines);
    }
}
