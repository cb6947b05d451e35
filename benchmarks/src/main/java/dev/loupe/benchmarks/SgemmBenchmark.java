package dev.loupe.benchmarks;

import dev.loupe.executor.simd.PackedB;
import dev.loupe.executor.simd.Sgemm;
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

/// `C = A * B` for `shape` = `MxKxN`: `strided` packs both operands on every call (an activation times an
/// activation), `packedWeights` multiplies by a `B` packed once (a layer's weights, as `MatMul` and `Gemm` do
/// with initializers).
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class SgemmBenchmark {

    @Param({"64x64x64", "256x256x256", "1024x1024x1024", "1x768x3072"})
    public String shape;

    @Param({"1"})
    public int threads;

    private int m;
    private int k;
    private int n;
    private float[] a;
    private float[] b;
    private float[] c;
    private PackedB packed;

    /// Floating-point operations of one product of `shape`.
    static double flops(String shape) {
        var d = dims(shape);
        return 2.0 * d[0] * d[1] * d[2];
    }

    static int[] dims(String shape) {
        var parts = shape.split("x");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }

    @Setup
    public void setUp() {
        var d = dims(shape);
        m = d[0];
        k = d[1];
        n = d[2];
        var random = new SplittableRandom(1);
        a = random(random, m * k);
        b = random(random, k * n);
        c = new float[m * n];
        packed = PackedB.of(b, 0, k, n, n, 1);
    }

    static float[] random(SplittableRandom random, int size) {
        var x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        return x;
    }

    @Benchmark
    public float[] strided() {
        Sgemm.multiply(m, n, k, 1f, a, 0, k, 1, b, 0, n, 1, c, 0, n, false, threads);
        return c;
    }

    @Benchmark
    public float[] packedWeights() {
        Sgemm.multiply(m, 1f, a, 0, k, 1, packed, c, 0, n, false, threads);
        return c;
    }
}
