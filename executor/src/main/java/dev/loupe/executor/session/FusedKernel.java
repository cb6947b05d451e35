package dev.loupe.executor.session;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;
import java.util.List;

/// The kernel of a fused step in a [ExecutionMode#FAST] plan: the first node's kernel on the step's first
/// `headInputs` inputs, then each following node on the previous result. A following node is applied in
/// place ([Epilogue]) when the previous result is float32 storage the step made itself (shared with none of
/// the step's inputs) and the node's other inputs allow it; otherwise its own kernel runs, so the result is
/// always what the nodes compute one by one.
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
        var y = first(head.run(Arrays.copyOf(inputs, headInputs), context));
        for (var stage : stages) {
            var in = new RuntimeValue[stage.sources().length];
            for (int i = 0; i < in.length; i++) {
                int s = stage.sources()[i];
                in[i] = s < 0 ? y : inputs[s];
            }
            if (!(y instanceof Tensor t && t.type() == ElementType.FLOAT && owned(t, inputs)
                    && stage.epilogue().applyInPlace(t, in))) {
                y = first(stage.kernel().run(in, context));
            }
        }
        return new RuntimeValue[] {y};
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
