package dev.loupe.model.transform;

import dev.loupe.model.Function;
import dev.loupe.model.Model;
import dev.loupe.model.OpsetId;
import dev.loupe.model.edit.Edit;
import java.util.List;

/// A "make function" request, analysed and ready to apply: the function that would be written, the
/// selection it replaces and the other places in the graph computing the same thing. Built by
/// [FunctionEdits#plan]; nothing in the model changes until the [Edit] from [#edit] runs.
///
/// The function's formal inputs are the selection's inputs (values read from outside, in first-use order;
/// initializers the selection reads are passed in as inputs too, so that other occurrences can bind their
/// own weights) and its formal outputs the values used after the selection or returned by the graph.
public final class FunctionPlan {

    /// The lowest IR version that allows model-local functions.
    static final long FIRST_IR_WITH_FUNCTIONS = 8;

    private final Model model;
    private final Function function;
    private final NodeSelection selection;
    private final List<StructureMatcher.Occurrence> others;

    FunctionPlan(Model model, Function function, NodeSelection selection, List<StructureMatcher.Occurrence> others) {
        this.model = model;
        this.function = function;
        this.selection = selection;
        this.others = List.copyOf(others);
    }

    /// The function the edit adds (not yet part of the model).
    public Function function() {
        return function;
    }

    public NodeSelection selection() {
        return selection;
    }

    /// How many other node sets compute the same thing and can be replaced by calls too.
    public int otherOccurrences() {
        return others.size();
    }

    /// The node sets [#otherOccurrences()] counts, in graph order.
    public List<NodeSelection> others() {
        return others.stream().map(StructureMatcher.Occurrence::selection).toList();
    }

    /// The edit adding the function and replacing the selection by a call, and every other occurrence
    /// too when `replaceOthers` is set. The model's IR version is raised to 8 when older (functions need it)
    /// and the function's domain is imported (version 1) when the model does not import it yet.
    public Edit edit(boolean replaceOthers) {
        var replaced = replaceOthers ? others : List.<StructureMatcher.Occurrence>of();
        var description = "Make function '" + function.name() + "' of " + selection.nodes().size() + " node(s)"
                + (replaced.isEmpty() ? "" : " and replace " + replaced.size() + " other occurrence(s)");
        return SnapshotEdit.of(description, model, () -> {
            register(model, function);
            var taken = Scopes.nodeNames(selection.graph());
            selection.nodes().forEach(n -> taken.remove(n.name()));
            var scope = Scopes.commonScope(selection.nodes());
            Calls.replace(selection, function, Scopes.fresh(scope.isEmpty() ? function.name() : scope, taken),
                    selection.inputs(), selection.outputs());
            for (var o : replaced) {
                var own = Scopes.commonScope(o.selection().nodes());
                o.selection().nodes().forEach(n -> taken.remove(n.name()));
                Calls.replace(o.selection(), function, Scopes.fresh(own.isEmpty() ? function.name() : own, taken),
                        o.inputs(), o.outputs());
            }
        });
    }

    /// Adds `fn` to the model with what it needs: its domain imported and an IR version that has functions.
    static void register(Model model, Function fn) {
        model.functions().add(fn);
        if (model.opsetVersion(fn.domain()).isEmpty()) {
            model.opsetImports().add(new OpsetId(fn.domain(), 1));
        }
        if (model.irVersion() == null || model.irVersion() < FIRST_IR_WITH_FUNCTIONS) {
            model.setIrVersion(FIRST_IR_WITH_FUNCTIONS);
        }
    }
}
