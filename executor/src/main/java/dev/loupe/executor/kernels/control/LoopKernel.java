package dev.loupe.executor.kernels.control;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.TypeInfo;

import java.util.ArrayList;
import java.util.List;

/// `Loop` (versions 1, 11, 13, 16): runs `body` while the trip count `M` (if given) is not reached and the
/// condition (if given) holds. The body gets the iteration number, the condition and the loop-carried
/// values, and returns the new condition, the new loop-carried values and one slice per scan output. The
/// node returns the final loop-carried values, then each scan output's slices stacked along a new first
/// axis (an empty stack when the body never ran, shaped from the body's declared output type).
final class LoopKernel implements Kernel {

    private final Graph body;

    LoopKernel(NodeSpec spec) {
        this.body = spec.graphAttr("body").orElseThrow(() -> new KernelException("required attribute 'body' is missing"));
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var tripTensor = Args.optionalTensor("Loop", inputs, 0, "M");
        var condTensor = Args.optionalTensor("Loop", inputs, 1, "cond");
        long trips = tripTensor == null ? Long.MAX_VALUE : Args.scalarLong("Loop", tripTensor, "M");
        boolean cond = condTensor == null || Args.scalarBool("Loop", condTensor, "cond");
        int carried = inputs.length - 2;
        int bodyOutputs = body.outputs().size();
        int scans = bodyOutputs - 1 - carried;
        if (scans < 0) {
            throw new KernelException("Loop body returns " + bodyOutputs + " outputs but needs at least " + (1 + carried)
                    + " (the condition and " + carried + " loop-carried values)");
        }
        var state = new RuntimeValue[carried];
        System.arraycopy(inputs, 2, state, 0, carried);
        var slices = new ArrayList<List<Tensor>>();
        for (int k = 0; k < scans; k++) {
            slices.add(new ArrayList<>());
        }
        for (long i = 0; i < trips && cond; i++) {
            context.checkCancelled();
            var args = new RuntimeValue[2 + carried];
            args[0] = Tensor.scalarLong(i);
            args[1] = Args.boolScalar(cond);
            System.arraycopy(state, 0, args, 2, carried);
            var out = context.runSubgraph(body, args);
            cond = Args.scalarBool("Loop", asTensor(out[0], "condition"), "cond");
            System.arraycopy(out, 1, state, 0, carried);
            for (int k = 0; k < scans; k++) {
                slices.get(k).add(asTensor(out[1 + carried + k], "scan output " + k));
            }
        }
        var results = new RuntimeValue[carried + scans];
        System.arraycopy(state, 0, results, 0, carried);
        for (int k = 0; k < scans; k++) {
            results[carried + k] = slices.get(k).isEmpty() ? emptyScan(body.outputs().get(1 + carried + k).type())
                    : Slabs.stack(slices.get(k), 0, "Loop");
        }
        return results;
    }

    private static Tensor asTensor(RuntimeValue v, String what) {
        if (v instanceof Tensor t) {
            return t;
        }
        throw new KernelException("Loop body's " + what + " must be a tensor but is " + (v == null ? "missing" : v.describe()));
    }

    /// Zero slices of the declared slice type: its element type and known dimensions (unknown ones as 0).
    private static Tensor emptyScan(TypeInfo declared) {
        if (declared instanceof TypeInfo.TensorType t && t.elementType() != ElementType.UNDEFINED) {
            var dims = new long[t.shape() == null ? 0 : t.shape().rank()];
            for (int d = 0; d < dims.length; d++) {
                dims[d] = t.shape().dim(d) instanceof Dim.Known(long v, String ignored) ? v : 0;
            }
            return Slabs.emptyStack(t.elementType(), dims, 0);
        }
        return Tensor.allocate(ElementType.FLOAT, 0);
    }
}
