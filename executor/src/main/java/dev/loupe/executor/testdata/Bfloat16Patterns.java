package dev.loupe.executor.testdata;

import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import dev.loupe.model.TypeInfo;

/// NumPy has no bfloat16, so the ONNX test data of that era stores bfloat16 values as uint16 tensors
/// holding the bit patterns. Where the model declares bfloat16 and the file holds uint16, the values are
/// reinterpreted (no conversion: the storage is the same 16-bit patterns).
final class Bfloat16Patterns {

    private Bfloat16Patterns() {
    }

    static RuntimeValue adapt(RuntimeValue value, TypeInfo declared) {
        if (value instanceof Tensor t && t.type() == ElementType.UINT16
                && declared instanceof TypeInfo.TensorType tt && tt.elementType() == ElementType.BFLOAT16) {
            return Tensor.of(ElementType.BFLOAT16, t.shape(), t.shorts());
        }
        return value;
    }
}
