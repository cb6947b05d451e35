package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.MapValue;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// Reading the values of an ONNX map, which holds one single-element tensor per key.
final class MapEntries {

    private MapEntries() {
    }

    /// Input slot `i` as a map.
    static MapValue map(RuntimeValue[] inputs, int i, String name) {
        if (i >= inputs.length || !(inputs[i] instanceof MapValue m)) {
            throw new KernelException("input " + name + " must be a map, got "
                    + (i < inputs.length && inputs[i] != null ? inputs[i].describe() : "nothing"));
        }
        return m;
    }

    /// The element type of the map's values (float when the map is empty).
    static ElementType valueType(MapValue m) {
        return m.values().isEmpty() ? ElementType.FLOAT : value(m, 0).type();
    }

    /// The value at position `i`, a single-element tensor.
    static Tensor value(MapValue m, int i) {
        if (!(m.values().get(i) instanceof Tensor t) || t.size() != 1) {
            throw new KernelException("map value " + i + " must be a single-element tensor, got " + m.values().get(i).describe());
        }
        return t;
    }
}
