package dev.loupe.benchmarks;

import dev.loupe.executor.simd.Window2d;
import dev.loupe.executor.simd.Winograd;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/// The 3x3 stride-1 layers of ResNet-18 on [Winograd] (`F(2x2, 3x3)` or `F(4x4, 3x3)` by `tile`, filters
/// transformed once), with bias, as a fast session runs them; `layer` as in [ConvBenchmark], whose FLOP count (of the direct sum) the
/// reports divide by, so the two benchmarks' GFLOP/s compare as speeds. The 7x7 layer is one the `Conv`
/// kernel leaves to [ConvBenchmark]'s way (16 tiles, fewer than a column panel).
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class WinogradBenchmark {

    @Param({"64/56/3/1/1/64", "128/28/3/1/1/128", "256/14/3/1/1/256", "512/7/3/1/1/512"})
    public String layer;

    @Param({"1"})
    public int threads;

    @Param({"2", "4"})
    public int tile;

    private Window2d window;
    private Winograd.Filters filters;
    private float[] x;
    private float[] bias;
    private float[] out;

    @Setup
    public void setUp() {
        var g = ConvBenchmark.geometry(layer);
        if (g[2] != 3 || g[3] != 1) {
            throw new IllegalArgumentException("not a 3x3 stride-1 layer: " + layer);
        }
        int channels = g[0];
        int size = g[1];
        int m = g[5];
        int outSize = g[6];
        window = new Window2d(size, size, outSize, outSize, 3, 3, 1, 1, 1, 1, g[4], g[4]);
        var random = new SplittableRandom(2);
        x = SgemmBenchmark.random(random, channels * size * size);
        filters = Winograd.filters(SgemmBenchmark.random(random, m * channels * 9), 0, m, channels, tile);
        bias = SgemmBenchmark.random(random, m);
        out = new float[m * outSize * outSize];
    }

    @Benchmark
    public float[] winograd() {
        Winograd.forward(window, x, 0, filters, bias, 0, null, out, 0, threads);
        return out;
    }
}
