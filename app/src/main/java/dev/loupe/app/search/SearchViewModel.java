package dev.loupe.app.search;

import dev.loupe.app.diagram.DiagramBuilder;
import dev.loupe.app.diagram.ValueText;
import dev.loupe.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// Search over the operators of the graph shown: the query matches (ignoring case) a node's name, op type,
/// the names of its input and output tensors, or the text of an attribute value. Results keep graph order.
///
/// The searchable text of each node is built once per graph, on the first query. FX thread only.
public final class SearchViewModel {

    /// At most this many results are listed.
    public static final int LIMIT = 500;

    /// One hit: the operator's index in its graph, a title and what matched.
    public record SearchResult(int nodeIndex, Node node, String title, String match) {
        @Override
        public String toString() {
            return title + "  —  " + match;
        }
    }

    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObservableList<SearchResult> results = FXCollections.observableArrayList();
    private DiagramBuilder graph;
    private String[][] fields;

    public SearchViewModel() {
        query.addListener((o, a, b) -> run());
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<SearchResult> results() {
        return results;
    }

    /// Searches `builder`'s graph from now on (`null`: nothing to search).
    public void setGraph(DiagramBuilder builder) {
        if (builder != graph) {
            graph = builder;
            fields = null;
            run();
        }
    }

    private void run() {
        var q = query.get() == null ? "" : query.get().trim().toLowerCase(Locale.ROOT);
        if (q.isEmpty() || graph == null) {
            results.clear();
            return;
        }
        if (fields == null) {
            fields = index(graph);
        }
        var nodes = graph.graph().nodes();
        var found = new ArrayList<SearchResult>();
        for (int i = 0; i < fields.length && found.size() < LIMIT; i++) {
            if (graph.isFolded(i)) {
                continue;
            }
            for (var f : fields[i]) {
                if (f.toLowerCase(Locale.ROOT).contains(q)) {
                    var n = nodes.get(i);
                    found.add(new SearchResult(i, n, n.opType() + "  " + n.displayName(), f));
                    break;
                }
            }
        }
        results.setAll(found);
    }

    /// For each node: name, op type, tensor names, then `attribute = value` texts.
    private static String[][] index(DiagramBuilder builder) {
        var nodes = builder.graph().nodes();
        var out = new String[nodes.size()][];
        for (int i = 0; i < out.length; i++) {
            var n = nodes.get(i);
            var f = new ArrayList<String>();
            f.add(n.displayName());
            f.add(n.opType());
            addValues(f, n.inputs());
            addValues(f, n.outputs());
            n.attributes().values().forEach(a -> f.add(a.name() + " = " + ValueText.attribute(a.value(), 200)));
            out[i] = f.toArray(String[]::new);
        }
        return out;
    }

    private static void addValues(List<String> f, List<dev.loupe.model.Value> values) {
        for (var v : values) {
            if (v != null) {
                f.add(v.name());
            }
        }
    }
}
