package dev.loupe.model.infer;

import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.Shape;
import dev.loupe.model.TypeInfo;
import java.util.ArrayList;
import java.util.List;

/// Operators with subgraphs. `If`: what both branches agree on. `Loop`: the body sees the iteration
/// number, the condition and the loop-carried values (re-inferred once with the dimensions that change
/// between iterations made unknown); scan outputs get the trip count, when constant, in front. `Scan`:
/// the body sees one slice of each scan input; scan outputs get the sequence length on their axis.
/// `SequenceMap`: the body sees one element of each sequence.
final class ControlFlowRules {

    private static final TypeInfo INT64_SCALAR = Shapes.tensor(ElementType.INT64, Shapes.scalar());
    private static final TypeInfo BOOL_SCALAR = Shapes.tensor(ElementType.BOOL, Shapes.scalar());

    private ControlFlowRules() {
    }

    static void register(Rules r) {
        r.add(ControlFlowRules::ifThenElse, "If");
        r.add(ControlFlowRules::loop, "Loop");
        r.add(ControlFlowRules::scan, "Scan");
        r.add(ControlFlowRules::sequenceMap, "SequenceMap");
    }

    private static void ifThenElse(NodeContext c) {
        var then = c.graphAttr("then_branch");
        var otherwise = c.graphAttr("else_branch");
        if (then == null || otherwise == null) {
            return;
        }
        var a = c.inferSubgraph("then_branch", then, List.of());
        var b = c.inferSubgraph("else_branch", otherwise, List.of());
        if (a.size() != b.size()) {
            c.problem("then_branch has " + a.size() + " outputs but else_branch has " + b.size() + ": expected equal counts");
        }
        for (int i = 0; i < c.outputCount() && i < a.size() && i < b.size(); i++) {
            c.set(i, Types.union(a.get(i), b.get(i)));
        }
    }

    private static void loop(NodeContext c) {
        var body = c.graphAttr("body");
        if (body == null) {
            return;
        }
        int carried = Math.max(c.inputCount() - 2, 0);
        var initial = new ArrayList<TypeInfo>();
        for (int i = 0; i < carried; i++) {
            initial.add(c.type(i + 2));
        }
        var inputs = new ArrayList<TypeInfo>(List.of(INT64_SCALAR, BOOL_SCALAR));
        inputs.addAll(initial);
        var outs = c.inferSubgraph("body", body, inputs);
        var merged = new ArrayList<TypeInfo>();
        boolean stable = true;
        for (int i = 0; i < carried; i++) {
            var next = i + 1 < outs.size() ? outs.get(i + 1) : null;
            // An empty initial sequence fits any element shape the body gives its elements.
            var both = c.isEmptySequence(i + 2) && next != null ? next : Types.union(initial.get(i), next);
            stable &= Types.agree(both, initial.get(i));
            merged.add(both);
        }
        if (!stable) {
            inputs = new ArrayList<>(List.of(INT64_SCALAR, BOOL_SCALAR));
            inputs.addAll(merged);
            outs = c.inferSubgraph("body", body, inputs);
            for (int i = 0; i < carried; i++) {
                merged.set(i, Types.union(merged.get(i), i + 1 < outs.size() ? outs.get(i + 1) : null));
            }
        }
        for (int i = 0; i < carried; i++) {
            c.set(i, merged.get(i));
        }
        var tripCount = c.ints(0);
        Dim iterations = tripCount != null && tripCount.length == 1 && !c.has(1) ? Dim.of(tripCount[0]) : Dims.UNKNOWN;
        for (int k = 1 + carried; k < outs.size(); k++) {
            c.set(k - 1, prepend(iterations, outs.get(k)));
        }
    }

    private static void scan(NodeContext c) {
        var body = c.graphAttr("body");
        int scanInputs = (int) c.intAttr("num_scan_inputs", 0);
        if (body == null) {
            return;
        }
        boolean batched = c.opset() < 9;
        int first = batched ? 1 : 0;
        int states = c.inputCount() - first - scanInputs;
        if (states < 0) {
            c.problem("num_scan_inputs is " + scanInputs + " but the node has only " + c.inputCount() + " inputs");
            return;
        }
        var inputAxes = axes(c.intsAttr("scan_input_axes"), scanInputs);
        var bodyInputs = new ArrayList<TypeInfo>();
        for (int i = 0; i < states; i++) {
            bodyInputs.add(batched ? dropAxes(c.type(first + i), 1) : c.type(first + i));
        }
        Dim length = Dims.UNKNOWN;
        for (int j = 0; j < scanInputs; j++) {
            var t = c.type(first + states + j);
            var shape = t instanceof TypeInfo.TensorType tt ? tt.shape() : null;
            int axis = batched ? 1 : shape == null ? -1 : Shapes.normalizeAxis(inputAxes[j], shape.rank());
            if (shape != null && axis >= 0 && axis < shape.rank()) {
                length = j == 0 ? shape.dim(axis) : Dims.unify(length, shape.dim(axis));
                var dims = new ArrayList<>(shape.dims());
                dims.remove(axis);
                if (batched) {
                    dims.removeFirst();
                }
                bodyInputs.add(Shapes.tensor(Types.elementType(t), dims));
            } else {
                bodyInputs.add(t == null ? null : Shapes.tensor(Types.elementType(t), (Shape) null));
            }
        }
        var outs = c.inferSubgraph("body", body, bodyInputs);
        var outputAxes = axes(c.intsAttr("scan_output_axes"), outs.size() - states);
        Dim batch = batched && c.shape(first) != null && c.shape(first).rank() > 0 ? c.shape(first).dim(0) : Dims.UNKNOWN;
        for (int i = 0; i < outs.size() && i < c.outputCount(); i++) {
            var t = outs.get(i);
            if (i < states) {
                c.set(i, batched ? prepend(batch, t) : t);
            } else if (batched) {
                c.set(i, prepend(batch, prepend(length, t)));
            } else {
                c.set(i, insert(length, t, outputAxes[i - states]));
            }
        }
    }

    private static void sequenceMap(NodeContext c) {
        var body = c.graphAttr("body");
        if (body == null) {
            return;
        }
        var inputs = new ArrayList<TypeInfo>();
        for (int i = 0; i < c.inputCount(); i++) {
            var t = c.type(i);
            inputs.add(t instanceof TypeInfo.SequenceType s ? s.elementType() : t);
        }
        var outs = c.inferSubgraph("body", body, inputs);
        for (int i = 0; i < outs.size() && i < c.outputCount(); i++) {
            c.set(i, outs.get(i) == null ? null : new TypeInfo.SequenceType(outs.get(i), null));
        }
    }

    private static long[] axes(long[] given, int count) {
        if (given != null && given.length == count) {
            return given;
        }
        return new long[Math.max(count, 0)];
    }

    /// `type` with `dim` added in front; `null` stays `null`.
    private static TypeInfo prepend(Dim dim, TypeInfo type) {
        return insert(dim, type, 0);
    }

    private static TypeInfo insert(Dim dim, TypeInfo type, long axis) {
        if (!(type instanceof TypeInfo.TensorType t)) {
            return null;
        }
        if (t.shape() == null) {
            return t;
        }
        int at = Shapes.normalizeAxis(axis, t.shape().rank() + 1);
        var dims = new ArrayList<>(t.shape().dims());
        dims.add(Math.max(at, 0), dim);
        return Shapes.tensor(t.elementType(), dims);
    }

    /// A tensor type without its first `count` dimensions (the batch dimension of `Scan`-8).
    private static TypeInfo dropAxes(TypeInfo type, int count) {
        if (!(type instanceof TypeInfo.TensorType t) || t.shape() == null || t.shape().rank() < count) {
            return type;
        }
        return Shapes.tensor(t.elementType(), t.shape().dims().subList(count, t.shape().rank()));
    }
}
