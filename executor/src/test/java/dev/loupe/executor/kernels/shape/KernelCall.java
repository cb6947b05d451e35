package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.ConstantInput;
import dev.loupe.executor.kernel.ConstantTakingKernel;
import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.math.MathKernels;
import dev.loupe.executor.kernels.nn.NnKernels;
import dev.loupe.executor.kernels.rnn.RnnKernels;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Attribute;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/// Runs one kernel of the math, nn, recurrent and shape families on a node built with the model API, for unit tests that
/// check behaviour the ONNX test data does not cover.
///
/// ```java
/// var y = KernelCall.of("Pad", 19).attr(Attribute.ofString("mode", "wrap")).run(x, pads)[0];
/// ```
public final class KernelCall {

    private static final KernelRegistry REGISTRY = registry();

    /// A context for kernels run outside a session: no subgraphs, one thread, fresh output storage.
    static final KernelContext CONTEXT = context(1);

    private final String op;
    private final long opset;
    private final List<Attribute> attributes = new ArrayList<>();
    private int outputs = 1;
    private int threads = 1;
    private int takenSlot = -1;
    private ConstantInput taken;

    private KernelCall(String op, long opset) {
        this.op = op;
        this.opset = opset;
    }

    /// A call of `op` at the given `ai.onnx` opset version.
    public static KernelCall of(String op, long opset) {
        return new KernelCall(op, opset);
    }

    public KernelCall attr(Attribute attribute) {
        attributes.add(attribute);
        return this;
    }

    /// The number of output slots the node declares (default 1).
    public KernelCall outputs(int count) {
        this.outputs = count;
        return this;
    }

    /// The threads the kernel may use (default 1).
    public KernelCall threads(int count) {
        this.threads = count;
        return this;
    }

    /// Offers `value` to the kernel as the constant of input `slot` before the run, as a fast plan does
    /// ([ConstantTakingKernel]); the kernel must take it. The run passes what the caller gives in that slot
    /// (`null` to compute from what was taken).
    public KernelCall taking(int slot, Tensor value) {
        return taking(slot, ConstantInput.computed(value));
    }

    /// [#taking(int, Tensor)] with the constant as offered (an initializer as the model stores it, for example).
    public KernelCall taking(int slot, ConstantInput value) {
        this.takenSlot = slot;
        this.taken = value;
        return this;
    }

    /// Builds the node (one input slot per argument, `null` for an absent one), creates its kernel and runs it.
    public RuntimeValue[] run(RuntimeValue... inputs) {
        return kernel(inputs).run(inputs, threads == 1 ? CONTEXT : context(threads));
    }

    /// Runs one kernel, built for the node of the first list, on each list of inputs in turn; the first
    /// output of each run.
    public List<Tensor> applyEach(RuntimeValue[]... runs) {
        var kernel = kernel(runs[0]);
        var results = new ArrayList<Tensor>();
        for (var inputs : runs) {
            results.add((Tensor) kernel.run(inputs, threads == 1 ? CONTEXT : context(threads))[0]);
        }
        return results;
    }

    /// The kernel of a node with one input slot per entry of `inputs` (absent where `null`, except a slot
    /// offered with [#taking]), having taken what was offered.
    private Kernel kernel(RuntimeValue[] inputs) {
        var graph = new Graph(null, "test");
        var node = graph.addNode("n", op, "");
        for (int i = 0; i < inputs.length; i++) {
            node.addInput(inputs[i] == null && i != takenSlot ? null : graph.valueOrCreate("in" + i));
        }
        for (int i = 0; i < outputs; i++) {
            node.addOutput(graph.valueOrCreate("out" + i));
        }
        attributes.forEach(node::setAttribute);
        var model = new Model(graph);
        var registration = REGISTRY.resolve("", op, opset)
                .orElseThrow(() -> new IllegalArgumentException("no kernel for " + op + " at opset " + opset));
        var kernel = registration.factory().create(new NodeSpec(node, opset, model));
        if (taken != null && !(kernel instanceof ConstantTakingKernel taking && taking.take(takenSlot, taken))) {
            throw new IllegalStateException(op + " did not take " + taken.type().onnxName() + Arrays.toString(taken.shape())
                    + " in slot " + takenSlot);
        }
        return kernel;
    }

    /// The first output of [#run], as a tensor.
    public Tensor apply(RuntimeValue... inputs) {
        return (Tensor) run(inputs)[0];
    }

    /// A context with no subgraphs, `threads` threads and fresh output storage.
    static KernelContext context(int threads) {
        return new KernelContext() {
            @Override
            public void checkCancelled() {
            }

            @Override
            public RuntimeValue[] runSubgraph(Graph body, RuntimeValue[] inputs) {
                throw new UnsupportedOperationException("no subgraphs here");
            }

            @Override
            public int threads() {
                return threads;
            }
        };
    }

    private static KernelRegistry registry() {
        var r = new KernelRegistry();
        ShapeKernels.registerAll(r);
        NnKernels.registerAll(r);
        MathKernels.registerAll(r);
        RnnKernels.registerAll(r);
        return r;
    }
}
