package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import static dev.loupe.executor.simd.MicroKernels.NR;

/// Float 3x3 convolution with unit strides and dilations by Winograd's minimal filtering `F(2x2, 3x3)` (Lavin
/// and Gray, "Fast Algorithms for Convolutional Neural Networks", 2015). Each 2x2 block of outputs (a *tile*)
/// is `A^T [(G g G^T) ⊙ (B^T d B)] A` for the 3x3 filter `g` and the 4x4 block of inputs `d` under the tile, so
/// that a tile costs 16 products per input channel instead of 36. Summed over the input channels, the 16
/// elementwise products become 16 independent matrix products, one per element `e` of the transformed 4x4
/// block: `M_e (outChannels x tiles) = U_e (outChannels x channels) · V_e (channels x tiles)`, which run on the
/// packed micro-kernels of [Sgemm]. A call makes three passes over each block of tiles (a thread takes whole
/// blocks, or the passes of one block are split across the threads, see [#forward]):
///
/// 1. input transform, channel by channel: `V_e` for every tile, written in the packed column layout;
/// 2. the 16 products (each part takes whole products, so it reads only its share of the filters);
/// 3. output transform, output channel by output channel, from the bias and clamped as stored.
///
/// The transforms (with `G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1]`, `B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0;
/// 0 1 0 -1]`, `A^T = [1 1 1 0; 0 1 -1 -1]`) only add, subtract and halve, so the results differ from a direct
/// sum by rounding alone, of the order of the direct sum's own.
///
/// Vector kernels only (callers check [#suits]); thread-safe, [Filters] immutable.
public final class Winograd {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, i -> 2 * i);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(S, i -> 2 * i + 1);
    /// Interleaves the first halves of two vectors (`a0 b0 a1 b1 ...`), and their second halves.
    private static final VectorShuffle<Float> ZIP_LOW = VectorShuffle.fromOp(S, i -> i % 2 == 0 ? i / 2 : L + i / 2);
    private static final VectorShuffle<Float> ZIP_HIGH = VectorShuffle.fromOp(S, i -> i % 2 == 0 ? L / 2 + i / 2 : L + L / 2 + i / 2);
    /// Elements of a transformed 4x4 block, hence products per call.
    private static final int BLOCK = 16;
    /// Floats of transformed inputs and products a block of tiles may take (half of a 1 MiB L2, the rest being
    /// for the filters streaming past).
    private static final int L2_BUDGET = 1 << 17;

    private Winograd() {
    }

    /// The transformed filters `U_e = G g G^T` of a layer, each packed as the left operand of its product.
    public static final class Filters {
        private final PackedA[] products;
        private final int outChannels;
        private final int channels;

        private Filters(PackedA[] products, int outChannels, int channels) {
            this.products = products;
            this.outChannels = outChannels;
            this.channels = channels;
        }

        public int outChannels() {
            return outChannels;
        }

        public int channels() {
            return channels;
        }
    }

    /// Whether this class computes anything here: the vector kernels are on.
    public static boolean available() {
        return VectorSupport.ENABLED;
    }

    /// Whether `window` suits and has enough tiles for the method to pay: at least a column panel of the
    /// products (with fewer, most of each product's work is padding, and the filters, 16/9 the size of the
    /// weights, take longer to stream than the direct product).
    public static boolean pays(Window2d window) {
        return suits(window) && (long) ((window.outHeight() + 1) / 2) * ((window.outWidth() + 1) / 2) >= NR;
    }

    /// Whether `window` is one this class computes: vector kernels on, a 3x3 kernel, unit strides and
    /// dilations (any padding).
    public static boolean suits(Window2d window) {
        return VectorSupport.ENABLED && window.kernelHeight() == 3 && window.kernelWidth() == 3 && window.strideY() == 1
                && window.strideX() == 1 && window.dilationY() == 1 && window.dilationX() == 1
                && window.padTop() >= 0 && window.padLeft() >= 0;
    }

    /// Transforms `outChannels` filters of `channels x 3 x 3` weights each, from `w[off]` on (in `double`, so that
    /// the halving and sums round once).
    public static Filters filters(float[] w, int off, int outChannels, int channels) {
        int size = Math.multiplyExact(outChannels, channels);
        var u = new float[Math.multiplyExact(BLOCK, size)];
        var t = new double[12];
        for (int o = 0; o < outChannels; o++) {
            for (int c = 0; c < channels; c++) {
                int g = off + (o * channels + c) * 9;
                for (int col = 0; col < 3; col++) {
                    double g0 = w[g + col];
                    double g1 = w[g + 3 + col];
                    double g2 = w[g + 6 + col];
                    t[col] = g0;
                    t[3 + col] = (g0 + g1 + g2) / 2;
                    t[6 + col] = (g0 - g1 + g2) / 2;
                    t[9 + col] = g2;
                }
                for (int row = 0; row < 4; row++) {
                    double a = t[row * 3];
                    double b = t[row * 3 + 1];
                    double c2 = t[row * 3 + 2];
                    int at = (row * 4) * size + o * channels + c;
                    u[at] = (float) a;
                    u[at + size] = (float) ((a + b + c2) / 2);
                    u[at + 2 * size] = (float) ((a - b + c2) / 2);
                    u[at + 3 * size] = (float) c2;
                }
            }
        }
        var products = new PackedA[BLOCK];
        for (int e = 0; e < BLOCK; e++) {
            products[e] = PackedA.of(u, e * size, outChannels, channels, channels, 1, 1f);
        }
        return new Filters(products, outChannels, channels);
    }

    /// `out[o] = clamp(bias[biasOff + o] + sum over c of conv3x3(x[c], w[o, c]))` for one image: `x` holds the
    /// `filters.channels()` input planes of `window` from `xOff`, `out` the output planes from `outOff`. `bias`
    /// and `clamp` may be `null`.
    ///
    /// With at least two blocks of tiles per part, blocks small enough for their transformed inputs and
    /// products to stay in L2 between the passes, each part takes whole blocks and makes the three passes on its
    /// own. Otherwise all the tiles make one block, each pass split across the parts as described above (the
    /// passes then read what other cores wrote, so smaller blocks would only add synchronization).
    public static void forward(Window2d window, float[] x, int xOff, Filters filters, float[] bias, int biasOff, Clamp clamp,
                               float[] out, int outOff, int threads) {
        if (!suits(window)) {
            throw new IllegalArgumentException("not a 3x3 window with unit strides and dilations: " + window);
        }
        var layer = new Layer(new Tiles(window), x, xOff, filters, bias, biasOff, clamp, out, outOff);
        int c = filters.channels;
        int m = filters.outChannels;
        int count = layer.tiles.count;
        int block = Math.max(1, L2_BUDGET / (BLOCK * (c + m)) / NR) * NR;
        int blocks = (count + block - 1) / block;
        int parts = WorkerPool.parts(BLOCK * 2.0 * m * c * count, Sgemm.MIN_FLOPS_PER_PART, threads, blocks);
        if (parts == 1 || blocks >= 2 * parts) {
            WorkerPool.runChunks(parts, blocks, 1, (first, last) -> {
                var ws = Workspace.current();
                for (int b = first; b < last; b++) {
                    int t0 = b * block;
                    layer.block(t0, Math.min(count, t0 + block), ws, 1);
                }
            });
            return;
        }
        layer.block(0, count, Workspace.current(), threads);
    }

    /// One call's operands.
    private record Layer(Tiles tiles, float[] x, int xOff, Filters filters, float[] bias, int biasOff, Clamp clamp,
                         float[] out, int outOff) {

        /// Tiles `[t0, t1)` (`t0` a multiple of `NR`), the three passes each split into at most `threads` parts,
        /// in the buffers of `ws` (the calling thread's, shared with the parts it waits for).
        void block(int t0, int t1, Workspace ws, int threads) {
            int c = filters.channels;
            int m = filters.outChannels;
            int n = t1 - t0;
            int columnsSize = Packing.sizeB(c, n);
            var columns = ws.winogradColumns(BLOCK * columnsSize);
            // Room past the last product for whole vector loads of the last tiles.
            var products = ws.winogradProducts(BLOCK * m * n + L);
            int inputParts = WorkerPool.parts(BLOCK * 8.0 * c * n, Sgemm.MIN_FLOPS_PER_PART / 8, threads, c);
            WorkerPool.runChunks(inputParts, c, 1, (c0, c1) -> transformInput(tiles, x, xOff, c, c0, c1, t0, t1, columns,
                    columnsSize));
            int productParts = WorkerPool.parts(BLOCK * 2.0 * m * c * n, Sgemm.MIN_FLOPS_PER_PART, threads, BLOCK);
            WorkerPool.runChunks(productParts, BLOCK, 1, (e0, e1) -> {
                var own = Workspace.current();
                for (int e = e0; e < e1; e++) {
                    GemmDriver.packed(filters.products[e].data(), m, c, 0, m, columns, e * columnsSize, 0, n, products,
                            e * m * n, n, false, null, 0, null, own);
                }
            });
            int outputParts = WorkerPool.parts(BLOCK * 4.0 * m * n, Sgemm.MIN_FLOPS_PER_PART / 8, threads, m);
            float lo = clamp == null ? Float.NEGATIVE_INFINITY : clamp.lo();
            float hi = clamp == null ? Float.POSITIVE_INFINITY : clamp.hi();
            WorkerPool.runChunks(outputParts, m, 1, (o0, o1) -> {
                var scratch = Workspace.current().tile();
                for (int o = o0; o < o1; o++) {
                    transformOutput(tiles, products, o * n, m * n, t0, t1, bias == null ? 0f : bias[biasOff + o], lo, hi,
                            out, outOff + o * tiles.outSize, scratch);
                }
            });
        }
    }

    /// The tiles of a window: `rows x cols` of them, `count` in all, numbered row by row; and the scratch
    /// layout of an input plane split into its even and odd columns ("phases"), padded with zeros so that
    /// tile `(ty, tx)` reads rows `2 ty .. 2 ty + 3`, phase columns `tx` and `tx + 1`, and whole vectors from any
    /// column of tiles.
    private static final class Tiles {
        final Window2d window;
        final int rows;
        final int cols;
        final int count;
        final int outSize;
        /// Floats per phase row, a multiple of the vector length.
        final int pitch;
        /// Rows of a phase plane.
        final int planeRows;
        /// Floats of a zero-padded input row: every column the phase rows read.
        final int lineLength;

        Tiles(Window2d window) {
            this.window = window;
            this.rows = (window.outHeight() + 1) / 2;
            this.cols = (window.outWidth() + 1) / 2;
            this.count = Math.multiplyExact(rows, cols);
            this.outSize = window.outHeight() * window.outWidth();
            this.pitch = (cols + 1 + L + L - 1) / L * L;
            this.planeRows = 2 * rows + 2;
            this.lineLength = Math.max(2 * pitch + L, window.padLeft() + window.width());
        }
    }

    /// Input channels `[c0, c1)`, tiles `[t0, t1)`: the rows of each plane under those tiles copied into its
    /// phases, the rows of tiles that hold them transformed into this thread's staging rows (one per element
    /// `e`, from the first tile of the first of those rows), then copied panel by panel into the packed columns
    /// of product `e` (`columnsSize` floats apart) at the channel's row.
    private static void transformInput(Tiles shape, float[] x, int xOff, int channels, int c0, int c1, int t0, int t1,
                                       float[] columns, int columnsSize) {
        var w = shape.window;
        int ty0 = t0 / shape.cols;
        int ty1 = (t1 - 1) / shape.cols + 1;
        int panels = Packing.panelsB(t1 - t0);
        int skip = t0 - ty0 * shape.cols;
        int stagedRow = (ty1 - ty0) * shape.cols + NR + L;
        int plane = shape.planeRows * shape.pitch;
        int line = 2 * plane;
        int staged = line + shape.lineLength;
        var scratch = Workspace.current().winogradScratch(staged + BLOCK * stagedRow);
        java.util.Arrays.fill(scratch, line, staged, 0f);
        int inSize = w.height() * w.width();
        for (int c = c0; c < c1; c++) {
            fillPhases(shape, x, xOff + c * inSize, 2 * ty0, 2 * ty1 + 2, scratch, plane, line);
            for (int ty = ty0; ty < ty1; ty++) {
                for (int tx = 0; tx < shape.cols; tx += L) {
                    transformTiles(shape, scratch, plane, ty, tx, staged + (ty - ty0) * shape.cols + tx, stagedRow);
                }
            }
            for (int jj = 0; jj < panels; jj++) {
                for (int e = 0; e < BLOCK; e++) {
                    int from = staged + e * stagedRow + skip + jj * NR;
                    int to = e * columnsSize + (jj * channels + c) * NR;
                    FloatVector.fromArray(S, scratch, from).intoArray(columns, to);
                    FloatVector.fromArray(S, scratch, from + L).intoArray(columns, to + L);
                }
            }
        }
    }

    /// Copies rows `[r0, r1)` of the plane at `src` into the even phase (`scratch[0, plane)`) and the odd phase
    /// (`scratch[plane, 2 plane)`): phase row `r`, column `i` holds input `(r - padTop, 2 i + phase - padLeft)`,
    /// zero outside the input. Each input row goes through `scratch[line]`, a row padded with zeros
    /// ([Tiles#lineLength]), so that every vector load is whole.
    private static void fillPhases(Tiles shape, float[] x, int src, int r0, int r1, float[] scratch, int plane, int line) {
        var w = shape.window;
        int width = w.width();
        for (int r = r0; r < r1; r++) {
            int row = r * shape.pitch;
            int h = r - w.padTop();
            if (h < 0 || h >= w.height()) {
                java.util.Arrays.fill(scratch, row, row + shape.pitch, 0f);
                java.util.Arrays.fill(scratch, plane + row, plane + row + shape.pitch, 0f);
                continue;
            }
            System.arraycopy(x, src + h * width, scratch, line + w.padLeft(), width);
            for (int i = 0; i < shape.pitch; i += L) {
                var first = FloatVector.fromArray(S, scratch, line + 2 * i);
                var second = FloatVector.fromArray(S, scratch, line + 2 * i + L);
                first.rearrange(EVEN, second).intoArray(scratch, row + i);
                first.rearrange(ODD, second).intoArray(scratch, plane + row + i);
            }
        }
    }

    /// `V = B^T d B` for the `L` tiles from `(ty, tx)` on: element `e` of each to `scratch[to + e * stagedRow]`
    /// on. Lanes past the last column of tiles are stored too, where the next row of tiles goes (it overwrites
    /// them) or, after the last, past the tiles (the products ignore columns past the last).
    private static void transformTiles(Tiles shape, float[] scratch, int plane, int ty, int tx, int to, int stagedRow) {
        int p = shape.pitch;
        int r0 = 2 * ty * p + tx;
        // Row r of the block: d0 d1 d2 d3 = even[c], odd[c], even[c + 1], odd[c + 1]; t = d B (per row).
        var t00 = FloatVector.fromArray(S, scratch, r0).sub(FloatVector.fromArray(S, scratch, r0 + 1));
        var t01 = FloatVector.fromArray(S, scratch, plane + r0).add(FloatVector.fromArray(S, scratch, r0 + 1));
        var t02 = FloatVector.fromArray(S, scratch, r0 + 1).sub(FloatVector.fromArray(S, scratch, plane + r0));
        var t03 = FloatVector.fromArray(S, scratch, plane + r0).sub(FloatVector.fromArray(S, scratch, plane + r0 + 1));
        int r1 = r0 + p;
        var t10 = FloatVector.fromArray(S, scratch, r1).sub(FloatVector.fromArray(S, scratch, r1 + 1));
        var t11 = FloatVector.fromArray(S, scratch, plane + r1).add(FloatVector.fromArray(S, scratch, r1 + 1));
        var t12 = FloatVector.fromArray(S, scratch, r1 + 1).sub(FloatVector.fromArray(S, scratch, plane + r1));
        var t13 = FloatVector.fromArray(S, scratch, plane + r1).sub(FloatVector.fromArray(S, scratch, plane + r1 + 1));
        int r2 = r1 + p;
        var t20 = FloatVector.fromArray(S, scratch, r2).sub(FloatVector.fromArray(S, scratch, r2 + 1));
        var t21 = FloatVector.fromArray(S, scratch, plane + r2).add(FloatVector.fromArray(S, scratch, r2 + 1));
        var t22 = FloatVector.fromArray(S, scratch, r2 + 1).sub(FloatVector.fromArray(S, scratch, plane + r2));
        var t23 = FloatVector.fromArray(S, scratch, plane + r2).sub(FloatVector.fromArray(S, scratch, plane + r2 + 1));
        int r3 = r2 + p;
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

    /// One output channel, tiles `[t0, t1)`: `Y = A^T M A` for each, plus `bias`, bounded by `[lo, hi]`, stored
    /// to the output plane at `out[at]` (the bottom row and right column of tiles cut at the plane's edge). The
    /// channel's products are at `products[first + e * stride + t - t0]`.
    private static void transformOutput(Tiles shape, float[] products, int first, int stride, int t0, int t1, float bias,
                                        float lo, float hi, float[] out, int at, float[] scratch) {
        int width = shape.window.outWidth();
        int height = shape.window.outHeight();
        var low = FloatVector.broadcast(S, lo);
        var high = FloatVector.broadcast(S, hi);
        for (int ty = t0 / shape.cols, ty1 = (t1 - 1) / shape.cols; ty <= ty1; ty++) {
            int rowStart = ty * shape.cols;
            int txEnd = Math.min(shape.cols, t1 - rowStart);
            for (int tx = Math.max(0, t0 - rowStart); tx < txEnd; tx += L) {
                int i = first + rowStart + tx - t0;
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
                int ox = 2 * tx;
                int top = at + 2 * ty * width + ox;
                boolean second = 2 * ty + 1 < height;
                int valid = Math.min(width - ox, 2 * (txEnd - tx));
                if (valid >= 2 * L) {
                    y00.rearrange(ZIP_LOW, y01).intoArray(out, top);
                    y00.rearrange(ZIP_HIGH, y01).intoArray(out, top + L);
                    if (second) {
                        y10.rearrange(ZIP_LOW, y11).intoArray(out, top + width);
                        y10.rearrange(ZIP_HIGH, y11).intoArray(out, top + width + L);
                    }
                } else {
                    // The last columns of the row or block: through the scratch, as a masked store could reach
                    // past `out`.
                    y00.rearrange(ZIP_LOW, y01).intoArray(scratch, 0);
                    y00.rearrange(ZIP_HIGH, y01).intoArray(scratch, L);
                    y10.rearrange(ZIP_LOW, y11).intoArray(scratch, 2 * L);
                    y10.rearrange(ZIP_HIGH, y11).intoArray(scratch, 3 * L);
                    System.arraycopy(scratch, 0, out, top, valid);
                    if (second) {
                        System.arraycopy(scratch, 2 * L, out, top + width, valid);
                    }
                }
            }
        }
    }
}
