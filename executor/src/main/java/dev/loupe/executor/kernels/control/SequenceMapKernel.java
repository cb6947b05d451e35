package dev.loupe.executor.kernels.control;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.SequenceValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.TypeInfo;

import java.util.ArrayList;
import java.util.List;

/// `SequenceMap` (version 17): runs `body` once per element of the input sequence. Each additional input
/// that is a sequence contributes its element at the same position (it must be as long); a tensor is passed
/// whole every time. Each body output collects into one output sequence.
final class SequenceMapKernel implements Kernel {

    private final Graph body;

    SequenceMapKernel(NodeSpec spec) {
        this.body = spec.graphAttr("body").orElseThrow(() -> new KernelException("required attribute 'body' is missing"));
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var first = Args.sequence("SequenceMap", inputs, 0, "input_sequence");
        int n = first.elements().size();
        for (int i = 1; i < inputs.length; i++) {
            if (inputs[i] instanceof SequenceValue s && s.elements().size() != n) {
                throw new KernelException("SequenceMap input " + i + " has " + s.elements().size() + " elements, the input sequence " + n);
            }
        }
        int outputs = body.outputs().size();
        var collected = new ArrayList<List<RuntimeValue>>();
        for (int k = 0; k < outputs; k++) {
            collected.add(new ArrayList<>());
        }
        for (int e = 0; e < n; e++) {
            var args = new RuntimeValue[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                args[i] = inputs[i] instanceof SequenceValue s ? s.elements().get(e) : inputs[i];
            }
            var out = context.runSubgraph(body, args);
            for (int k = 0; k < outputs; k++) {
                collected.get(k).add(out[k]);
            }
        }
        var results = new RuntimeValue[outputs];
        for (int k = 0; k < outputs; k++) {
            var list = collected.get(k);
            ElementType type = !list.isEmpty() && list.getFirst() instanceof Tensor t ? t.type() : declaredType(body.outputs().get(k).type());
            results[k] = new SequenceValue(list, type);
        }
        return results;
    }

    private static ElementType declaredType(TypeInfo t) {
        return t instanceof TypeInfo.TensorType tt ? tt.elementType() : null;
    }
}
