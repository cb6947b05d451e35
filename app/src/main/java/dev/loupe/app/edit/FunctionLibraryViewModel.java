package dev.loupe.app.edit;

import dev.loupe.app.main.DiagramViewModel;
import dev.loupe.app.main.MainViewModel;
import dev.loupe.model.Function;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// The Functions tab: the open model's local functions with their size and their calls (in the main
/// graph, its subgraphs and other functions' bodies), and what can be done with one: show its body, go to
/// its first call in the main graph, inline all its calls. Refreshed with the document. FX thread only.
public final class FunctionLibraryViewModel {

    /// One local function and where it is called.
    ///
    /// @param mainCalls indexes of the main-graph nodes that call it
    /// @param calls all calls, main graph, subgraphs and function bodies included
    public record Row(Function function, List<Integer> mainCalls, int calls) {
        @Override
        public String toString() {
            return function.domain() + "." + function.name() + "  —  " + calls + " call(s), "
                    + function.body().nodes().size() + " node(s)";
        }
    }

    private final MainViewModel main;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();

    public FunctionLibraryViewModel(MainViewModel main) {
        this.main = main;
        main.documentProperty().addListener((o, old, doc) -> refresh());
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /// Re-reads the functions of the open model.
    public void refresh() {
        var doc = main.getDocument();
        if (doc == null) {
            rows.clear();
            return;
        }
        var model = doc.model();
        var list = new ArrayList<Row>();
        for (var fn : model.functions()) {
            var mainCalls = new ArrayList<Integer>();
            var nodes = model.graph().nodes();
            for (int i = 0; i < nodes.size(); i++) {
                if (fn.isCalledBy(nodes.get(i))) {
                    mainCalls.add(i);
                }
            }
            list.add(new Row(fn, List.copyOf(mainCalls), countCalls(model, fn)));
        }
        rows.setAll(list);
    }

    /// Shows the body of `row`'s function as a diagram (entered from its first main-graph call when there is
    /// one, so the breadcrumb leads back to it).
    public void showBody(Row row) {
        var diagram = main.diagram();
        if (diagram.levels().size() > 1) {
            diagram.goTo(0);
        }
        var fn = row.function();
        Node caller = row.mainCalls().isEmpty() ? null : main.getDocument().model().graph().nodes().get(row.mainCalls().getFirst());
        if (caller == null) {
            main.statusProperty().set(fn.name() + " is not called from the main graph");
            return;
        }
        diagram.enter(caller, new DiagramViewModel.Subgraph(fn.name(), fn.body()));
    }

    /// Selects and centres the first main-graph call of `row`'s function.
    public void revealFirstCall(Row row) {
        if (row.mainCalls().isEmpty()) {
            main.statusProperty().set(row.function().name() + " is not called from the main graph");
            return;
        }
        if (main.diagram().levels().size() > 1) {
            main.diagram().goTo(0);
        }
        main.diagram().reveal(row.mainCalls().getFirst());
    }

    /// Inlines every call of `row`'s function and removes it.
    public boolean inlineAll(Row row) {
        return main.edits().inlineAll(row.function());
    }

    private static int countCalls(Model model, Function fn) {
        int n = countIn(model.graph(), fn);
        for (var other : model.functions()) {
            if (other != fn) {
                n += countIn(other.body(), fn);
            }
        }
        return n;
    }

    private static int countIn(Graph graph, Function fn) {
        int n = 0;
        for (var node : graph.nodes()) {
            if (fn.isCalledBy(node)) {
                n++;
            }
            for (var sub : DiagramViewModel.subgraphsOf(node)) {
                n += countIn(sub.graph(), fn);
            }
        }
        return n;
    }
}
