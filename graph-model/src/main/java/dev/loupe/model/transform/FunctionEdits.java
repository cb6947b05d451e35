package dev.loupe.model.transform;

import dev.loupe.model.Function;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.OpsetId;
import dev.loupe.model.edit.Edit;
import dev.loupe.model.edit.EditException;
import java.util.Collection;
import java.util.List;

/// Edits between nodes and model-local functions: make a function from selected nodes (and replace the other
/// places computing the same thing), inline one call, all calls of a function or every call in the model.
///
/// Each factory checks the request against the model as it is now and refuses it with a one-line
/// [EditException], leaving the model unchanged; the returned [Edit] is run through a
/// [dev.loupe.model.edit.CommandStack] and undoes exactly.
public final class FunctionEdits {

    /// The domain a function gets when the user names none.
    public static final String DEFAULT_DOMAIN = "local";

    private FunctionEdits() {
    }

    /// Analyses a "make function" request: `nodes` (of one graph) become function `domain.name`.
    ///
    /// @throws EditException for an empty or non-convex selection, a name already defined in the domain, a
    ///                       standard operator domain, or nodes of a function body
    public static FunctionPlan plan(Model model, Collection<Node> nodes, String name, String domain) throws EditException {
        if (name == null || name.isBlank()) {
            throw new EditException("a function needs a name");
        }
        if (domain == null || domain.isBlank()) {
            throw new EditException("a function needs a domain of its own, e.g. '" + DEFAULT_DOMAIN + "'");
        }
        var canonical = OpsetId.canonicalDomain(domain);
        if (canonical.isEmpty() || canonical.equals(OpsetId.ONNX_ML) || canonical.equals(OpsetId.TRAINING)) {
            throw new EditException("domain '" + domain + "' holds standard operators: choose another for a local function");
        }
        for (var f : model.functions()) {
            if (f.name().equals(name) && OpsetId.canonicalDomain(f.domain()).equals(canonical)) {
                throw new EditException("the model already has a function '" + name + "' in domain '" + domain + "'");
            }
        }
        var selection = NodeSelection.of(nodes);
        for (var n : selection.nodes()) {
            for (var a : n.attributes().values()) {
                if (a.isReference()) {
                    throw new EditException(n + " takes attribute '" + a.name() + "' from the function around it: "
                            + "make functions of main-graph nodes only");
                }
            }
        }
        var fn = FunctionBuilder.build(selection, name, domain, model.opsetImports());
        var others = StructureMatcher.find(fn, selection.graph(), selection.nodes());
        return new FunctionPlan(model, fn, selection, others);
    }

    /// Makes function `domain.name` of `nodes` and replaces them by a call; with `replaceOthers`, every other
    /// node set computing the same thing is replaced by a call too.
    ///
    /// @throws EditException as [#plan] does
    public static Edit makeFunction(Model model, Collection<Node> nodes, String name, String domain,
                                    boolean replaceOthers) throws EditException {
        return plan(model, nodes, name, domain).edit(replaceOthers);
    }

    /// Replaces every node set of the main graph that computes what `fn`'s body computes by a call of `fn`.
    ///
    /// @throws EditException when `fn` is not a function of the model, or when no such node set exists
    public static Edit replaceOccurrences(Model model, Function fn) throws EditException {
        requireFunction(model, fn);
        var graph = model.graph();
        var found = StructureMatcher.find(fn, graph, List.of());
        if (found.isEmpty()) {
            throw new EditException("no node set of " + graph + " computes what " + fn + " computes");
        }
        return SnapshotEdit.of("Replace " + found.size() + " occurrence(s) of " + fn + " by calls", model, () -> {
            var taken = Scopes.nodeNames(graph);
            for (var o : found) {
                var scope = Scopes.commonScope(o.selection().nodes());
                o.selection().nodes().forEach(n -> taken.remove(n.name()));
                Calls.replace(o.selection(), fn, Scopes.fresh(scope.isEmpty() ? fn.name() : scope, taken), o.inputs(), o.outputs());
            }
        });
    }

    /// Expands one call into the nodes of its function's body.
    ///
    /// @param removeUnused also remove the function when this was its last call
    /// @throws EditException when `call` calls no model-local function or its body imports an operator set
    ///                       at another version than the model
    public static Edit inline(Model model, Node call, boolean removeUnused) throws EditException {
        var fn = model.functionFor(call)
                .orElseThrow(() -> new EditException(call + " does not call a model-local function"));
        if (!call.graph().nodes().contains(call)) {
            throw new EditException(call + " is no longer in its graph");
        }
        Inliner.checkImports(model, fn);
        return SnapshotEdit.of("Inline " + call.displayName(), model, () -> {
            new Inliner(model).inline(call, fn);
            if (removeUnused) {
                Inliner.removeIfUnused(model, fn);
            }
        });
    }

    /// Expands every call of `fn` (in the main graph, its subgraphs and other functions' bodies).
    ///
    /// @param removeFunction also remove `fn` (and its domain's import when nothing else uses it)
    /// @throws EditException when nothing calls `fn` and it is not to be removed, or its imports differ from
    ///                       the model's
    public static Edit inlineAll(Model model, Function fn, boolean removeFunction) throws EditException {
        requireFunction(model, fn);
        Inliner.checkImports(model, fn);
        var calls = Inliner.callsOf(model, fn);
        if (calls.isEmpty() && !removeFunction) {
            throw new EditException("nothing calls " + fn);
        }
        return SnapshotEdit.of("Inline " + calls.size() + " call(s) of " + fn, model, () -> {
            var inliner = new Inliner(model);
            calls.forEach(c -> inliner.inline(c, fn));
            if (removeFunction) {
                Inliner.removeIfUnused(model, fn);
            }
        });
    }

    /// Inlines every call of a model-local function in the main graph and its subgraphs, repeatedly (calls in
    /// inlined bodies too), then removes all local functions.
    ///
    /// @throws EditException when the model has no local functions, a function calls itself, or a function
    ///                       imports an operator set at another version than the model
    public static Edit flatten(Model model) throws EditException {
        if (model.functions().isEmpty()) {
            throw new EditException("the model has no local functions");
        }
        for (var fn : model.functions()) {
            Inliner.checkImports(model, fn);
        }
        Inliner.checkNotRecursive(model);
        return SnapshotEdit.of("Inline all " + model.functions().size() + " local function(s)", model, () -> {
            var inliner = new Inliner(model);
            for (var calls = Inliner.callsInMainGraph(model); !calls.isEmpty(); calls = Inliner.callsInMainGraph(model)) {
                calls.forEach(c -> inliner.inline(c, model.functionFor(c).orElseThrow()));
            }
            var domains = model.functions().stream().map(f -> OpsetId.canonicalDomain(f.domain())).distinct().toList();
            model.functions().clear();
            for (var domain : domains) {
                if (!Inliner.usesDomain(model, domain)) {
                    model.opsetImports().removeIf(o -> OpsetId.canonicalDomain(o.domain()).equals(domain));
                }
            }
        });
    }

    private static void requireFunction(Model model, Function fn) throws EditException {
        if (!model.functions().contains(fn)) {
            throw new EditException(fn + " is not a function of this model");
        }
    }
}
