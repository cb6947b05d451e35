package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static dev.loupe.executor.simd.MicroKernels.MR;
import static dev.loupe.executor.simd.MicroKernels.NR;

/// Float 2-D convolution computed straight from the input rows, for layers with few input channels: a CNN's
/// first layer, reading the 3 channels of an image (ResNet's 7x7 taps at stride 2, MobileNet's 3x3).
///
/// The general path ([Convolution#forward]) first copies every tap's inputs into packed im2col columns; with 3
/// channels and 49 taps that copying (147 masked, de-interleaved loads per 16 output positions) took half as
/// long as the product itself. Here each input row is copied once into a scratch plane in [Window2d]'s layout
/// (the padding as zeros, a stride-2 row split into its even and odd columns), and a register tile of 8 output
/// channels by two vectors of output columns, as in [MicroKernels], reads its right operand from there: for
/// input channel `c` and tap `(ky, kx)`, the inputs of 32 consecutive outputs of a row are two contiguous
/// vectors of the scratch. Tiles start at the beginning of each output row; a row's last tile stores only the
/// columns inside it.
///
/// Each sum starts from the bias and adds the products in the order of the weights' columns (channel, tap row,
/// tap column) with one fused multiply-add each, as the packed product does: the outputs are the im2col path's
/// bit for bit, except in a layer whose last one to three output channels the product computes on its one-row
/// kernel, which sums even and odd terms apart.
///
/// The tiles repeat the shape of [MicroKernels]' rather than call them: there the right operand is a packed
/// panel read at one index stepping by `NR`, here every weight column reads at its own offset; and a tile's
/// accumulators must stay named locals of one method for the JIT to keep them in registers.
///
/// Vector kernels only (callers check [#suits]); thread-safe: output rows are split over the [WorkerPool], each
/// part copying the input rows it reads into its own thread's scratch.
public final class DirectConvolution {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;
    /// Most input channels: beyond a few, the packed im2col columns are a small cost next to the product, and the
    /// scratch rows a tile reads (channels x kernel rows) outgrow the L1 cache.
    private static final int MAX_CHANNELS = 4;

    private DirectConvolution() {
    }

    /// Whether this class computes a convolution of `channels` input channels over `window`: the vector kernels
    /// on, a stride of 1 or 2 across ([Window2d#supported()]), at most [#MAX_CHANNELS] channels and output rows
    /// at least a vector wide.
    public static boolean suits(Window2d window, int channels) {
        return window.supported() && channels <= MAX_CHANNELS && window.outWidth() >= L;
    }

    /// `out[o, oy, ox] = clamp(bias[biasOff + o] + sum over c, ky, kx of W[o, (c * kh + ky) * kw + kx] * x[c, oy * sy
    /// - padTop + ky * dy, ox * sx - padLeft + kx * dx])` (zero outside the input) for `o < weights.rows()`:
    /// `channels` input planes of `window` contiguous from `xOff`, output planes from `outOff`. `bias` and `clamp`
    /// may be `null`.
    public static void forward(Window2d window, float[] x, int xOff, int channels, PackedA weights, float[] bias, int biasOff,
                               Clamp clamp, float[] out, int outOff, int threads) {
        if (!suits(window, channels)) {
            throw new IllegalArgumentException("not a direct convolution of " + channels + " channels: " + window);
        }
        int k = channels * window.kernelHeight() * window.kernelWidth();
        if (weights.depth() != k) {
            throw new IllegalArgumentException("weights of depth " + weights.depth() + " for " + channels + " channels of " + window);
        }
        var layer = new Layer(window, x, xOff, channels, weights, bias, biasOff, clamp, out, outOff);
        int m = weights.rows();
        double flops = 2.0 * m * k * window.outHeight() * window.outWidth();
        int parts = WorkerPool.parts(flops, Sgemm.MIN_FLOPS_PER_PART, threads, window.outHeight());
        WorkerPool.runChunks(parts, window.outHeight(), 1, layer::rows);
    }

    /// One call's operands, and the scratch layout: `scratch` is a [Window2d] for output rows whole tiles wide
    /// (so that a row's last tile reads inside its scratch row), one plane of it per input channel, and
    /// `depthOffsets[p]` is where in the scratch weight column `p` reads for output `(0, 0)`.
    private record Layer(Window2d window, Window2d scratch, int plane, int[] depthOffsets, float[] x, int xOff, int channels,
                         PackedA weights, float[] bias, int biasOff, float lo, float hi, float[] out, int outOff) {

        Layer(Window2d window, float[] x, int xOff, int channels, PackedA weights, float[] bias, int biasOff, Clamp clamp,
              float[] out, int outOff) {
            this(window, tileWide(window), x, xOff, channels, weights, bias, biasOff, clamp, out, outOff);
        }

        private Layer(Window2d window, Window2d scratch, float[] x, int xOff, int channels, PackedA weights, float[] bias,
                      int biasOff, Clamp clamp, float[] out, int outOff) {
            this(window, scratch, scratch.scratchRows() * scratch.scratchRow(), depthOffsets(scratch, channels), x, xOff,
                    channels, weights, bias, biasOff, clamp == null ? Float.NEGATIVE_INFINITY : clamp.lo(),
                    clamp == null ? Float.POSITIVE_INFINITY : clamp.hi(), out, outOff);
        }

        private static Window2d tileWide(Window2d w) {
            int wide = (w.outWidth() + NR - 1) / NR * NR;
            return new Window2d(w.height(), w.width(), w.outHeight(), wide, w.kernelHeight(), w.kernelWidth(), w.strideY(),
                    w.strideX(), w.dilationY(), w.dilationX(), w.padTop(), w.padLeft());
        }

        private static int[] depthOffsets(Window2d scratch, int channels) {
            int kh = scratch.kernelHeight();
            int kw = scratch.kernelWidth();
            int plane = scratch.scratchRows() * scratch.scratchRow();
            var taps = scratch.tapOffsets();
            var offsets = new int[channels * kh * kw];
            for (int c = 0, p = 0; c < channels; c++) {
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++, p++) {
                        offsets[p] = c * plane + ky * scratch.dilationY() * scratch.scratchRow() + taps[kx];
                    }
                }
            }
            return offsets;
        }

        /// Output rows `[oy0, oy1)`: the input rows they read copied into this thread's scratch, then every tile.
        void rows(int oy0, int oy1) {
            var ws = Workspace.current();
            var rows = ws.columns(channels * plane);
            fill(rows, oy0 * window.strideY(), (oy1 - 1) * window.strideY() + (window.kernelHeight() - 1) * window.dilationY() + 1);
            int m = weights.rows();
            int row = scratch.scratchRow();
            int width = window.outWidth();
            int outSize = window.outHeight() * width;
            for (int oy = oy0; oy < oy1; oy++) {
                int rowBase = oy * window.strideY() * row;
                for (int ox = 0; ox < width; ox += NR) {
                    int columns = Math.min(NR, width - ox);
                    // A row ending within a vector of the tile computes one vector there.
                    boolean narrow = columns <= L;
                    for (int o = 0; o < m; o += MR) {
                        int at = outOff + o * outSize + oy * width + ox;
                        if (columns == (narrow ? L : NR) && o + MR <= m) {
                            tile(rows, rowBase + ox, o, out, at, outSize, narrow);
                        } else {
                            // A row's last tile, or the last output channels: whole in the tile buffer, then the part
                            // inside the output copied.
                            var edge = ws.tile();
                            tile(rows, rowBase + ox, o, edge, 0, NR, narrow);
                            for (int r = 0; r < Math.min(MR, m - o); r++) {
                                System.arraycopy(edge, r * NR, out, at + r * outSize, columns);
                            }
                        }
                    }
                }
            }
        }

        /// The tile at `base` for output channels `[o, o + MR)`: one vector of outputs wide when `narrow`, else two.
        private void tile(float[] rows, int base, int o, float[] dst, int at, int ldc, boolean narrow) {
            if (narrow) {
                oneVector(rows, base, o, dst, at, ldc);
            } else {
                twoVectors(rows, base, o, dst, at, ldc);
            }
        }

        /// Scratch rows `[r0, r1)` of every channel: zeros, with input row `r - padTop` copied in where there is one.
        private void fill(float[] rows, int r0, int r1) {
            int row = scratch.scratchRow();
            int inSize = window.height() * window.width();
            for (int c = 0; c < channels; c++) {
                for (int r = r0; r < r1; r++) {
                    int dst = c * plane + r * row;
                    java.util.Arrays.fill(rows, dst, dst + row, 0f);
                    int iy = r - window.padTop();
                    if (iy >= 0 && iy < window.height()) {
                        scratch.fillRow(x, xOff + c * inSize + iy * window.width(), rows, dst);
                    }
                }
            }
        }

        /// Output channels `[o, o + MR)` (the packed weights' zero rows past the last channel included) at the 2 x
        /// `L` outputs whose inputs for weight column `p` start at `rows[base + depthOffsets[p]]`, stored to
        /// `dst[at]` on, rows `ldc` apart.
        private void twoVectors(float[] rows, int base, int o, float[] dst, int at, int ldc) {
            int m = weights.rows();
            int k = weights.depth();
            var a = weights.data();
            int ip = o / MR;
            FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
            c00 = c01 = FloatVector.broadcast(S, start(o));
            c10 = c11 = FloatVector.broadcast(S, start(o + 1));
            c20 = c21 = FloatVector.broadcast(S, start(o + 2));
            c30 = c31 = FloatVector.broadcast(S, start(o + 3));
            c40 = c41 = FloatVector.broadcast(S, start(o + 4));
            c50 = c51 = FloatVector.broadcast(S, start(o + 5));
            c60 = c61 = FloatVector.broadcast(S, start(o + 6));
            c70 = c71 = FloatVector.broadcast(S, start(o + 7));
            for (int pc = 0, step = GemmDriver.depthStep(k); pc < k; pc += step) {
                int kc = Math.min(step, k - pc);
                int ai = Packing.offsetA(m, k, ip, pc);
                for (int p = pc; p < pc + kc; p++, ai += MR) {
                    int bi = base + depthOffsets[p];
                    var b0 = FloatVector.fromArray(S, rows, bi);
                    var b1 = FloatVector.fromArray(S, rows, bi + L);
                    var w = FloatVector.broadcast(S, a[ai]);
                    c00 = w.fma(b0, c00);
                    c01 = w.fma(b1, c01);
                    w = FloatVector.broadcast(S, a[ai + 1]);
                    c10 = w.fma(b0, c10);
                    c11 = w.fma(b1, c11);
                    w = FloatVector.broadcast(S, a[ai + 2]);
                    c20 = w.fma(b0, c20);
                    c21 = w.fma(b1, c21);
                    w = FloatVector.broadcast(S, a[ai + 3]);
                    c30 = w.fma(b0, c30);
                    c31 = w.fma(b1, c31);
                    w = FloatVector.broadcast(S, a[ai + 4]);
                    c40 = w.fma(b0, c40);
                    c41 = w.fma(b1, c41);
                    w = FloatVector.broadcast(S, a[ai + 5]);
                    c50 = w.fma(b0, c50);
                    c51 = w.fma(b1, c51);
                    w = FloatVector.broadcast(S, a[ai + 6]);
                    c60 = w.fma(b0, c60);
                    c61 = w.fma(b1, c61);
                    w = FloatVector.broadcast(S, a[ai + 7]);
                    c70 = w.fma(b0, c70);
                    c71 = w.fma(b1, c71);
                }
            }
            var high = FloatVector.broadcast(S, hi);
            var low = FloatVector.broadcast(S, lo);
            c00.blend(high, c00.compare(VectorOperators.GT, high)).blend(low, c00.compare(VectorOperators.LT, low)).intoArray(dst, at);
            c01.blend(high, c01.compare(VectorOperators.GT, high)).blend(low, c01.compare(VectorOperators.LT, low)).intoArray(dst, at + L);
            c10.blend(high, c10.compare(VectorOperators.GT, high)).blend(low, c10.compare(VectorOperators.LT, low)).intoArray(dst, at + ldc);
            c11.blend(high, c11.compare(VectorOperators.GT, high)).blend(low, c11.compare(VectorOperators.LT, low)).intoArray(dst, at + ldc + L);
            c20.blend(high, c20.compare(VectorOperators.GT, high)).blend(low, c20.compare(VectorOperators.LT, low)).intoArray(dst, at + 2 * ldc);
            c21.blend(high, c21.compare(VectorOperators.GT, high)).blend(low, c21.compare(VectorOperators.LT, low)).intoArray(dst, at + 2 * ldc + L);
            c30.blend(high, c30.compare(VectorOperators.GT, high)).blend(low, c30.compare(VectorOperators.LT, low)).intoArray(dst, at + 3 * ldc);
            c31.blend(high, c31.compare(VectorOperators.GT, high)).blend(low, c31.compare(VectorOperators.LT, low)).intoArray(dst, at + 3 * ldc + L);
            c40.blend(high, c40.compare(VectorOperators.GT, high)).blend(low, c40.compare(VectorOperators.LT, low)).intoArray(dst, at + 4 * ldc);
            c41.blend(high, c41.compare(VectorOperators.GT, high)).blend(low, c41.compare(VectorOperators.LT, low)).intoArray(dst, at + 4 * ldc + L);
            c50.blend(high, c50.compare(VectorOperators.GT, high)).blend(low, c50.compare(VectorOperators.LT, low)).intoArray(dst, at + 5 * ldc);
            c51.blend(high, c51.compare(VectorOperators.GT, high)).blend(low, c51.compare(VectorOperators.LT, low)).intoArray(dst, at + 5 * ldc + L);
            c60.blend(high, c60.compare(VectorOperators.GT, high)).blend(low, c60.compare(VectorOperators.LT, low)).intoArray(dst, at + 6 * ldc);
            c61.blend(high, c61.compare(VectorOperators.GT, high)).blend(low, c61.compare(VectorOperators.LT, low)).intoArray(dst, at + 6 * ldc + L);
            c70.blend(high, c70.compare(VectorOperators.GT, high)).blend(low, c70.compare(VectorOperators.LT, low)).intoArray(dst, at + 7 * ldc);
            c71.blend(high, c71.compare(VectorOperators.GT, high)).blend(low, c71.compare(VectorOperators.LT, low)).intoArray(dst, at + 7 * ldc + L);
        }

        /// As [#twoVectors] for the `L` outputs at `base` only.
        private void oneVector(float[] rows, int base, int o, float[] dst, int at, int ldc) {
            int m = weights.rows();
            int k = weights.depth();
            var a = weights.data();
            int ip = o / MR;
            var c0 = FloatVector.broadcast(S, start(o));
            var c1 = FloatVector.broadcast(S, start(o + 1));
            var c2 = FloatVector.broadcast(S, start(o + 2));
            var c3 = FloatVector.broadcast(S, start(o + 3));
            var c4 = FloatVector.broadcast(S, start(o + 4));
            var c5 = FloatVector.broadcast(S, start(o + 5));
            var c6 = FloatVector.broadcast(S, start(o + 6));
            var c7 = FloatVector.broadcast(S, start(o + 7));
            for (int pc = 0, step = GemmDriver.depthStep(k); pc < k; pc += step) {
                int kc = Math.min(step, k - pc);
                int ai = Packing.offsetA(m, k, ip, pc);
                for (int p = pc; p < pc + kc; p++, ai += MR) {
                    var b = FloatVector.fromArray(S, rows, base + depthOffsets[p]);
                    c0 = FloatVector.broadcast(S, a[ai]).fma(b, c0);
                    c1 = FloatVector.broadcast(S, a[ai + 1]).fma(b, c1);
                    c2 = FloatVector.broadcast(S, a[ai + 2]).fma(b, c2);
                    c3 = FloatVector.broadcast(S, a[ai + 3]).fma(b, c3);
                    c4 = FloatVector.broadcast(S, a[ai + 4]).fma(b, c4);
                    c5 = FloatVector.broadcast(S, a[ai + 5]).fma(b, c5);
                    c6 = FloatVector.broadcast(S, a[ai + 6]).fma(b, c6);
                    c7 = FloatVector.broadcast(S, a[ai + 7]).fma(b, c7);
                }
            }
            var high = FloatVector.broadcast(S, hi);
            var low = FloatVector.broadcast(S, lo);
            c0.blend(high, c0.compare(VectorOperators.GT, high)).blend(low, c0.compare(VectorOperators.LT, low)).intoArray(dst, at);
            c1.blend(high, c1.compare(VectorOperators.GT, high)).blend(low, c1.compare(VectorOperators.LT, low)).intoArray(dst, at + ldc);
            c2.blend(high, c2.compare(VectorOperators.GT, high)).blend(low, c2.compare(VectorOperators.LT, low)).intoArray(dst, at + 2 * ldc);
            c3.blend(high, c3.compare(VectorOperators.GT, high)).blend(low, c3.compare(VectorOperators.LT, low)).intoArray(dst, at + 3 * ldc);
            c4.blend(high, c4.compare(VectorOperators.GT, high)).blend(low, c4.compare(VectorOperators.LT, low)).intoArray(dst, at + 4 * ldc);
            c5.blend(high, c5.compare(VectorOperators.GT, high)).blend(low, c5.compare(VectorOperators.LT, low)).intoArray(dst, at + 5 * ldc);
            c6.blend(high, c6.compare(VectorOperators.GT, high)).blend(low, c6.compare(VectorOperators.LT, low)).intoArray(dst, at + 6 * ldc);
            c7.blend(high, c7.compare(VectorOperators.GT, high)).blend(low, c7.compare(VectorOperators.LT, low)).intoArray(dst, at + 7 * ldc);
        }

        /// Where output channel `o`'s sums start: its bias, zero without one or past the last channel.
        private float start(int o) {
            return bias == null || o >= weights.rows() ? 0f : bias[biasOff + o];
        }
    }
}
