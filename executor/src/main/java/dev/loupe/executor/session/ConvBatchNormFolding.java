package dev.loupe.executor.session;

import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import dev.loupe.model.Node;

/// Folds an inference `BatchNormalization` into the `Conv` before it: with `a = scale / sqrt(var + epsilon)`
/// per output channel, the convolution's weights become `W * a` and its bias `(B - mean) * a + bias` (`B` 0
/// when absent), computed in double and rounded to float once.
///
/// Applies to float32 convolutions whose weights (and bias, if any) are constants, and a normalization over
/// channels (not `spatial = 0`) in inference mode (one output; `training_mode` 0) whose four parameters are
/// float32 constants of one value per output channel.
final class ConvBatchNormFolding {

    private ConvBatchNormFolding() {
    }

    /// The folded weights and bias, or `null` when the pair does not qualify.
    ///
    /// @param w      the convolution's constant weights
    /// @param b      its constant bias, or `null` when it has none
    /// @param params the normalization's scale, bias, mean and variance (`null` entries when not constant)
    static Tensor[] fold(Tensor w, Tensor b, Node bn, long bnVersion, Tensor[] params) {
        if (bn.outputs().size() != 1 || (bnVersion >= 14 && bn.intAttr("training_mode", 0) != 0)
                || (bnVersion < 9 && bn.intAttr("spatial", 1) == 0)) {
            return null;
        }
        if (w == null || w.type() != ElementType.FLOAT || w.rank() < 3) {
            return null;
        }
        int m = (int) w.dim(0);
        if (b != null && (b.type() != ElementType.FLOAT || b.size() != m)) {
            return null;
        }
        for (var p : params) {
            if (p == null || p.type() != ElementType.FLOAT || p.rank() != 1 || p.size() != m) {
                return null;
            }
        }
        double epsilon = bn.floatAttr("epsilon", 1e-5f);
        var scale = params[0].floats();
        var shift = params[1].floats();
        var mean = params[2].floats();
        var variance = params[3].floats();
        var wv = w.floats();
        int perChannel = w.size() / Math.max(1, m);
        var newW = new float[wv.length];
        var newB = new float[m];
        for (int o = 0; o < m; o++) {
            double a = scale[o] / Math.sqrt(variance[o] + epsilon);
            for (int i = o * perChannel; i < (o + 1) * perChannel; i++) {
                newW[i] = (float) (wv[i] * a);
            }
            double bias = b == null ? 0 : b.floats()[o];
            newB[o] = (float) ((bias - mean[o]) * a + shift[o]);
        }
        return new Tensor[] {Tensor.of(ElementType.FLOAT, w.shape(), newW), Tensor.ofFloats(new long[] {m}, newB)};
    }
}
