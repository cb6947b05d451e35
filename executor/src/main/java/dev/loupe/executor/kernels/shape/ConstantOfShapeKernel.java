package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorConversion;

/// `ConstantOfShape` (versions 9, 20, 21): a tensor of the shape given by the int64 input, every element
/// the one-element `value` attribute (of any type; a float zero when absent).
final class ConstantOfShapeKernel extends SingleOutputKernel {

    private final Tensor value;

    ConstantOfShapeKernel(NodeSpec node) {
        this.value = node.tensorAttr("value").map(TensorConversion::fromTensorData).orElse(Tensor.scalar(0f));
        if (value.size() != 1) {
            throw new KernelException("attribute 'value' must hold one element, got " + value.describe());
        }
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var shape = Operands.longs(Operands.tensor(inputs, 0, "input"), "input");
        Operands.checkOutputSize(value.type(), shape);
        return Elements.take(value, shape, new int[Shapes.checkedSize(shape)]);
    }
}
