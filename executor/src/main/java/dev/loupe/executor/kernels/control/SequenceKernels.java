package dev.loupe.executor.kernels.control;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.SequenceValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.ArrayList;

/// The small sequence operators (all version 11), each a few lines: `SequenceEmpty`, `SequenceConstruct`,
/// `SequenceAt`, `SequenceInsert`, `SequenceErase` and `SequenceLength`. Sequences are immutable: every
/// change makes a new one.
final class SequenceKernels {

    private SequenceKernels() {
    }

    /// `SequenceEmpty`: an empty sequence of tensors of `dtype` (float by default).
    static Kernel empty(NodeSpec spec) {
        int code = (int) spec.intAttr("dtype", ElementType.FLOAT.code());
        var type = ElementType.fromCode(code).orElseThrow(() -> new KernelException("SequenceEmpty dtype " + code + " is not a tensor type"));
        return (inputs, context) -> new RuntimeValue[] {new SequenceValue(java.util.List.of(), type)};
    }

    /// `SequenceConstruct`: a sequence of the input tensors, which must share one element type.
    static Kernel construct(NodeSpec spec) {
        return (inputs, context) -> {
            var elements = new ArrayList<RuntimeValue>();
            ElementType type = null;
            for (int i = 0; i < inputs.length; i++) {
                var t = Args.tensor("SequenceConstruct", inputs, i, "inputs[" + i + "]");
                if (type != null && t.type() != type) {
                    throw new KernelException("SequenceConstruct inputs must share one type, got " + type.onnxName() + " and " + t.describe());
                }
                type = t.type();
                elements.add(t);
            }
            return new RuntimeValue[] {new SequenceValue(elements, type)};
        };
    }

    /// `SequenceAt`: the tensor at `position` (negative from the end).
    static Kernel at(NodeSpec spec) {
        return (inputs, context) -> {
            var seq = Args.sequence("SequenceAt", inputs, 0, "input_sequence");
            long p = Args.scalarLong("SequenceAt", Args.tensor("SequenceAt", inputs, 1, "position"), "position");
            return new RuntimeValue[] {seq.elements().get(Args.position("SequenceAt", p, seq.elements().size(), false))};
        };
    }

    /// `SequenceInsert`: a new sequence with `tensor` inserted at `position` (at the end by default).
    static Kernel insert(NodeSpec spec) {
        return (inputs, context) -> {
            var seq = Args.sequence("SequenceInsert", inputs, 0, "input_sequence");
            var t = Args.tensor("SequenceInsert", inputs, 1, "tensor");
            if (seq.elementType() != null && seq.elementType() != t.type()) {
                throw new KernelException("SequenceInsert cannot put " + t.describe() + " into a sequence of " + seq.elementType().onnxName());
            }
            var pos = Args.optionalTensor("SequenceInsert", inputs, 2, "position");
            int size = seq.elements().size();
            int p = pos == null ? size : Args.position("SequenceInsert", Args.scalarLong("SequenceInsert", pos, "position"), size, true);
            var elements = new ArrayList<>(seq.elements());
            elements.add(p, t);
            return new RuntimeValue[] {new SequenceValue(elements, t.type())};
        };
    }

    /// `SequenceErase`: a new sequence without the element at `position` (the last by default).
    static Kernel erase(NodeSpec spec) {
        return (inputs, context) -> {
            var seq = Args.sequence("SequenceErase", inputs, 0, "input_sequence");
            var pos = Args.optionalTensor("SequenceErase", inputs, 1, "position");
            int size = seq.elements().size();
            int p = Args.position("SequenceErase", pos == null ? -1 : Args.scalarLong("SequenceErase", pos, "position"), size, false);
            var elements = new ArrayList<>(seq.elements());
            elements.remove(p);
            return new RuntimeValue[] {new SequenceValue(elements, seq.elementType())};
        };
    }

    /// `SequenceLength`: the number of elements, as an int64 scalar.
    static Kernel length(NodeSpec spec) {
        return (inputs, context) -> new RuntimeValue[] {
            Tensor.scalarLong(Args.sequence("SequenceLength", inputs, 0, "input_sequence").elements().size())};
    }
}
