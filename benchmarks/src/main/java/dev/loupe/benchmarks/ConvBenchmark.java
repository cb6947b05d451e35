package dev.loupe.benchmarks;

import dev.loupe.executor.simd.Convolution;
import dev.loupe.executor.simd.PackedA;
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

/// The convolution layers of ResNet-18 at 224x224, one image, with bias, on [Convolution] as the `Conv`
/// kernel runs them (weights packed once). `layer` = `inChannels/size/kernel/stride/pad/outChannels`.
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ConvBenchmark {

    @Param({"3/224/7/2/3/64", "64/56/3/1/1/64", "64/56/1/2/0/128", "128/28/3/1/1/128", "256/14/3/1/1/256", "512/7/3/1/1/512"})
    public String layer;

    @Param({"1"})
    public int threads;

    private Convolution.Plan plan;
    private int channels;
    private float[] x;
    private PackedA weights;
    private float[] bias;
    private float[] out;

    /// The layer's geometry: channels, input size, kernel, stride, pad, output channels, output size.
    static int[] geometry(String layer) {
        var p = layer.split("/");
        int c = Integer.parseInt(p[0]);
        int size = Integer.parseInt(p[1]);
        int kernel = Integer.parseInt(p[2]);
        int stride = Integer.parseInt(p[3]);
        int pad = Integer.parseInt(p[4]);
        int m = Integer.parseInt(p[5]);
        return new int[] {c, size, kernel, stride, pad, m, (size + 2 * pad - kernel) / stride + 1};
    }

    /// Floating-point operations of one call for `layer`.
    static double flops(String layer) {
        var g = geometry(layer);
        return 2.0 * g[5] * g[0] * g[2] * g[2] * g[6] * g[6];
    }

    @Setup
    public void setUp() {
        var g = geometry(layer);
        channels = g[0];
        int size = g[1];
        int kernel = g[2];
        int m = g[5];
        int outSize = g[6];
        int taps = kernel * kernel;
        var table = new int[taps * outSize * outSize];
        for (int t = 0; t < taps; t++) {
            for (int oy = 0; oy < outSize; oy++) {
                for (int ox = 0; ox < outSize; ox++) {
                    int iy = oy * g[3] - g[4] + t / kernel;
                    int ix = ox * g[3] - g[4] + t % kernel;
                    boolean inside = iy >= 0 && iy < size && ix >= 0 && ix < size;
                    table[t * outSize * outSize + oy * outSize + ox] = inside ? iy * size + ix : -1;
                }
            }
        }
        plan = Convolution.plan(table, taps, size * size, outSize * outSize);
        var random = new SplittableRandom(2);
        x = SgemmBenchmark.random(random, channels * size * size);
        weights = PackedA.of(SgemmBenchmark.random(random, m * channels * taps), 0, m, channels * taps, channels * taps, 1, 1f);
        bias = SgemmBenchmark.random(random, m);
        out = new float[m * outSize * outSize];
    }

    @Benchmark
    public float[] conv() {
        Convolution.forward(plan, x, 0, channels, weights, bias, 0, null, out, 0, threads);
        return out;
    }
}
