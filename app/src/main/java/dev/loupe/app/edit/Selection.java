package dev.loupe.app.edit;

import dev.loupe.app.diagram.DiagramNode;
import dev.loupe.app.diagram.Scope;
import dev.loupe.app.main.DiagramViewModel;
import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import java.util.List;
import java.util.TreeSet;

/// The operator nodes the user has selected in the diagram: the boxes of a multiple selection (Ctrl+click),
/// else the selected operator, or every node of the selected name-scope group (its sub-groups included).
public final class Selection {

    private Selection() {
    }

    /// The selected nodes, in graph order; empty when nothing or only an input/output box is selected.
    public static List<Node> nodes(DiagramViewModel diagram) {
        var level = diagram.getLevel();
        var item = diagram.selectedItemProperty().get();
        if (level == null || item == null) {
            return List.of();
        }
        var items = diagram.markedItems().isEmpty() ? List.of(item) : diagram.markedItems();
        var indexes = new TreeSet<Integer>();
        for (var box : items) {
            if (box.kind() == DiagramNode.Kind.OPERATOR && box.nodeIndex() >= 0) {
                indexes.add(box.nodeIndex());
            } else if (box.kind() == DiagramNode.Kind.GROUP && box.scope() != null) {
                collect(box.scope(), indexes);
            }
        }
        Graph graph = level.graph();
        return indexes.stream().map(i -> graph.nodes().get(i)).toList();
    }

    /// The selected operator node, or `null` when the selection is not one operator.
    public static Node node(DiagramViewModel diagram) {
        var item = diagram.selectedItemProperty().get();
        return item != null && item.kind() == DiagramNode.Kind.OPERATOR ? item.node() : null;
    }

    private static void collect(Scope scope, java.util.Collection<Integer> into) {
        into.addAll(scope.nodes());
        scope.children().forEach(c -> collect(c, into));
    }
}
