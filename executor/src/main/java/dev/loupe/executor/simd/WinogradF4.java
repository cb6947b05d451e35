package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static dev.loupe.executor.simd.VectorSupport.ZIP_HIGH;
import static dev.loupe.executor.simd.VectorSupport.ZIP_LOW;

/// `F(4x4, 3x3)`: 36 products per tile and channel instead of 144 (2.25 per output against `F(2x2, 3x3)`'s 4), and
/// 2.25 transformed inputs per input instead of 4, at the price of larger constants: with the points `0, ±1, ±2`
/// (Lavin and Gray),
///
/// ```
/// B^T = [4  0 -5  0 1 0      G = [ 1/4     0     0      A^T = [1 1  1 1  1 0
///        0 -4 -4  1 1 0           -1/6  -1/6  -1/6             0 1 -1 2 -2 0
///        0  4 -4 -1 1 0           -1/6   1/6  -1/6             0 1  1 4  4 0
///        0 -2 -1  2 1 0            1/24  1/12  1/6             0 1 -1 8 -8 1]
///        0  2 -1 -2 1 0            1/24 -1/12  1/6
///        0  4  0 -5 0 1]           0      0     1  ]
/// ```
///
/// The inputs and products are multiplied by at most 5 and 8 on the way, so the rounding error grows to a few
/// times the direct sum's (still far inside the conformance tolerances); the filters are transformed in `double`.
/// The 2-D transforms run in two passes through the call's scratch: each row of the block, then each column.
final class WinogradF4 implements WinogradTransform {

    static final WinogradF4 INSTANCE = new WinogradF4();
    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;
    private static final double[][] G = {
            {1.0 / 4, 0, 0},
            {-1.0 / 6, -1.0 / 6, -1.0 / 6},
            {-1.0 / 6, 1.0 / 6, -1.0 / 6},
            {1.0 / 24, 1.0 / 12, 1.0 / 6},
            {1.0 / 24, -1.0 / 12, 1.0 / 6},
            {0, 0, 1}};

    private WinogradF4() {
    }

    @Override
    public int tile() {
        return 4;
    }

    @Override
    public int elements() {
        return 36;
    }

    @Override
    public int workSize() {
        // The input's 36 row-transformed vectors; the output's 24 and 16, then 4 rows of 4 vectors.
        return 56 * L;
    }

    @Override
    public void filter(double[] g, float[] u, int at, int size) {
        var t = new double[18];
        for (int i = 0; i < 6; i++) {
            for (int col = 0; col < 3; col++) {
                t[i * 3 + col] = G[i][0] * g[col] + G[i][1] * g[3 + col] + G[i][2] * g[6 + col];
            }
        }
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                u[at + (i * 6 + j) * size] = (float) (t[i * 3] * G[j][0] + t[i * 3 + 1] * G[j][1] + t[i * 3 + 2] * G[j][2]);
            }
        }
    }

    @Override
    public void input(float[] scratch, int plane, int pitch, int ty, int tx, int to, int stagedRow, int work) {
        int base = 4 * ty * pitch + tx;
        // t = d B, row by row of the block: d0 .. d5 are phases 0 .. 3 at column tx, phases 0 and 1 at tx + 1.
        for (int r = 0; r < 6; r++) {
            int at = base + r * pitch;
            forward(scratch, at, plane + at, 2 * plane + at, 3 * plane + at, at + 1, plane + at + 1, work + r * 6 * L, L);
        }
        // V = B^T t, column by column: element (i, j) to staging row 6 i + j.
        for (int j = 0; j < 6; j++) {
            int at = work + j * L;
            forward(scratch, at, at + 6 * L, at + 12 * L, at + 18 * L, at + 24 * L, at + 30 * L, to + j * stagedRow,
                    6 * stagedRow);
        }
    }

    /// `B^T d` for one line of a block, `d0 .. d5` at `s[a0] .. s[a5]`: element `k` to `s[to + k * step]`.
    private static void forward(float[] s, int a0, int a1, int a2, int a3, int a4, int a5, int to, int step) {
        var d0 = FloatVector.fromArray(S, s, a0);
        var d1 = FloatVector.fromArray(S, s, a1);
        var d2 = FloatVector.fromArray(S, s, a2);
        var d3 = FloatVector.fromArray(S, s, a3);
        var d4 = FloatVector.fromArray(S, s, a4);
        var d5 = FloatVector.fromArray(S, s, a5);
        var d42 = d4.sub(d2);
        var d31 = d3.sub(d1);
        d0.sub(d2).mul(4f).add(d42).intoArray(s, to);
        d3.add(d4).sub(d1.add(d2).mul(4f)).intoArray(s, to + step);
        d4.sub(d3).add(d1.sub(d2).mul(4f)).intoArray(s, to + 2 * step);
        d42.add(d31.mul(2f)).intoArray(s, to + 3 * step);
        d42.sub(d31.mul(2f)).intoArray(s, to + 4 * step);
        d1.sub(d3).mul(4f).add(d5.sub(d3)).intoArray(s, to + 5 * step);
    }

    @Override
    public void output(float[] products, int i, int stride, float bias, float lo, float hi, float[] out,
                       int top, int width, int rows, int valid, float[] scratch, int work) {
        var low = FloatVector.broadcast(S, lo);
        var high = FloatVector.broadcast(S, hi);
        // z = M A, row by row of the block (z(r, j) at work + (4 r + j) L) ...
        for (int r = 0; r < 6; r++) {
            backward(products, i + 6 * r * stride, stride, scratch, work + 4 * r * L, L);
        }
        // ... then y = A^T z, column by column (y(i, j) at ys + (4 i + j) L).
        int ys = work + 24 * L;
        for (int j = 0; j < 4; j++) {
            backward(scratch, work + j * L, 4 * L, scratch, ys + j * L, 4 * L);
        }
        boolean whole = valid == 4 * L;
        int staged = ys + 16 * L;
        for (int r = 0; r < rows; r++) {
            int y = ys + 4 * r * L;
            var y0 = FloatVector.fromArray(S, scratch, y).add(bias);
            y0 = y0.blend(high, y0.compare(VectorOperators.GT, high)).blend(low, y0.compare(VectorOperators.LT, low));
            var y1 = FloatVector.fromArray(S, scratch, y + L).add(bias);
            y1 = y1.blend(high, y1.compare(VectorOperators.GT, high)).blend(low, y1.compare(VectorOperators.LT, low));
            var y2 = FloatVector.fromArray(S, scratch, y + 2 * L).add(bias);
            y2 = y2.blend(high, y2.compare(VectorOperators.GT, high)).blend(low, y2.compare(VectorOperators.LT, low));
            var y3 = FloatVector.fromArray(S, scratch, y + 3 * L).add(bias);
            y3 = y3.blend(high, y3.compare(VectorOperators.GT, high)).blend(low, y3.compare(VectorOperators.LT, low));
            // Tile by tile, its four columns in a row: y0 y1 y2 y3 of lane 0, of lane 1, ...
            var low02 = y0.rearrange(ZIP_LOW, y2);
            var high02 = y0.rearrange(ZIP_HIGH, y2);
            var low13 = y1.rearrange(ZIP_LOW, y3);
            var high13 = y1.rearrange(ZIP_HIGH, y3);
            // A partial row goes through the scratch, as a masked store could reach past `out`.
            var dst = whole ? out : scratch;
            int d = whole ? top + r * width : staged;
            low02.rearrange(ZIP_LOW, low13).intoArray(dst, d);
            low02.rearrange(ZIP_HIGH, low13).intoArray(dst, d + L);
            high02.rearrange(ZIP_LOW, high13).intoArray(dst, d + 2 * L);
            high02.rearrange(ZIP_HIGH, high13).intoArray(dst, d + 3 * L);
            if (!whole) {
                System.arraycopy(scratch, staged, out, top + r * width, valid);
            }
        }
    }

    /// `A^T m` for one line of a block, `m0 .. m5` at `src[at + k * step]`: element `k` to `dst[to + k * dstStep]`.
    private static void backward(float[] src, int at, int step, float[] dst, int to, int dstStep) {
        var m1 = FloatVector.fromArray(S, src, at + step);
        var m2 = FloatVector.fromArray(S, src, at + 2 * step);
        var m3 = FloatVector.fromArray(S, src, at + 3 * step);
        var m4 = FloatVector.fromArray(S, src, at + 4 * step);
        var p = m1.add(m2);
        var q = m1.sub(m2);
        var u = m3.add(m4);
        var v = m3.sub(m4);
        FloatVector.fromArray(S, src, at).add(p).add(u).intoArray(dst, to);
        q.add(v.mul(2f)).intoArray(dst, to + dstStep);
        p.add(u.mul(4f)).intoArray(dst, to + 2 * dstStep);
        q.add(v.mul(8f)).add(FloatVector.fromArray(S, src, at + 5 * step)).intoArray(dst, to + 3 * dstStep);
    }
}
