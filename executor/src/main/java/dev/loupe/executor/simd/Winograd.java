package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

import static dev.loupe.executor.simd.MicroKernels.NR;
import static dev.loupe.executor.simd.VectorSupport.EVEN;
import static dev.loupe.executor.simd.VectorSupport.ODD;

/// Float 3x3 convolution with unit strides and dilations by one of Winograd's minimal filtering algorithms,
/// `F(2x2, 3x3)` or `F(4x4, 3x3)` ([WinogradTransform]; Lavin and Gray, "Fast Algorithms for Convolutional
/// Neural Networks", 2015). Each `T x T` block of outputs (a *tile*) is `A^T [(G g G^T) ⊙ (B^T d B)] A` for
/// the 3x3 filter `g` and the block of inputs `d` under the tile, so that a tile costs `(T + 2)^2` products per
/// input channel instead of `9 T^2`. Summed over the input channels, the elementwise products become
/// `(T + 2)^2` independent matrix products, one per element `e` of a transformed block: `M_e (outChannels x
/// tiles) = U_e (outChannels x channels) · V_e (channels x tiles)`, which run on the packed micro-kernels of
/// [Sgemm]. A call makes three passes over each block of tiles (a thread takes whole blocks, or the passes of
/// one block are split across the threads, see [#forward]):
///
/// 1. input transform, channel by channel: `V_e` for every tile, written in the packed column layout;
/// 2. the products, element by element (a block shared by output channels: for the part's channels only, so
///    that it reads only its share of the filters);
/// 3. output transform, output channel by output channel, from the bias and clamped as stored.
///
/// [#tileFor] picks the algorithm for a window: `F(4x4, 3x3)` needs fewer products per output and moves less
/// data, but its filters take 4 times the weights' memory (16/9 for `F(2x2, 3x3)`) and its tiles fill fewer
/// column panels of the products.
///
/// Vector kernels only (callers check [#suits]); thread-safe, [Filters] immutable.
public final class Winograd {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;
    /// Floats of transformed inputs and products a block of tiles may take (half of a 1 MiB L2, the rest being
    /// for the filters streaming past).
    private static final int L2_BUDGET = 1 << 17;
    /// Input channels transformed into the staging rows before they are copied into the packed columns together.
    private static final int STAGED_CHANNELS = 8;
    /// At most this many floats of staging rows (fewer channels where a call's rows of tiles are long).
    private static final int STAGING_BUDGET = 1 << 15;
    /// At most this many floats of transformed inputs and products for a layer split across threads to run as one
    /// block, its passes split (see [#forward]): ResNet-18's 56² layers (0.97 M floats) at two threads took 7-17%
    /// less time this way than in whole blocks per part, in the model; a layer of 128 channels at 56² (1.9 M) took
    /// 8% longer this way in isolation, one of 64 channels at 112² (3.9 M) 13% longer.
    private static final int SPLIT_PASSES_BUDGET = 1 << 20;
    /// How much fewer padded column products `F(4x4, 3x3)` must compute to be chosen, against its larger filters.
    private static final double LARGER_TILES_GAIN = 0.8;

    private Winograd() {
    }

    /// The transformed filters `U_e = G g G^T` of a layer, each packed as the left operand of its product.
    public static final class Filters {
        private final WinogradTransform transform;
        private final PackedA[] products;
        private final int outChannels;
        private final int channels;

        private Filters(WinogradTransform transform, PackedA[] products, int outChannels, int channels) {
            this.transform = transform;
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

        /// Outputs per tile side: 2 or 4.
        public int tile() {
            return transform.tile();
        }
    }

    /// Whether this class computes anything here: the vector kernels are on.
    public static boolean available() {
        return VectorSupport.ENABLED;
    }

    /// Whether `window` suits and has enough tiles for the method to pay: at least a column panel of the
    /// products in `2x2` tiles (with fewer, most of each product's work is padding, and the filters, 16/9 the
    /// size of the weights, take longer to stream than the direct product).
    public static boolean pays(Window2d window) {
        return suits(window) && tiles(window, 2) >= NR;
    }

    /// The tile side for `window` (2 or 4): 4 when its products, padded to whole column panels, take clearly
    /// fewer multiplications than with 2 (e.g. 1,152 against 1,024 column products at 14², 2,304 against
    /// 3,584 at 28²).
    public static int tileFor(Window2d window) {
        double small = (double) WinogradF2.INSTANCE.elements() * ((tiles(window, 2) + NR - 1) / NR);
        double large = (double) WinogradF4.INSTANCE.elements() * ((tiles(window, 4) + NR - 1) / NR);
        return large < LARGER_TILES_GAIN * small ? 4 : 2;
    }

    private static long tiles(Window2d window, int tile) {
        return (long) ((window.outHeight() + tile - 1) / tile) * ((window.outWidth() + tile - 1) / tile);
    }

    /// Whether `window` is one this class computes: vector kernels on, a 3x3 kernel, unit strides and
    /// dilations (any padding).
    public static boolean suits(Window2d window) {
        return VectorSupport.ENABLED && window.kernelHeight() == 3 && window.kernelWidth() == 3 && window.strideY() == 1
                && window.strideX() == 1 && window.dilationY() == 1 && window.dilationX() == 1
                && window.padTop() >= 0 && window.padLeft() >= 0;
    }

    /// Transforms `outChannels` filters of `channels x 3 x 3` weights each, from `w[off]` on, for tiles of
    /// `tile x tile` outputs (2 or 4; in `double`, so that each transformed weight rounds once).
    public static Filters filters(float[] w, int off, int outChannels, int channels, int tile) {
        WinogradTransform transform = switch (tile) {
            case 2 -> WinogradF2.INSTANCE;
            case 4 -> WinogradF4.INSTANCE;
            default -> throw new IllegalArgumentException("no Winograd algorithm for " + tile + "x" + tile + " tiles");
        };
        int size = Math.multiplyExact(outChannels, channels);
        int elements = transform.elements();
        var u = new float[Math.multiplyExact(elements, size)];
        var g = new double[9];
        for (int o = 0; o < outChannels; o++) {
            for (int c = 0; c < channels; c++) {
                int from = off + (o * channels + c) * 9;
                for (int i = 0; i < 9; i++) {
                    g[i] = w[from + i];
                }
                transform.filter(g, u, o * channels + c, size);
            }
        }
        var products = new PackedA[elements];
        for (int e = 0; e < elements; e++) {
            products[e] = PackedA.of(u, e * size, outChannels, channels, channels, 1, 1f);
        }
        return new Filters(transform, products, outChannels, channels);
    }

    /// `out[o] = clamp(bias[biasOff + o] + sum over c of conv3x3(x[c], w[o, c]))` for one image: `x` holds the
    /// `filters.channels()` input planes of `window` from `xOff`, `out` the output planes from `outOff`. `bias`
    /// and `clamp` may be `null`.
    ///
    /// On several threads, a layer whose transformed inputs and products take at most [#SPLIT_PASSES_BUDGET]
    /// floats runs as one block, its passes split across the parts: each part transforms the input channels and
    /// transforms back the output channels of its share, so that in a chain of such layers (and after a max
    /// pooling, also split by channels) each core reads the planes it wrote itself. A larger layer, with at
    /// least two blocks of tiles per part, blocks small enough for their transformed inputs and products to
    /// stay in L2 between the passes, has each part take whole blocks and make the three passes on its own; each
    /// block left over from an even share (there are fewer of them than parts) is shared by output channels,
    /// every part transforming its inputs itself ([Shares]), so that no part waits for another's last block or
    /// reads what another core wrote. Otherwise all the tiles make one block, its passes split across the parts
    /// (the products then read columns other cores wrote, so smaller blocks would only add synchronization).
    /// Blocks hold whole rows of tiles where one fits.
    public static void forward(Window2d window, float[] x, int xOff, Filters filters, float[] bias, int biasOff, Clamp clamp,
                               float[] out, int outOff, int threads) {
        if (!suits(window)) {
            throw new IllegalArgumentException("not a 3x3 window with unit strides and dilations: " + window);
        }
        var transform = filters.transform;
        var layer = new Layer(transform, new Tiles(window, transform.tile()), x, xOff, filters, bias, biasOff, clamp, out,
                outOff);
        int c = filters.channels;
        int m = filters.outChannels;
        int count = layer.tiles.count;
        int elements = transform.elements();
        int block = blockSize(layer.tiles, elements * (c + m));
        int blocks = (count + block - 1) / block;
        int parts = WorkerPool.parts(elements * 2.0 * m * c * count, Sgemm.MIN_FLOPS_PER_PART, threads, blocks);
        double transformed = (double) elements * (Packing.sizeB(c, count) + (double) m * count);
        if (parts > 1 && (transformed <= SPLIT_PASSES_BUDGET || blocks < 2 * parts)) {
            layer.block(0, count, Workspace.current(), threads);
            return;
        }
        var shares = new Shares(blocks, parts, Packing.panelsA(m));
        WorkerPool.runChunks(parts, shares.items(), 1, HeldColumns::new, (held, first, last) -> {
            for (int item = first; item < last; item++) {
                int t0 = shares.block(item) * block;
                int t1 = Math.min(count, t0 + block);
                if (shares.whole(item)) {
                    layer.block(t0, t1, Workspace.current(), 1);
                    held.firstTile = -1;
                } else {
                    layer.channelShare(t0, t1, shares.firstChannel(item), shares.channels(), held);
                }
            }
        });
    }

    /// Tiles per block: as many column panels as keep `floatsPerTile` floats of transformed inputs and products
    /// per tile within [#L2_BUDGET], cut down to whole rows of tiles where a row fits (a block ending inside a
    /// row would have both blocks fill and transform that row's inputs and outputs).
    private static int blockSize(Tiles tiles, int floatsPerTile) {
        int block = Math.max(1, L2_BUDGET / floatsPerTile / NR) * NR;
        return block >= tiles.cols ? block / tiles.cols * tiles.cols : block;
    }

    /// One call's operands.
    private record Layer(WinogradTransform transform, Tiles tiles, float[] x, int xOff, Filters filters, float[] bias,
                         int biasOff, Clamp clamp, float[] out, int outOff) {

        /// Tiles `[t0, t1)` in at most `threads` parts, in three passes: the input transform split by input channels
        /// into the packed columns in `ws` (the calling thread's, read by all the parts), the products split by
        /// element into the products buffer in `ws`, and the output transform split by output channels. Each pass
        /// is cut into many small chunks, so that a core the host runs slower for a while, or a worker that starts
        /// late, takes fewer of them; and each product reads only its own element's filters and columns. (Split
        /// by output channels instead, products and output transform together, every finer chunk read all the
        /// columns again, so each part took one half of the channels, and a slower core held up the call: ResNet-18's
        /// 28² and 14² layers at two threads took 10-15% longer.)
        void block(int t0, int t1, Workspace ws, int threads) {
            int c = filters.channels;
            int m = filters.outChannels;
            int n = t1 - t0;
            int elements = transform.elements();
            int columnsSize = Packing.sizeB(c, n);
            var columns = ws.winogradColumns(elements * columnsSize);
            int inputParts = WorkerPool.parts(elements * 8.0 * c * n, Sgemm.MIN_FLOPS_PER_PART / 8, threads, c);
            WorkerPool.runChunks(inputParts, c, 1, (c0, c1) -> transformInput(transform, tiles, x, xOff, c, c0, c1, t0, t1,
                    columns, columnsSize));
            // The products run on whole column panels, however few tiles the last one holds. Channel `o`'s product
            // for element `e` at `(e * m + o) * n`, room past the last for whole vector loads of the last tiles.
            int columnsRun = Packing.panelsB(n) * NR;
            int parts = WorkerPool.parts(elements * 2.0 * m * c * columnsRun, Sgemm.MIN_FLOPS_PER_PART, threads, elements);
            var products = ws.winogradProducts(elements * m * n + L);
            WorkerPool.runChunks(parts, elements, 1, (e0, e1) -> {
                var own = Workspace.current();
                for (int e = e0; e < e1; e++) {
                    GemmDriver.packed(filters.products[e].data(), m, c, 0, m, columns, e * columnsSize, 0, n, products,
                            e * m * n, n, false, null, 0, null, own);
                }
            });
            WorkerPool.runChunks(parts, m, 1, (o0, o1) -> {
                var scratch = Workspace.current().winogradScratch(transform.workSize());
                for (int o = o0; o < o1; o++) {
                    transformOutput(transform, tiles, products, o * n, m * n, t0, t1, bias == null ? 0f : bias[biasOff + o],
                            clamp, out, outOff + o * tiles.outSize, scratch);
                }
            });
        }

        /// Output channels `[o0, o0 + rows)` of tiles `[t0, t1)` on one thread, from the packed columns in `held`
        /// if they are these tiles', else from this thread's own input transform of them (kept in `held`).
        void channelShare(int t0, int t1, int o0, int rows, HeldColumns held) {
            int c = filters.channels;
            int m = filters.outChannels;
            if (o0 >= m) {
                return;
            }
            int columnsSize = Packing.sizeB(c, t1 - t0);
            if (held.firstTile != t0) {
                held.columns = Workspace.current().winogradColumns(transform.elements() * columnsSize);
                transformInput(transform, tiles, x, xOff, c, 0, c, t0, t1, held.columns, columnsSize);
                held.firstTile = t0;
            }
            productsAndOutput(o0, Math.min(m, o0 + rows), rows, held.columns, columnsSize, t0, t1);
        }

        /// Output channels `[o0, o1)` of tiles `[t0, t1)`, `rows` channels at a time (a multiple of `MR`): the
        /// products of every element for those channels into this thread's buffer, then transformed back into
        /// the output planes while they are still in its cache. A part so reads only its share of the filters
        /// and none of another core's products.
        private void productsAndOutput(int o0, int o1, int rows, float[] columns, int columnsSize, int t0, int t1) {
            int c = filters.channels;
            int m = filters.outChannels;
            int n = t1 - t0;
            int elements = transform.elements();
            var own = Workspace.current();
            // Room past the last product for whole vector loads of the last tiles.
            var products = own.winogradProducts(elements * rows * n + L);
            var scratch = own.winogradScratch(transform.workSize());
            for (int r0 = o0; r0 < o1; r0 += rows) {
                int r1 = Math.min(o1, r0 + rows);
                int stride = (r1 - r0) * n;
                for (int e = 0; e < elements; e++) {
                    // Channel `o`'s products for element `e` at `e * stride + (o - r0) * n`.
                    GemmDriver.packed(filters.products[e].data(), m, c, r0, r1, columns, e * columnsSize, 0, n, products,
                            e * stride - r0 * n, n, false, null, 0, null, own);
                }
                for (int o = r0; o < r1; o++) {
                    transformOutput(transform, tiles, products, (o - r0) * n, stride, t0, t1,
                            bias == null ? 0f : bias[biasOff + o], clamp, out, outOff + o * tiles.outSize, scratch);
                }
            }
        }
    }

    /// One thread's packed columns of a block's input transform, and the block's first tile (-1: none held).
    private static final class HeldColumns {
        int firstTile = -1;
        float[] columns;
    }

    /// The work of a call in whole blocks, as items: each part's even share of the blocks, then for each block
    /// left over (fewer than the parts) one share of its output channels, numbered part by part so that
    /// [WorkerPool#runChunks] gives each part its own. A part computes a left-over block's input transform
    /// itself, for all its channels, rather than reading columns another core wrote.
    private record Shares(int perPart, int left, int parts, int channels) {

        Shares(int blocks, int parts, int rowPanels) {
            this(blocks / parts, blocks % parts, parts, (rowPanels + parts - 1) / parts * MicroKernels.MR);
        }

        int items() {
            return parts * (perPart + left);
        }

        boolean whole(int item) {
            return item % (perPart + left) < perPart;
        }

        int block(int item) {
            int part = item / (perPart + left);
            int k = item % (perPart + left);
            return k < perPart ? part * perPart + k : parts * perPart + k - perPart;
        }

        /// The first output channel of a left-over item.
        int firstChannel(int item) {
            return item / (perPart + left) * channels;
        }
    }

    /// The tiles of a window: `rows x cols` of them, `count` in all, numbered row by row; and the scratch
    /// layout of an input plane split into `tile` phases (phase `p`, column `i` holds the padded input column
    /// `tile * i + p`), padded with zeros so that tile `(ty, tx)` reads rows `tile * ty .. tile * ty + tile + 1`,
    /// phase columns `tx` and `tx + 1`, and whole vectors from any column of tiles.
    private static final class Tiles {
        final Window2d window;
        final int tile;
        final int rows;
        final int cols;
        final int count;
        final int outSize;
        /// Floats per phase row, a multiple of the vector length.
        final int pitch;
        /// Rows of a phase plane.
        final int planeRows;

        Tiles(Window2d window, int tile) {
            this.window = window;
            this.tile = tile;
            this.rows = (window.outHeight() + tile - 1) / tile;
            this.cols = (window.outWidth() + tile - 1) / tile;
            this.count = Math.multiplyExact(rows, cols);
            this.outSize = window.outHeight() * window.outWidth();
            this.pitch = (cols + 1 + L + L - 1) / L * L;
            this.planeRows = tile * rows + 2;
        }
    }

    /// Input channels `[c0, c1)`, tiles `[t0, t1)`, [#STAGED_CHANNELS] channels at a time: the rows of each
    /// plane under those tiles copied into its phases, the tiles transformed into the channel's staging rows in
    /// this thread's scratch (one per element `e`, from the first tile of the first row of tiles); then the
    /// group's rows copied, product by product and panel by panel, into the packed columns of product `e`
    /// (`columnsSize` floats apart) at the channels' rows. A group fills a run of adjacent rows in each panel:
    /// a channel at a time, the copies wrote 128 bytes to each of dozens of places a product apart, and took
    /// twice as long.
    private static void transformInput(WinogradTransform transform, Tiles shape, float[] x, int xOff, int channels, int c0,
                                       int c1, int t0, int t1, float[] columns, int columnsSize) {
        var w = shape.window;
        int tile = shape.tile;
        int elements = transform.elements();
        int ty0 = t0 / shape.cols;
        int ty1 = (t1 - 1) / shape.cols + 1;
        int panels = Packing.panelsB(t1 - t0);
        int skip = t0 - ty0 * shape.cols;
        int stagedRow = (ty1 - ty0) * shape.cols + NR + L;
        int plane = shape.planeRows * shape.pitch;
        int staged = tile * plane;
        int slot = elements * stagedRow;
        int group = Math.clamp(STAGING_BUDGET / slot, 1, STAGED_CHANNELS);
        int work = staged + group * slot;
        var scratch = Workspace.current().winogradScratch(work + transform.workSize());
        int inSize = w.height() * w.width();
        clearPhases(shape, tile * ty0, tile * ty1 + 2, scratch, plane);
        for (int g0 = c0; g0 < c1; g0 += group) {
            int g1 = Math.min(c1, g0 + group);
            for (int c = g0; c < g1; c++) {
                fillPhases(shape, x, xOff + c * inSize, tile * ty0, tile * ty1 + 2, scratch, plane);
                int rows = staged + (c - g0) * slot;
                for (int ty = ty0; ty < ty1; ty++) {
                    int rowStart = ty * shape.cols;
                    for (int tx = Math.max(0, t0 - rowStart), txEnd = Math.min(shape.cols, t1 - rowStart); tx < txEnd; tx += L) {
                        transform.input(scratch, plane, shape.pitch, ty, tx, rows + (ty - ty0) * shape.cols + tx, stagedRow,
                                work);
                    }
                }
            }
            for (int e = 0; e < elements; e++) {
                for (int jj = 0; jj < panels; jj++) {
                    int from = staged + e * stagedRow + skip + jj * NR;
                    int to = e * columnsSize + (jj * channels + g0) * NR;
                    for (int c = g0; c < g1; c++, from += slot, to += NR) {
                        FloatVector.fromArray(S, scratch, from).intoArray(columns, to);
                        FloatVector.fromArray(S, scratch, from + L).intoArray(columns, to + L);
                    }
                }
            }
        }
    }

    /// Zeroes rows `[r0, r1)` of every phase. [#fillPhases] then writes the same places for every channel, so
    /// the padding rows and the columns past the input stay zero for all the channels of a call.
    private static void clearPhases(Tiles shape, int r0, int r1, float[] scratch, int plane) {
        for (int p = 0; p < shape.tile; p++) {
            java.util.Arrays.fill(scratch, p * plane + r0 * shape.pitch, p * plane + r1 * shape.pitch, 0f);
        }
    }

    /// Copies the rows of the plane at `src` under phase rows `[r0, r1)` into its phases (phase `p` at
    /// `scratch[p * plane]`): phase row `r`, column `i` of phase `p` holds input `(r - padTop, tile * i + p -
    /// padLeft)`. Each vector of a row is a masked load of the input columns it covers (lanes outside the row
    /// read nothing and are zero), split into the phases by two-vector shuffles. Rows in the padding and the
    /// vectors past the input's last column are left as they are (zero, see [#clearPhases]).
    private static void fillPhases(Tiles shape, float[] x, int src, int r0, int r1, float[] scratch, int plane) {
        var w = shape.window;
        int width = w.width();
        int left = w.padLeft();
        // Phase columns holding input columns, in whole vectors.
        int span = ((left + width + shape.tile - 1) / shape.tile + L - 1) / L * L;
        for (int r = Math.max(r0, w.padTop()), end = Math.min(r1, w.padTop() + w.height()); r < end; r++) {
            int row = r * shape.pitch;
            int h = r - w.padTop();
            if (shape.tile == 2) {
                splitRow2(x, src + h * width, width, left, scratch, row, plane, span);
            } else {
                splitRow4(x, src + h * width, width, left, scratch, row, plane, span);
            }
        }
    }

    // The row splits are methods of their own, small enough for C1 to compile with full profiling: inside
    // `fillPhases` the Vector API calls C1 inlines made it fail ("out of virtual registers"), which left the
    // method to slow, allocating code for seconds of a model's first runs.

    /// The input row at `x[from]` (`width` values, `left` zero columns before it) into the first `span` floats
    /// of phase rows `scratch[row]` (even columns) and `scratch[plane + row]` (odd columns).
    private static void splitRow2(float[] x, int from, int width, int left, float[] scratch, int row, int plane, int span) {
        for (int i = 0; i < span; i += L) {
            int c0 = 2 * i - left;
            var first = FloatVector.fromArray(S, x, from + c0, VectorMask.fromLong(S, VectorSupport.laneBits(c0, width)));
            var second = FloatVector.fromArray(S, x, from + c0 + L, VectorMask.fromLong(S, VectorSupport.laneBits(c0 + L, width)));
            first.rearrange(EVEN, second).intoArray(scratch, row + i);
            first.rearrange(ODD, second).intoArray(scratch, plane + row + i);
        }
    }

    /// As [#splitRow2] into four phase rows, `plane` floats apart: columns `4 i + p` to phase `p`.
    private static void splitRow4(float[] x, int from, int width, int left, float[] scratch, int row, int plane, int span) {
        for (int i = 0; i < span; i += L) {
            int c0 = 4 * i - left;
            var v0 = FloatVector.fromArray(S, x, from + c0, VectorMask.fromLong(S, VectorSupport.laneBits(c0, width)));
            var v1 = FloatVector.fromArray(S, x, from + c0 + L, VectorMask.fromLong(S, VectorSupport.laneBits(c0 + L, width)));
            var v2 = FloatVector.fromArray(S, x, from + c0 + 2 * L, VectorMask.fromLong(S, VectorSupport.laneBits(c0 + 2 * L, width)));
            var v3 = FloatVector.fromArray(S, x, from + c0 + 3 * L, VectorMask.fromLong(S, VectorSupport.laneBits(c0 + 3 * L, width)));
            var even01 = v0.rearrange(EVEN, v1);
            var odd01 = v0.rearrange(ODD, v1);
            var even23 = v2.rearrange(EVEN, v3);
            var odd23 = v2.rearrange(ODD, v3);
            even01.rearrange(EVEN, even23).intoArray(scratch, row + i);
            odd01.rearrange(EVEN, odd23).intoArray(scratch, plane + row + i);
            even01.rearrange(ODD, even23).intoArray(scratch, 2 * plane + row + i);
            odd01.rearrange(ODD, odd23).intoArray(scratch, 3 * plane + row + i);
        }
    }

    /// One output channel, tiles `[t0, t1)`: the channel's products (`products[first + e * stride + t - t0]`)
    /// transformed back, plus `bias`, bounded by `clamp`, stored to the output plane at `out[at]` (the bottom
    /// row and right column of tiles cut at the plane's edge).
    private static void transformOutput(WinogradTransform transform, Tiles shape, float[] products, int first, int stride,
                                        int t0, int t1, float bias, Clamp clamp, float[] out, int at, float[] scratch) {
        int tile = shape.tile;
        int width = shape.window.outWidth();
        int height = shape.window.outHeight();
        float lo = clamp == null ? Float.NEGATIVE_INFINITY : clamp.lo();
        float hi = clamp == null ? Float.POSITIVE_INFINITY : clamp.hi();
        for (int ty = t0 / shape.cols, ty1 = (t1 - 1) / shape.cols; ty <= ty1; ty++) {
            int rowStart = ty * shape.cols;
            int txEnd = Math.min(shape.cols, t1 - rowStart);
            int rows = Math.min(tile, height - tile * ty);
            for (int tx = Math.max(0, t0 - rowStart); tx < txEnd; tx += L) {
                int ox = tile * tx;
                int valid = Math.min(width - ox, tile * Math.min(L, txEnd - tx));
                transform.output(products, first + rowStart + tx - t0, stride, bias, lo, hi, out,
                        at + tile * ty * width + ox, width, rows, valid, scratch, 0);
            }
        }
    }
}
