package dev.loupe.app.inspect;

import dev.loupe.app.diagram.Diagram;
import dev.loupe.model.Graph;
import dev.loupe.model.check.Locations;
import dev.loupe.model.check.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// The Problems tab: what the checker and shape inference found in the open model, errors first, each tied
/// to the main-graph node it is about (a problem inside a subgraph or a function call belongs to the node
/// holding it), and which boxes of a diagram to badge. Refreshed after opening and after every edit.
/// FX thread only.
public final class ProblemsViewModel {

    /// One problem and the index of its main-graph node, or -1 when it concerns no node (the model, an
    /// opset import, a value).
    public record Row(Problem problem, int nodeIndex) {
        @Override
        public String toString() {
            return (problem.isError() ? "Error: " : "Warning: ") + problem.location() + ": " + problem.message();
        }
    }

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");

    /// Shows `problems` of a model whose main graph is `main` (`null` for none).
    public void show(List<Problem> problems, Graph main) {
        if (main == null) {
            rows.clear();
            summary.set("");
            return;
        }
        var nodes = nodeLocations(main);
        var list = new ArrayList<Row>();
        for (var p : problems) {
            list.add(new Row(p, nodeOf(p.location(), nodes)));
        }
        list.sort((a, b) -> Boolean.compare(b.problem().isError(), a.problem().isError()));
        rows.setAll(list);
        long errors = list.stream().filter(r -> r.problem().isError()).count();
        summary.set(list.isEmpty() ? "No problems" : errors + " error(s), " + (list.size() - errors) + " warning(s)");
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /// "2 error(s), 1 warning(s)", "No problems", or empty when no model is open.
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /// For each box of `diagram` (a diagram of the main graph), whether it shows a node with a problem
    /// (a collapsed group counts for the nodes inside it).
    public boolean[] boxesOf(Diagram diagram) {
        var marks = new boolean[diagram.nodes().size()];
        for (var row : rows) {
            if (row.nodeIndex() >= 0) {
                int box = diagram.itemOfNode(row.nodeIndex());
                if (box >= 0) {
                    marks[box] = true;
                }
            }
        }
        return marks;
    }

    private static Map<String, Integer> nodeLocations(Graph main) {
        var where = Locations.graph(main);
        var map = new HashMap<String, Integer>();
        var nodes = main.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            map.put(Locations.node(where, nodes.get(i), i), i);
        }
        return map;
    }

    /// The node whose location is `location` or a prefix of it (segments joined by " / "), or -1.
    private static int nodeOf(String location, Map<String, Integer> nodes) {
        var segments = location.split(" / ");
        var prefix = new StringBuilder(segments[0]);
        for (int k = 1; k < segments.length; k++) {
            prefix.append(" / ").append(segments[k]);
            var index = nodes.get(prefix.toString());
            if (index != null) {
                return index;
            }
        }
        return -1;
    }
}
