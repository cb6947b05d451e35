package dev.loupe.executor.session;

import dev.loupe.executor.kernel.ClampingKernel;
import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.simd.Parallel;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/// The kernel of a fused step in a [ExecutionMode#FAST] plan: the first node's kernel on the step's first
/// `headInputs` inputs, then each following node on the previous result. A following node is applied in
/// place ([Epilogue]) when the previous result is float32 storage the step made itself (shared with none of
/// the step's inputs) and the node's other inputs allow it; otherwise its own kernel runs, so the result is
/// always what the nodes compute one by one. Consecutive in-place nodes make one pass: the result is cut
/// into ranges, spread over the context's threads, and each range gets all of them in turn (a `Conv` →
/// `Add` → `Relu` step reads its result once after the convolution, not twice on one thread). When the
/// first kernel is a [ClampingKernel] and the node after it a `Relu` or `Clip`, that node is applied as the
/// kernel writes its result instead of in a pass after it.
final class FusedKernel implements Kernel {

    /// A node after the first: its kernel, its in-place form, and for each of its input slots the index of
    /// the step input it reads, or -1 for the previous result.
    record Stage(Kernel kernel, Epilogue epilogue, int[] sources) {
    }

    private final Kernel head;
    private final int headInputs;
    private final Stage[] stages;

    FusedKernel(Kernel head, int headInputs, List<Stage> stages) {
        this.head = head;
        this.headInputs = headInputs;
        this.stages = stages.toArray(Stage[]::new);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var headIn = Arrays.copyOf(inputs, headInputs);
        var clamped = clamped(headIn, inputs, context);
        var y = first(clamped != null ? clamped : head.run(headIn, context));
        int st = clamped != null ? 1 : 0;
        while (st < stages.length) {
            int end = st;
            if (y instanceof Tensor t && t.type() == ElementType.FLOAT && owned(t, inputs)) {
                end = applyInPlace(t, st, inputs, context.threads());
            }
            if (end == st) {
                y = first(stages[st].kernel().run(stageInputs(stages[st], y, inputs), context));
                end = st + 1;
            }
            st = end;
        }
        return new RuntimeValue[] {y};
    }

    /// Applies stages `first` onwards in place to `y`, as many in a row as can be, in one pass over `y`
    /// cut into ranges; returns the stage after the last one applied (`first` when none could be).
    private int applyInPlace(Tensor y, int first, RuntimeValue[] inputs, int threads) {
        var stageInputs = new ArrayList<RuntimeValue[]>();
        int granule = 1;
        int end = first;
        for (; end < stages.length; end++) {
            var in = stageInputs(stages[end], y, inputs);
            int g = stages[end].epilogue().granule(y, in);
            if (g == 0) {
                break;
            }
            // Every granule above 1 is the size of y's last axes (one or more), so the largest is a multiple of
            // the others.
            granule = Math.max(granule, g);
            stageInputs.add(in);
        }
        if (end == first) {
            return first;
        }
        int unit = granule;
        Parallel.forRows(y.size() / unit, unit, threads, (from, to) -> {
            for (int k = 0; k < stageInputs.size(); k++) {
                stages[first + k].epilogue().apply(y, stageInputs.get(k), from * unit, to * unit);
            }
        });
        return end;
    }

    /// The head's outputs with the first stage applied as it wrote them, when the head is a [ClampingKernel]
    /// and that stage a bound it can apply; otherwise `null`, nothing computed.
    private RuntimeValue[] clamped(RuntimeValue[] headIn, RuntimeValue[] inputs, KernelContext context) {
        if (!(head instanceof ClampingKernel clamping) || stages.length == 0) {
            return null;
        }
        var bounds = stages[0].epilogue().bounds(stageInputs(stages[0], null, inputs));
        return bounds == null ? null : clamping.runClamped(headIn, context, bounds[0], bounds[1]);
    }

    /// The inputs of `stage`: the previous result `y` in its slot, the step's inputs in the others.
    private static RuntimeValue[] stageInputs(Stage stage, RuntimeValue y, RuntimeValue[] inputs) {
        var in = new RuntimeValue[stage.sources().length];
        for (int i = 0; i < in.length; i++) {
            int s = stage.sources()[i];
            in[i] = s < 0 ? y : inputs[s];
        }
        return in;
    }

    private static RuntimeValue first(RuntimeValue[] outputs) {
        if (outputs == null || outputs.length == 0) {
            throw new KernelException("the kernel returned no outputs");
        }
        return outputs[0];
    }

    /// Whether `t`'s storage belongs to none of the step's inputs (so no one else can see it change).
    private static boolean owned(Tensor t, RuntimeValue[] inputs) {
        for (var in : inputs) {
            if (in instanceof Tensor i && i.data() == t.data()) {
                return false;
            }
        }
        return true;
    }
}
