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
///
/// Only nodes of the diagram's graph are ever returned: the operators of a function body drawn in place of
/// its call ([DiagramNode#inCall()]) are display only, so that no edit runs on them; [#refusal] says why.
public final class Selection {

    /// The status line's answer to an edit of a body node shown in place of its call.
    public static final String IN_CALL = "Inline the call to edit its nodes";

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
            if (box.kind() == DiagramNode.Kind.OPERATOR && box.nodeIndex() >= 0 && !box.inCall()) {
                indexes.add(box.nodeIndex());
            } else if (box.kind() == DiagramNode.Kind.GROUP && box.scope() != null) {
                collect(box.scope(), indexes);
            }
        }
        Graph graph = level.graph();
        return indexes.stream().map(i -> graph.nodes().get(i)).toList();
    }

    /// The selected operator node, or `null` when the selection is not one operator of the diagram's graph
    /// (also for a body node shown in place of its call).
    public static Node node(DiagramViewModel diagram) {
        var item = diagram.selectedItemProperty().get();
        return item != null && item.kind() == DiagramNode.Kind.OPERATOR && !item.inCall() ? item.node() : null;
    }

    /// Why an edit that needs a node cannot `verb` the selection: the body node of a call shown in place
    /// must be inlined first; otherwise nothing suitable is selected.
    public static String refusal(DiagramViewModel diagram, String verb) {
        var item = diagram.selectedItemProperty().get();
        if (item != null && item.inCall()) {
            return item.node().displayName() + " is in the body of " + item.caller().displayName() + " shown in place. "
                    + IN_CALL + ".";
        }
        return "Select a node to " + verb;
    }

    private static void collect(Scope scope, java.util.Collection<Integer> into) {
        into.addAll(scope.nodes());
        scope.children().forEach(c -> collect(c, into));
    }
}
