package dev.loupe.app.edit;

import dev.loupe.app.diagram.DiagramNode;
import dev.loupe.app.diagram.Scope;
import dev.loupe.app.main.DiagramViewModel;
import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import java.util.ArrayList;
import java.util.List;

/// The operator nodes the user has selected in the diagram: the selected operator, or every node of the
/// selected name-scope group (its sub-groups included).
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
        if (item.kind() == DiagramNode.Kind.OPERATOR && item.node() != null) {
            return List.of(item.node());
        }
        if (item.kind() == DiagramNode.Kind.GROUP && item.scope() != null) {
            var indexes = new ArrayList<Integer>();
            collect(item.scope(), indexes);
            indexes.sort(null);
            Graph graph = level.graph();
            return indexes.stream().map(i -> graph.nodes().get(i)).toList();
        }
        return List.of();
    }

    /// The selected operator node, or `null` when the selection is not one operator.
    public static Node node(DiagramViewModel diagram) {
        var item = diagram.selectedItemProperty().get();
        return item != null && item.kind() == DiagramNode.Kind.OPERATOR ? item.node() : null;
    }

    private static void collect(Scope scope, List<Integer> into) {
        into.addAll(scope.nodes());
        scope.children().forEach(c -> collect(c, into));
    }
}
