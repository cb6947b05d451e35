package dev.loupe.model.infer;

import dev.loupe.model.Dim;
import java.util.List;

/// The values of a small integer tensor (rank 0 or 1) as far as they are known statically, each a
/// [Dim]: a number, a symbol or unknown. `Shape(x)` of a tensor of shape `[batch, 3]` holds `[batch, 3]`,
/// which lets a later `Reshape` produce a symbolic shape (the data propagation of ONNX inference).
///
/// @param scalar whether the tensor has rank 0 (then `values` holds exactly one element)
record SymbolicInts(List<Dim> values, boolean scalar) {

    SymbolicInts {
        values = List.copyOf(values);
    }

    static SymbolicInts of(long[] values, boolean scalar) {
        return new SymbolicInts(java.util.Arrays.stream(values).mapToObj(Dim::of).toList(), scalar);
    }

    /// The values when every one is a known number, else `null`.
    long[] known() {
        var out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(values.get(i) instanceof Dim.Known(long v, String ignored))) {
                return null;
            }
            out[i] = v;
        }
        return out;
    }

    int size() {
        return values.size();
    }
}
