package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorConversion;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.ElementType;
import dev.loupe.model.SparseTensor;

import java.util.List;

/// `Constant` (versions 1, 9, 11, 12, 13, 19, 21): the tensor held by its one attribute, `value`,
/// `sparse_value` (made dense; version 11), or from version 12 `value_float(s)`, `value_int(s)` and
/// `value_string(s)` (scalars and 1-D tensors). Converted once, when the kernel is built.
final class ConstantKernel extends SingleOutputKernel {

    private static final List<String> ATTRIBUTES = List.of("value", "sparse_value", "value_float", "value_floats",
            "value_int", "value_ints", "value_string", "value_strings");

    private final Tensor value;

    ConstantKernel(NodeSpec node) {
        var present = ATTRIBUTES.stream().filter(node::has).toList();
        if (present.size() != 1) {
            throw new KernelException("a Constant needs exactly one of " + ATTRIBUTES + ", got " + present);
        }
        this.value = switch (node.required(present.getFirst()).value()) {
            case AttributeValue.TensorValue(var t) -> TensorConversion.fromTensorData(t);
            case AttributeValue.SparseTensorValue(var s) -> dense(s);
            case AttributeValue.FloatValue(float f) -> Tensor.scalar(f);
            case AttributeValue.Floats(float[] f) -> Tensor.ofFloats(new long[] {f.length}, f.clone());
            case AttributeValue.IntValue(long v) -> Tensor.scalarLong(v);
            case AttributeValue.Ints(long[] v) -> Tensor.ofLongs(new long[] {v.length}, v.clone());
            case AttributeValue.StringValue s -> Tensor.of(ElementType.STRING, new long[0], new String[] {s.text()});
            case AttributeValue.Strings s -> Tensor.of(ElementType.STRING, new long[] {s.values().size()},
                    s.texts().toArray(String[]::new));
            default -> throw new KernelException("attribute '" + present.getFirst() + "' has an unexpected type");
        };
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        return value;
    }

    /// The dense tensor a sparse tensor stands for: zeros except at the listed positions.
    private static Tensor dense(SparseTensor sparse) {
        var values = TensorConversion.fromTensorData(sparse.values());
        var indices = Operands.longs(TensorConversion.fromTensorData(sparse.indices()), "sparse indices");
        var dims = sparse.dims();
        var strides = Shapes.strides(dims);
        int nnz = values.size();
        var target = new int[nnz];
        boolean coordinates = sparse.indices().rank() == 2;
        for (int i = 0; i < nnz; i++) {
            long p = 0;
            if (coordinates) {
                for (int d = 0; d < dims.length; d++) {
                    p += indices[i * dims.length + d] * strides[d];
                }
            } else {
                p = indices[i];
            }
            target[i] = (int) p;
        }
        var out = Tensor.allocate(values.type(), dims);
        Elements.scatter(out.data(), target, values.data(), Elements.width(values.type()));
        return out;
    }
}
