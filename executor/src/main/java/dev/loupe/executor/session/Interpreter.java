package dev.loupe.executor.session;

import dev.loupe.executor.kernel.CancelledException;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.SequenceValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// Runs an [ExecutionPlan] once, on the calling thread: binds values in frames, calls each step's kernel,
/// notifies listeners, enforces the size guards, drops values after their last use and gathers statistics.
/// Kernels of the main graph take output storage from the session's [BufferPool], and a dropped value's
/// storage goes back to it when no live value shares it. One instance per run.
final class Interpreter {

    private final ExecutionPlan plan;
    private final SessionOptions options;
    private final RunControl control;
    private final LiveBytes live = new LiveBytes();
    private final Map<Node, StatsAccumulator> stats = new LinkedHashMap<>();
    private final BufferPool pool;
    /// Whether storage released in the main graph may go back to the pool: not once a listener (which may
    /// keep any value) or a value that is not a tensor (which may hold tensors unseen by [LiveBytes]) appeared.
    private boolean recycling;

    Interpreter(ExecutionPlan plan, SessionOptions options, RunControl control, BufferPool pool) {
        this.plan = plan;
        this.options = options;
        this.control = control;
        this.pool = pool;
        this.recycling = pool.enabled();
    }

    /// Runs the main graph with already checked inputs and returns its outputs by name.
    Map<String, RuntimeValue> runMain(Map<String, ? extends RuntimeValue> inputs) {
        var frame = new Frame(plan.main(), null, FramePath.ROOT);
        inputs.forEach((name, value) -> bind(frame, name, value));
        execute(frame);
        var outputs = new LinkedHashMap<String, RuntimeValue>();
        for (var name : plan.main().outputNames()) {
            outputs.put(name, frame.lookup(name));
        }
        return outputs;
    }

    long peakLiveBytes() {
        return live.peak();
    }

    List<NodeStats> stats() {
        var list = new ArrayList<NodeStats>(stats.size());
        for (var e : stats.entrySet()) {
            list.add(e.getValue().toStats(e.getKey()));
        }
        return list;
    }

    private RuntimeValue[] runSubgraph(Graph body, Frame caller, Node callerNode, int call, RuntimeValue[] inputs) {
        var graph = plan.compiled(body);
        if (inputs.length > graph.inputNames().size()) {
            throw new KernelException("graph '" + body.name() + "' takes " + graph.inputNames().size()
                    + " inputs but was given " + inputs.length);
        }
        var frame = new Frame(graph, body.parent() == null ? null : caller, caller.path().child(callerNode, body.name(), call));
        for (int i = 0; i < graph.inputNames().size(); i++) {
            bind(frame, graph.inputNames().get(i), i < inputs.length ? inputs[i] : null);
        }
        try {
            execute(frame);
            var outputs = new RuntimeValue[graph.outputNames().size()];
            for (int i = 0; i < outputs.length; i++) {
                outputs[i] = frame.lookup(graph.outputNames().get(i));
            }
            return outputs;
        } finally {
            frame.values().values().forEach(live::remove);
        }
    }

    private void bind(Frame frame, String name, RuntimeValue value) {
        live.remove(frame.bind(name, value));
        live.add(value);
    }

    private void execute(Frame frame) {
        for (var step : frame.graph().steps()) {
            runStep(frame, step);
        }
    }

    private void runStep(Frame frame, CompiledGraph.Step step) {
        control.checkCancelled();
        var node = step.node();
        var inputs = new RuntimeValue[step.inputs().length];
        for (int i = 0; i < inputs.length; i++) {
            var name = step.inputs()[i];
            inputs[i] = name == null ? null : frame.lookup(name);
        }
        var listeners = control.listeners();
        // Only listeners see the inputs as a list (a copy, as the kernel may not keep the array as it is).
        var inputList = listeners.isEmpty() ? List.<RuntimeValue>of() : Collections.unmodifiableList(Arrays.asList(inputs.clone()));
        if (!listeners.isEmpty()) {
            recycling = false;
            var event = new NodeEvent.Before(node, frame.path(), step.index(), inputList);
            listeners.forEach(l -> l.beforeNode(event));
            control.checkCancelled();
        }
        long start = System.nanoTime();
        var outputs = Arrays.copyOf(invoke(frame, step, inputs), step.outputs().length);
        long nanos = System.nanoTime() - start;
        long allocated = checkOutputs(frame, step, inputs, outputs);
        for (int i = 0; i < outputs.length; i++) {
            if (step.outputs()[i] != null) {
                bind(frame, step.outputs()[i], outputs[i]);
            }
        }
        if (live.total() > options.maxLiveBytes()) {
            throw new NodeExecutionException(node, frame.path(), "live values need " + live.total()
                    + " bytes after it produced " + describe(outputs) + ", over the limit of " + options.maxLiveBytes() + " bytes", null);
        }
        var accumulator = stats.get(node);
        if (accumulator == null) {
            accumulator = new StatsAccumulator(frame.path().depth());
            stats.put(node, accumulator);
        }
        accumulator.add(nanos, allocated, outputs);
        if (!listeners.isEmpty()) {
            var event = new NodeEvent.After(node, frame.path(), step.index(), inputList,
                    Collections.unmodifiableList(Arrays.asList(outputs.clone())), nanos, allocated);
            listeners.forEach(l -> l.afterNode(event));
        }
        boolean main = frame.graph() == plan.main();
        for (var name : step.releaseAfter()) {
            var value = frame.release(name);
            live.remove(value);
            if (recycling && main && value instanceof Tensor t && !live.isLive(t)) {
                pool.recycle(t);
            }
        }
    }

    private RuntimeValue[] invoke(Frame frame, CompiledGraph.Step step, RuntimeValue[] inputs) {
        try {
            var result = step.kernel().run(inputs, new Context(frame, step.node()));
            if (result == null) {
                throw new KernelException("the kernel returned no outputs");
            }
            return result;
        } catch (CancelledException | NodeExecutionException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new NodeExecutionException(step.node(), frame.path(), "ran out of memory (inputs "
                    + describe(inputs) + "); lower the session's size limits or give Java more heap", null);
        } catch (RuntimeException e) {
            throw new NodeExecutionException(step.node(), frame.path(), SessionException.firstLine(e), e);
        }
    }

    /// Checks the outputs a kernel returned and counts the bytes of those that are new storage.
    private long checkOutputs(Frame frame, CompiledGraph.Step step, RuntimeValue[] inputs, RuntimeValue[] outputs) {
        long allocated = 0;
        for (int i = 0; i < outputs.length; i++) {
            var name = step.outputs()[i];
            var out = outputs[i];
            if (name != null && out == null) {
                throw new NodeExecutionException(step.node(), frame.path(), "the kernel produced no value for output '" + name + "'", null);
            }
            if (out == null) {
                continue;
            }
            if (!(out instanceof Tensor)) {
                recycling = false;
            }
            for (var t : tensorsOf(out)) {
                if (t.byteSize() > options.maxTensorBytes()) {
                    throw new NodeExecutionException(step.node(), frame.path(), "output '" + name + "' is a " + t.describe()
                            + " tensor of " + t.byteSize() + " bytes, over the limit of " + options.maxTensorBytes() + " bytes per tensor", null);
                }
            }
            if (!sharesStorage(out, inputs) && !live.isLive(out)) {
                allocated += out.byteSize();
            }
        }
        return allocated;
    }

    /// Whether `out` is (a view of) one of `inputs`' storage: an output passed through or reshaped in place.
    private static boolean sharesStorage(RuntimeValue out, RuntimeValue[] inputs) {
        var key = LiveBytes.key(out);
        for (var in : inputs) {
            if (in != null && LiveBytes.key(in) == key) {
                return true;
            }
        }
        return false;
    }

    private static List<Tensor> tensorsOf(RuntimeValue v) {
        return switch (v) {
            case Tensor t -> List.of(t);
            case SequenceValue s -> s.elements().stream().filter(e -> e instanceof Tensor).map(e -> (Tensor) e).toList();
            default -> List.of();
        };
    }

    static String describe(RuntimeValue[] values) {
        var parts = new ArrayList<String>();
        for (var v : values) {
            parts.add(v == null ? "-" : v.describe());
        }
        return String.join(", ", parts);
    }

    /// What a kernel running `node` in `frame` sees.
    private final class Context implements KernelContext {
        private final Frame frame;
        private final Node node;
        private int calls;

        Context(Frame frame, Node node) {
            this.frame = frame;
            this.node = node;
        }

        @Override
        public void checkCancelled() {
            control.checkCancelled();
        }

        @Override
        public RuntimeValue[] runSubgraph(Graph body, RuntimeValue[] inputs) {
            return Interpreter.this.runSubgraph(body, frame, node, calls++, inputs);
        }

        @Override
        public int threads() {
            return options.threads();
        }

        @Override
        public Tensor output(ElementType type, long... shape) {
            return frame.graph() == plan.main() ? pool.take(type, shape) : Tensor.allocate(type, shape);
        }
    }

    /// Per-node totals over its calls, and what the last call produced. A tensor output is kept as its type and
    /// shape and written out only when the statistics are read: building the text at every step cost more than
    /// the rest of the step's bookkeeping (and the values themselves are not kept, so that they can be freed).
    private static final class StatsAccumulator {
        private final int depth;
        private int calls;
        private long nanos;
        private long bytes;
        /// The last call's outputs: a [TensorShape] for a tensor, else the value's description (`-` if absent).
        private Object[] last = new Object[0];

        StatsAccumulator(int depth) {
            this.depth = depth;
        }

        void add(long callNanos, long allocated, RuntimeValue[] results) {
            calls++;
            nanos += callNanos;
            bytes += allocated;
            var outputs = new Object[results.length];
            for (int i = 0; i < results.length; i++) {
                outputs[i] = switch (results[i]) {
                    case null -> "-";
                    case Tensor t -> new TensorShape(t.type(), t.shape());
                    case RuntimeValue v -> v.describe();
                };
            }
            last = outputs;
        }

        NodeStats toStats(Node node) {
            var outputs = new ArrayList<String>(last.length);
            for (var o : last) {
                outputs.add(o instanceof TensorShape(var type, var shape) ? Tensor.describe(type, shape) : (String) o);
            }
            return new NodeStats(node, depth, calls, nanos, bytes, outputs);
        }
    }

    private record TensorShape(ElementType type, long[] shape) {
    }
}
