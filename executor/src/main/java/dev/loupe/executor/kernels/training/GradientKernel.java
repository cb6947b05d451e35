package dev.loupe.executor.kernels.training;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorConversion;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// `ai.onnx.preview.training.Gradient` 1 · inputs: the values of `xs` then `zs` (float or double) → the
/// gradients `∂y/∂x` for each name in `xs`, shaped and typed like x.
///
/// When the kernel is created it traces, in the graph holding the node, the nodes that compute `y` from
/// `xs`, `zs` and initializers; each run evaluates them again from the node's inputs and back-propagates
/// `∂y/∂y = 1` through them in reverse (reverse-mode automatic differentiation over the operators of
/// [DifferentiableOp]; any other operator on the path is reported when the kernel is created).
final class GradientKernel implements Kernel {

    private record Step(DifferentiableOp op, List<String> inputs, String output) {
    }

    private final List<String> xs;
    private final List<String> feeds;
    private final String y;
    private final List<Step> tape = new ArrayList<>();
    private final Map<String, DifferentiableOp.Value> constants = new HashMap<>();

    GradientKernel(NodeSpec spec) {
        xs = spec.stringsAttr("xs", List.of());
        feeds = new ArrayList<>(xs);
        feeds.addAll(spec.stringsAttr("zs", List.of()));
        y = spec.stringAttr("y", "");
        if (xs.isEmpty() || y.isEmpty()) {
            throw new KernelException("attributes xs and y are required");
        }
        trace(spec.node().graph(), y, new HashSet<>(feeds), new HashSet<>());
    }

    private void trace(Graph graph, String name, Set<String> leaves, Set<String> done) {
        if (leaves.contains(name) || done.contains(name) || constants.containsKey(name)) {
            return;
        }
        var value = graph.resolve(name);
        if (value != null && value.isInitializer()) {
            constants.put(name, dense(TensorConversion.fromTensorData(value.initializer()), "initializer " + name));
            return;
        }
        Node producer = value == null ? null : value.producer();
        if (producer == null) {
            throw new KernelException("y depends on '" + name + "', which is neither in xs or zs nor computed by a node");
        }
        var op = DifferentiableOp.of(producer.opType());
        var inputs = producer.inputs().stream().map(v -> v == null ? "" : v.name()).toList();
        if (inputs.size() != (op.binary() ? 2 : 1)) {
            throw new KernelException(producer + " has " + inputs.size() + " inputs; Gradient expects " + (op.binary() ? 2 : 1));
        }
        for (var in : inputs) {
            trace(graph, in, leaves, done);
        }
        done.add(name);
        tape.add(new Step(op, inputs, name));
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        if (in.length != feeds.size()) {
            throw new KernelException("expected " + feeds.size() + " inputs (the values of xs and zs), got " + in.length);
        }
        var values = new HashMap<>(constants);
        var types = new HashMap<String, ElementType>();
        for (int i = 0; i < in.length; i++) {
            if (!(in[i] instanceof Tensor t)) {
                throw new KernelException("input " + feeds.get(i) + " must be a tensor");
            }
            values.put(feeds.get(i), dense(t, feeds.get(i)));
            types.put(feeds.get(i), t.type());
        }
        for (var step : tape) {
            var a = values.get(step.inputs().get(0));
            var b = step.op().binary() ? values.get(step.inputs().get(1)) : null;
            values.put(step.output(), step.op().forward(a, b));
        }
        var grads = new HashMap<String, double[]>();
        var out = values.get(y);
        var seed = new double[out.v().length];
        Arrays.fill(seed, 1);
        grads.put(y, seed);
        for (int s = tape.size() - 1; s >= 0; s--) {
            var step = tape.get(s);
            var dy = grads.get(step.output());
            if (dy == null) {
                continue;
            }
            var a = values.get(step.inputs().get(0));
            var b = step.op().binary() ? values.get(step.inputs().get(1)) : null;
            var ga = grads.computeIfAbsent(step.inputs().get(0), k -> new double[a.v().length]);
            var gb = b == null ? null : grads.computeIfAbsent(step.inputs().get(1), k -> new double[b.v().length]);
            step.op().backward(a, b, values.get(step.output()), dy, ga, gb);
        }
        var result = new RuntimeValue[xs.size()];
        for (int i = 0; i < xs.size(); i++) {
            var x = values.get(xs.get(i));
            var g = grads.getOrDefault(xs.get(i), new double[x.v().length]);
            var t = Tensor.allocate(types.get(xs.get(i)), x.shape());
            for (int k = 0; k < g.length; k++) {
                t.setDouble(k, g[k]);
            }
            result[i] = t;
        }
        return result;
    }

    private static DifferentiableOp.Value dense(Tensor t, String name) {
        if (t.type() != ElementType.FLOAT && t.type() != ElementType.DOUBLE) {
            throw new KernelException(name + " of type " + t.type().onnxName() + " is not supported; expected float or double");
        }
        var v = new double[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.getDouble(i);
        }
        return new DifferentiableOp.Value(v, t.shape());
    }
}
