package dev.loupe.model.transform;

import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.OpsetId;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.edit.Edit;
import dev.loupe.model.edit.EditException;
import dev.loupe.model.infer.ShapeInference;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// Moving a model from `ai.onnx` opset 11 or 12 to opset 13, rewriting the operators whose meaning or
/// signature changed there:
///
/// - `Split`, `Squeeze`, `Unsqueeze`, `ReduceSum`: the `split` / `axes` attribute becomes an `int64`
///   input (an initializer named after the node's output);
/// - `Softmax`, `LogSoftmax`, `Hardmax`: up to opset 12 they work on the input flattened to 2-D at `axis`
///   (default 1), from 13 along one axis (default -1). When `axis` is the last axis the node keeps its
///   meaning with `axis = -1`; otherwise it becomes `Flatten → op(axis = -1) → Reshape` to the input's shape.
///
/// Every other standard operator of the main graph and its subgraphs means the same at 13 (changes there
/// only add element types). The plan lists each change, for a preview, before the edit applies it.
public final class OpsetAdapters {

    /// The only target version supported so far.
    public static final long TARGET = 13;

    private static final Set<String> AXIS_OPS = Set.of("Softmax", "LogSoftmax", "Hardmax");
    private static final Map<String, String> MOVED = Map.of("Split", "split", "Squeeze", "axes", "Unsqueeze", "axes",
            "ReduceSum", "axes");

    /// What an upgrade would change.
    ///
    /// @param edit    sets the import to [#TARGET] and rewrites the nodes
    /// @param changes one line per rewritten node, in graph order
    public record Plan(Edit edit, List<String> changes) {
        public Plan {
            changes = List.copyOf(changes);
        }
    }

    private OpsetAdapters() {
    }

    /// Plans the upgrade of `model` to `ai.onnx` opset `target`.
    ///
    /// @throws EditException when `target` is not 13, the model imports `ai.onnx` at 13 or later or before
    ///                       11, or a local function imports `ai.onnx` before 13 (upgrade it separately)
    public static Plan plan(Model model, long target) throws EditException {
        if (target != TARGET) {
            throw new EditException("only upgrades to opset " + TARGET + " are supported, not " + target);
        }
        var current = model.opsetVersion(OpsetId.ONNX)
                .orElseThrow(() -> new EditException("the model does not import the ai.onnx operator set"));
        if (current >= TARGET) {
            throw new EditException("the model already imports ai.onnx " + current);
        }
        if (current < 11) {
            throw new EditException("upgrades start from ai.onnx 11 or 12; the model imports " + current);
        }
        for (var f : model.functions()) {
            for (var o : f.opsetImports()) {
                if (OpsetId.canonicalDomain(o.domain()).isEmpty() && o.version() < TARGET) {
                    throw new EditException(f + " imports ai.onnx " + o.version() + ": upgrading function bodies is not supported");
                }
            }
        }
        ShapeInference.infer(model);
        var graphs = new ArrayList<Graph>();
        Cleanup.allGraphs(model.graph(), graphs);
        var rewrites = new ArrayList<Node>();
        var changes = new ArrayList<String>();
        for (var g : graphs) {
            for (var n : g.nodes()) {
                var change = describe(n);
                if (change != null) {
                    rewrites.add(n);
                    changes.add(n.displayName() + ": " + change);
                }
            }
        }
        var edit = SnapshotEdit.of("Upgrade to ai.onnx " + TARGET + " (" + rewrites.size() + " node(s) rewritten)", model, () -> {
            var imports = model.opsetImports().stream()
                    .map(o -> OpsetId.canonicalDomain(o.domain()).isEmpty() ? new OpsetId(o.domain(), TARGET) : o).toList();
            model.opsetImports().clear();
            model.opsetImports().addAll(imports);
            var names = new IdentityHashMap<Graph, Set<String>>();
            for (var n : rewrites) {
                var taken = names.computeIfAbsent(n.graph(), Scopes::valueNames);
                if (MOVED.containsKey(n.opType())) {
                    NodeRewrites.attributeToInput(n, MOVED.get(n.opType()), taken);
                } else {
                    NodeRewrites.singleAxis(n, lastAxis(n), taken);
                }
            }
        });
        return new Plan(edit, changes);
    }

    /// What the upgrade does to `n`, or `null` when it keeps it as it is.
    private static String describe(Node n) {
        if (!n.canonicalDomain().isEmpty()) {
            return null;
        }
        var moved = MOVED.get(n.opType());
        if (moved != null) {
            return n.attribute(moved).isPresent() ? "attribute '" + moved + "' becomes input " + n.inputs().size() : null;
        }
        if (AXIS_OPS.contains(n.opType())) {
            return lastAxis(n) ? "axis " + n.intAttr("axis", 1) + " is the last axis: axis = -1"
                    : "works on the input flattened at axis " + n.intAttr("axis", 1) + ": Flatten, " + n.opType() + ", Reshape";
        }
        return null;
    }

    /// Whether `n`'s `axis` (default 1) is the last axis of its input, as far as shape inference knows.
    private static boolean lastAxis(Node n) {
        long axis = n.intAttr("axis", 1);
        if (axis == -1) {
            return true;
        }
        if (n.input(0) != null && n.input(0).bestType() instanceof TypeInfo.TensorType t && t.shape() != null) {
            return axis == t.shape().rank() - 1;
        }
        return false;
    }
}
