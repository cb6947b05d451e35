package dev.loupe.executor.simd;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/// Runs the vector kernels on small made-up operands in a background thread, so that the JIT has compiled
/// them by the time a model first runs.
///
/// Until C2 has compiled a method, Vector API code runs a Java fallback tens of times slower than the
/// compiled loops, and the first run of a model pays for it: 2.4 s for ResNet-18 and 1.6 s for a 4-layer
/// encoder on the benchmark machine, against 50 ms and 30 ms warm. Started when the window opens, the
/// thread runs the kernels those models spend their time in (products with and without packed operands,
/// im2col, Winograd, the transposed product of deep layers, the direct stem kernel, depthwise and pooling
/// windows, elementwise rows, normalizations, reductions) until they run at compiled speed, then ends: about
/// two seconds of one core, while the user looks at the first model or picks another. It uses one thread
/// (never the shared workers) and its own operands, so nothing it does is visible to a session. Commands that
/// run one model and exit do not start it: there it would compete with the run for the cores (a ResNet-18
/// `run` on two threads took 0.7 s longer in all).
public final class WarmUp {

    /// Most the thread keeps going when compilation is slow (a loaded machine).
    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(6);
    /// Rounds after which the kernels are taken to be compiled: far more than the interpreter and the quick
    /// compiler get through in the limit, a tenth of a second once C2's code runs.
    private static final int ROUNDS = 2000;
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private WarmUp() {
    }

    /// Starts the warm-up thread, once per JVM; later calls, and calls without the vector kernels, do nothing.
    public static void startInBackground() {
        if (!VectorSupport.ENABLED || !STARTED.compareAndSet(false, true)) {
            return;
        }
        var thread = new Thread(() -> run(LIMIT_NANOS, ROUNDS), "loupe-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /// Runs rounds of the kernels until `rounds` are done or `limitNanos` have passed; returns the rounds run.
    static int run(long limitNanos, int rounds) {
        var operands = new Operands(new Random(1));
        long end = System.nanoTime() + limitNanos;
        int done = 0;
        while (done < rounds && System.nanoTime() < end) {
            operands.round();
            done++;
        }
        return done;
    }

    /// Small operands shaped like the awkward parts of real layers: products with partial panels and more
    /// than one block of depth, 3×3 windows at strides 1 and 2, rows longer than a vector with a tail.
    private static final class Operands {
        private static final int SIDE = 16;
        private static final int CHANNELS = 8;
        private static final int ROW = 300;

        private final float[] a;
        private final float[] b;
        private final float[] c;
        private final PackedA packedA;
        private final PackedB packedB;
        private final float[] image = new float[CHANNELS * SIDE * SIDE];
        private final float[] output = new float[CHANNELS * SIDE * SIDE];
        private final float[] depthwise = new float[CHANNELS * 9];
        private final Window2d sameWindow = new Window2d(SIDE, SIDE, SIDE, SIDE, 3, 3, 1, 1, 1, 1, 1, 1);
        private final Window2d halvingWindow = new Window2d(SIDE, SIDE, SIDE / 2, SIDE / 2, 3, 3, 2, 2, 1, 1, 1, 1);
        private final Convolution.Plan im2col = Convolution.plan(table(1), 9, SIDE * SIDE, SIDE * SIDE);
        private final Convolution.Plan stridedIm2col = Convolution.plan(table(2), 9, SIDE * SIDE, SIDE * SIDE / 4);
        private final PackedA filters;
        /// A CNN's stem, smaller: 3 channels of 16 x 80, 7 x 7 taps at stride 2 ([DirectConvolution]; output rows of
        /// 40, so both tile widths run).
        private final Window2d stem = new Window2d(16, 80, 8, 40, 7, 7, 2, 2, 1, 1, 3, 3);
        private final float[] stemImage = new float[3 * 16 * 80];
        private final PackedA stemFilters;
        private final float[] stemOutput = new float[CHANNELS * 8 * 40];
        private final PackedB transposedFilters;
        private final Winograd.Filters winograd;
        private final Winograd.Filters largeTiles;
        private final float[] row = new float[ROW];
        private final float[] rowOut = new float[ROW];

        Operands(Random random) {
            // 40 x 300 times 300 x 72: partial row and column panels, two blocks of depth.
            a = fill(random, new float[40 * ROW]);
            b = fill(random, new float[ROW * 72]);
            c = new float[40 * 72];
            packedA = PackedA.of(a, 0, 40, ROW, ROW, 1, 1f);
            packedB = PackedB.of(b, 0, ROW, 72, 72, 1);
            fill(random, image);
            fill(random, depthwise);
            fill(random, row);
            fill(random, stemImage);
            stemFilters = PackedA.of(fill(random, new float[CHANNELS * 3 * 49]), 0, CHANNELS, 3 * 49, 3 * 49, 1, 1f);
            var w = fill(random, new float[CHANNELS * CHANNELS * 9]);
            filters = PackedA.of(w, 0, CHANNELS, CHANNELS * 9, CHANNELS * 9, 1, 1f);
            transposedFilters = NarrowConvolution.weights(w, 0, CHANNELS, CHANNELS * 9);
            winograd = Winograd.filters(w, 0, CHANNELS, CHANNELS, 2);
            largeTiles = Winograd.filters(w, 0, CHANNELS, CHANNELS, 4);
        }

        void round() {
            Sgemm.multiply(40, 72, ROW, 1f, a, 0, ROW, 1, b, 0, 72, 1, c, 0, 72, false, 1);
            Sgemm.multiply(40, 1f, a, 0, ROW, 1, packedB, c, 0, 72, true, 1);
            Sgemm.multiply(packedA, b, 0, 72, 1, 72, c, 0, 72, false, 1);
            Convolution.forward(im2col, image, 0, CHANNELS, filters, depthwise, 0, Clamp.RELU, output, 0, 1);
            Convolution.forward(stridedIm2col, image, 0, CHANNELS, filters, depthwise, 0, null, output, 0, 1);
            NarrowConvolution.forward(stridedIm2col, image, 0, CHANNELS, transposedFilters, depthwise, 0, Clamp.RELU, output, 0, 1);
            DirectConvolution.forward(stem, stemImage, 0, 3, stemFilters, depthwise, 0, Clamp.RELU, stemOutput, 0, 1);
            Winograd.forward(sameWindow, image, 0, winograd, depthwise, 0, Clamp.RELU, output, 0, 1);
            Winograd.forward(sameWindow, image, 0, largeTiles, depthwise, 0, Clamp.RELU, output, 0, 1);
            DepthwiseConvolution.forward(sameWindow, image, 0, CHANNELS, depthwise, 0, null, 0, null, output, 0, 1);
            DepthwiseConvolution.forward(halvingWindow, image, 0, CHANNELS, depthwise, 0, null, 0, null, output, 0, 1);
            MaxPooling2d.forward(halvingWindow, image, 0, CHANNELS, output, 0, 1);
            for (var op : VectorLoops.Binary.values()) {
                VectorLoops.binary(op, row, 0, 1, rowOut, 0, 1, rowOut, 0, ROW);
                VectorLoops.binary(op, row, 0, 1, row, 7, 0, rowOut, 0, ROW);
            }
            VectorLoops.relu(row, rowOut);
            VectorLoops.clip(row, 0.2f, 0.8f, rowOut);
            VectorLoops.erf(row, rowOut, 0, ROW);
            VectorLoops.softmax(row, 0, ROW, rowOut, 0);
            float mean = VectorLoops.mean(row, 0, ROW);
            VectorLoops.normalize(row, 0, ROW, mean, 1f / (1e-5f + VectorLoops.variance(row, 0, ROW, mean)), row, row, rowOut);
            Activations.tanh(row, 0, rowOut, 0, ROW);
            Activations.sigmoid(row, 0, rowOut, 0, ROW);
            Activations.gelu(row, rowOut, 0, ROW);
            for (var fold : Reductions.Fold.values()) {
                Reductions.fold(fold, row, 0, ROW);
                Reductions.accumulate(fold, rowOut, 0, row, 0, ROW);
            }
        }

        /// The gather table of a 3×3 window with padding 1 and the given stride.
        private static int[] table(int stride) {
            int side = SIDE / stride;
            int n = side * side;
            var table = new int[9 * n];
            for (int t = 0; t < 9; t++) {
                for (int oy = 0; oy < side; oy++) {
                    for (int ox = 0; ox < side; ox++) {
                        int iy = oy * stride - 1 + t / 3;
                        int ix = ox * stride - 1 + t % 3;
                        table[t * n + oy * side + ox] = iy >= 0 && iy < SIDE && ix >= 0 && ix < SIDE ? iy * SIDE + ix : -1;
                    }
                }
            }
            return table;
        }

        private static float[] fill(Random random, float[] v) {
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextFloat() - 0.5f;
            }
            return v;
        }
    }
}
