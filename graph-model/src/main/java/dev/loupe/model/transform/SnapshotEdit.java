package dev.loupe.model.transform;

import dev.loupe.model.Function;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.OpsetId;
import dev.loupe.model.Value;
import dev.loupe.model.edit.Edit;
import java.util.ArrayList;
import java.util.List;

/// An edit that makes a structural change to a model once and undoes and redoes it by restoring snapshots.
///
/// The first [#execute()] records the model's state, runs the change, then records the state again;
/// [#undo()] restores the first record and a later `execute` (redo) the second. A record holds, for the main
/// graph, every subgraph and every function body: the node list, inputs, outputs, initializers, value
/// infos and declared value types; for the model: the IR version, opset imports and functions.
///
/// So the change may add, remove and reorder nodes, add initializers, inputs, outputs and functions and set
/// declared types, and undo gives back exactly the model it saw (node and value objects included). It must
/// not modify an existing node in place (inputs, attributes, name) nor rename a value: replace the node
/// instead. Values the change creates stay in their graph's scope after an undo, unused and under a hidden
/// name. The change is planned by a factory before the edit is built; it must not fail.
public final class SnapshotEdit implements Edit {

    private final String description;
    private final Model model;
    private final Runnable change;
    private ModelState before;
    private ModelState after;
    private List<Created> created;

    private SnapshotEdit(String description, Model model, Runnable change) {
        this.description = description;
        this.model = model;
        this.change = change;
    }

    /// An edit of `model` that runs `change` on first execution.
    public static SnapshotEdit of(String description, Model model, Runnable change) {
        return new SnapshotEdit(description, model, change);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void execute() {
        if (before == null) {
            before = ModelState.of(model);
            change.run();
            after = ModelState.of(model);
            created = created(before, after);
        } else {
            created.forEach(c -> c.graph().renameValue(c.value(), c.name()));
            after.restore();
        }
    }

    @Override
    public void undo() {
        before.restore();
        for (var c : created) {
            var hidden = c.name();
            for (int k = 1; c.graph().value(hidden) != null; k++) {
                hidden = c.name() + " (undone " + k + ")";
            }
            c.graph().renameValue(c.value(), hidden);
        }
    }

    /// A value the change added to the scope of `graph`, under `name`.
    private record Created(Graph graph, Value value, String name) {
    }

    /// The values the change created in graphs that existed before it. After an undo they are left unused;
    /// they move aside to a hidden name so that an earlier edit, undone next, can take that name back (a
    /// rename, say), and come back under their own name on redo.
    private static List<Created> created(ModelState before, ModelState after) {
        var out = new ArrayList<Created>();
        for (var b : before.graphs()) {
            after.graphs().stream().filter(a -> a.graph() == b.graph()).findFirst().ifPresent(a -> a.types().keySet().stream()
                    .filter(v -> !b.types().containsKey(v) && v.graph() == b.graph())
                    .forEach(v -> out.add(new Created(b.graph(), v, v.name()))));
        }
        return out;
    }

    /// The model-level lists and every graph's [GraphState].
    private record ModelState(Model model, Long irVersion, List<OpsetId> opsets, List<Function> functions,
                              List<GraphState> graphs) {

        static ModelState of(Model model) {
            var graphs = new ArrayList<GraphState>();
            if (model.graph() != null) {
                collect(model.graph(), graphs);
            }
            model.functions().forEach(f -> collect(f.body(), graphs));
            return new ModelState(model, model.irVersion(), List.copyOf(model.opsetImports()),
                    List.copyOf(model.functions()), graphs);
        }

        private static void collect(Graph graph, List<GraphState> out) {
            out.add(GraphState.of(graph));
            for (var node : graph.nodes()) {
                node.subgraphs().forEach(g -> collect(g, out));
            }
        }

        void restore() {
            model.setIrVersion(irVersion);
            if (!model.opsetImports().equals(opsets)) {
                model.opsetImports().clear();
                model.opsetImports().addAll(opsets);
            }
            if (!model.functions().equals(functions)) {
                model.functions().clear();
                model.functions().addAll(functions);
            }
            graphs.forEach(GraphState::restore);
        }
    }
}
