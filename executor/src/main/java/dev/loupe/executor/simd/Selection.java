package dev.loupe.executor.simd;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/// Elementwise choice between two float rows by a row of bool bytes (the ONNX `Where`), on the Vector API:
/// the condition bytes are loaded as a byte vector with as many lanes as the float species and turned into
/// a lane mask.
public final class Selection {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(8 * L));

    private Selection() {
    }

    /// `o[oi + k] = c[ci + k * cs] != 0 ? a[ai + k * as] : b[bi + k * bs]` for `k < n`; each step is 0 (one
    /// value for the whole row) or 1 (contiguous). Other steps take the scalar loop.
    public static void select(byte[] c, int ci, int cs, float[] a, int ai, int as, float[] b, int bi, int bs,
                              float[] o, int oi, int n) {
        int k = 0;
        if (VectorSupport.ENABLED && n >= L && cs == 1 && (as | bs) >>> 1 == 0) {
            var x = FloatVector.broadcast(S, a[ai]);
            var y = FloatVector.broadcast(S, b[bi]);
            for (int bound = S.loopBound(n); k < bound; k += L) {
                if (as == 1) {
                    x = FloatVector.fromArray(S, a, ai + k);
                }
                if (bs == 1) {
                    y = FloatVector.fromArray(S, b, bi + k);
                }
                var m = ByteVector.fromArray(B, c, ci + k).compare(VectorOperators.NE, (byte) 0).cast(S);
                y.blend(x, m).intoArray(o, oi + k);
            }
        }
        for (ci += k * cs, ai += k * as, bi += k * bs; k < n; k++, ci += cs, ai += as, bi += bs) {
            o[oi + k] = c[ci] != 0 ? a[ai] : b[bi];
        }
    }
}
