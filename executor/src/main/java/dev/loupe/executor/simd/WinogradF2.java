package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static dev.loupe.executor.simd.VectorSupport.ZIP_HIGH;
import static dev.loupe.executor.simd.VectorSupport.ZIP_LOW;

/// `F(2x2, 3x3)`: 16 products per tile and channel instead of 36, with `G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2;
/// 0 0 1]`, `B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]`, `A^T = [1 1 1 0; 0 1 -1 -1]`. The input and output
/// transforms only add and subtract, and `G` only halves, so the results differ from a direct sum by rounding
/// alone, of the order of the direct sum's own.
final class WinogradF2 implements WinogradTransform {

    static final WinogradF2 INSTANCE = new WinogradF2();
    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;

    private WinogradF2() {
    }

    @Override
    public int tile() {
        return 2;
    }

    @Override
    public int elements() {
        return 16;
    }

    @Override
    public int workSize() {
        return 4 * L;
    }

    @Override
    public void filter(double[] g, float[] u, int at, int size) {
        var t = new double[12];
        for (int col = 0; col < 3; col++) {
            double g0 = g[col];
            double g1 = g[3 + col];
            double g2 = g[6 + col];
            t[col] = g0;
            t[3 + col] = (g0 + g1 + g2) / 2;
            t[6 + col] = (g0 - g1 + g2) / 2;
            t[9 + col] = g2;
        }
        for (int row = 0; row < 4; row++) {
            double a = t[row * 3];
            double b = t[row * 3 + 1];
            double c = t[row * 3 + 2];
            int e = at + row * 4 * size;
            u[e] = (float) a;
            u[e + size] = (float) ((a + b + c) / 2);
            u[e + 2 * size] = (float) ((a - b + c) / 2);
            u[e + 3 * size] = (float) c;
        }
    }

    @Override
    public void input(float[] scratch, int plane, int pitch, int ty, int tx, int to, int stagedRow, int work) {
        int r0 = 2 * ty * pitch + tx;
        // Row r of the block: d0 d1 d2 d3 = even[c], odd[c], even[c + 1], odd[c + 1]; t = d B (per row).
        var t00 = FloatVector.fromArray(S, scratch, r0).sub(FloatVector.fromArray(S, scratch, r0 + 1));
        var t01 = FloatVector.fromArray(S, scratch, plane + r0).add(FloatVector.fromArray(S, scratch, r0 + 1));
        var t02 = FloatVector.fromArray(S, scratch, r0 + 1).sub(FloatVector.fromArray(S, scratch, plane + r0));
        var t03 = FloatVector.fromArray(S, scratch, plane + r0).sub(FloatVector.fromArray(S, scratch, plane + r0 + 1));
        int r1 = r0 + pitch;
        var t10 = FloatVector.fromArray(S, scratch, r1).sub(FloatVector.fromArray(S, scratch, r1 + 1));
        var t11 = FloatVector.fromArray(S, scratch, plane + r1).add(FloatVector.fromArray(S, scratch, r1 + 1));
        var t12 = FloatVector.fromArray(S, scratch, r1 + 1).sub(FloatVector.fromArray(S, scratch, plane + r1));
        var t13 = FloatVector.fromArray(S, scratch, plane + r1).sub(FloatVector.fromArray(S, scratch, plane + r1 + 1));
        int r2 = r1 + pitch;
        var t20 = FloatVector.fromArray(S, scratch, r2).sub(FloatVector.fromArray(S, scratch, r2 + 1));
        var t21 = FloatVector.fromArray(S, scratch, plane + r2).add(FloatVector.fromArray(S, scratch, r2 + 1));
        var t22 = FloatVector.fromArray(S, scratch, r2 + 1).sub(FloatVector.fromArray(S, scratch, plane + r2));
        var t23 = FloatVector.fromArray(S, scratch, plane + r2).sub(FloatVector.fromArray(S, scratch, plane + r2 + 1));
        int r3 = r2 + pitch;
        var t30 = FloatVector.fromArray(S, scratch, r3).sub(FloatVector.fromArray(S, scratch, r3 + 1));
        var t31 = FloatVector.fromArray(S, scratch, plane + r3).add(FloatVector.fromArray(S, scratch, r3 + 1));
        var t32 = FloatVector.fromArray(S, scratch, r3 + 1).sub(FloatVector.fromArray(S, scratch, plane + r3));
        var t33 = FloatVector.fromArray(S, scratch, plane + r3).sub(FloatVector.fromArray(S, scratch, plane + r3 + 1));
        // V = B^T t (down the rows), element (i, j) to staging row 4 i + j.
        t00.sub(t20).intoArray(scratch, to);
        t01.sub(t21).intoArray(scratch, to + stagedRow);
        t02.sub(t22).intoArray(scratch, to + 2 * stagedRow);
        t03.sub(t23).intoArray(scratch, to + 3 * stagedRow);
        t10.add(t20).intoArray(scratch, to + 4 * stagedRow);
        t11.add(t21).intoArray(scratch, to + 5 * stagedRow);
        t12.add(t22).intoArray(scratch, to + 6 * stagedRow);
        t13.add(t23).intoArray(scratch, to + 7 * stagedRow);
        t20.sub(t10).intoArray(scratch, to + 8 * stagedRow);
        t21.sub(t11).intoArray(scratch, to + 9 * stagedRow);
        t22.sub(t12).intoArray(scratch, to + 10 * stagedRow);
        t23.sub(t13).intoArray(scratch, to + 11 * stagedRow);
        t10.sub(t30).intoArray(scratch, to + 12 * stagedRow);
        t11.sub(t31).intoArray(scratch, to + 13 * stagedRow);
        t12.sub(t32).intoArray(scratch, to + 14 * stagedRow);
        t13.sub(t33).intoArray(scratch, to + 15 * stagedRow);
    }

    @Override
    public void output(float[] products, int i, int stride, float bias, float lo, float hi, float[] out,
                       int top, int width, int rows, int valid, float[] scratch, int work) {
        var low = FloatVector.broadcast(S, lo);
        var high = FloatVector.broadcast(S, hi);
        // s = A^T M (down the rows of the block), then y = s A.
        var m0 = FloatVector.fromArray(S, products, i);
        var m4 = FloatVector.fromArray(S, products, i + 4 * stride);
        var m8 = FloatVector.fromArray(S, products, i + 8 * stride);
        var s00 = m0.add(m4).add(m8);
        var m12 = FloatVector.fromArray(S, products, i + 12 * stride);
        var s10 = m4.sub(m8).sub(m12);
        var m1 = FloatVector.fromArray(S, products, i + stride);
        var m5 = FloatVector.fromArray(S, products, i + 5 * stride);
        var m9 = FloatVector.fromArray(S, products, i + 9 * stride);
        var s01 = m1.add(m5).add(m9);
        var m13 = FloatVector.fromArray(S, products, i + 13 * stride);
        var s11 = m5.sub(m9).sub(m13);
        var m2 = FloatVector.fromArray(S, products, i + 2 * stride);
        var m6 = FloatVector.fromArray(S, products, i + 6 * stride);
        var m10 = FloatVector.fromArray(S, products, i + 10 * stride);
        var s02 = m2.add(m6).add(m10);
        var m14 = FloatVector.fromArray(S, products, i + 14 * stride);
        var s12 = m6.sub(m10).sub(m14);
        var m3 = FloatVector.fromArray(S, products, i + 3 * stride);
        var m7 = FloatVector.fromArray(S, products, i + 7 * stride);
        var m11 = FloatVector.fromArray(S, products, i + 11 * stride);
        var s03 = m3.add(m7).add(m11);
        var m15 = FloatVector.fromArray(S, products, i + 15 * stride);
        var s13 = m7.sub(m11).sub(m15);
        var y00 = s00.add(s01).add(s02).add(bias);
        y00 = y00.blend(high, y00.compare(VectorOperators.GT, high)).blend(low, y00.compare(VectorOperators.LT, low));
        var y01 = s01.sub(s02).sub(s03).add(bias);
        y01 = y01.blend(high, y01.compare(VectorOperators.GT, high)).blend(low, y01.compare(VectorOperators.LT, low));
        var y10 = s10.add(s11).add(s12).add(bias);
        y10 = y10.blend(high, y10.compare(VectorOperators.GT, high)).blend(low, y10.compare(VectorOperators.LT, low));
        var y11 = s11.sub(s12).sub(s13).add(bias);
        y11 = y11.blend(high, y11.compare(VectorOperators.GT, high)).blend(low, y11.compare(VectorOperators.LT, low));
        if (valid == 2 * L) {
            y00.rearrange(ZIP_LOW, y01).intoArray(out, top);
            y00.rearrange(ZIP_HIGH, y01).intoArray(out, top + L);
            if (rows == 2) {
                y10.rearrange(ZIP_LOW, y11).intoArray(out, top + width);
                y10.rearrange(ZIP_HIGH, y11).intoArray(out, top + width + L);
            }
            return;
        }
        // The last columns of a row or block: through the scratch, as a masked store could reach past `out`.
        y00.rearrange(ZIP_LOW, y01).intoArray(scratch, work);
        y00.rearrange(ZIP_HIGH, y01).intoArray(scratch, work + L);
        y10.rearrange(ZIP_LOW, y11).intoArray(scratch, work + 2 * L);
        y10.rearrange(ZIP_HIGH, y11).intoArray(scratch, work + 3 * L);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(scratch, work + r * 2 * L, out, top + r * width, valid);
        }
    }
}
