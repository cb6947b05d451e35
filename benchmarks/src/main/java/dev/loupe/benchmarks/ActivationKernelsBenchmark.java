package dev.loupe.benchmarks;

import dev.loupe.executor.simd.Activations;
import dev.loupe.executor.simd.PackedMatrix;
import dev.loupe.executor.simd.Reductions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/// The vector activations and the LSTM recurrence product against the scalar loops they replaced, on the
/// sizes of the benchmark models: `tanh` and the sigmoid over one GELU feed-forward activation of the
/// GPT-style decoder (`128 x 2048` floats), a vector sum over one 56 x 56 channel, and one LSTM step's
/// `R·h` for hidden size 256 (`R` is `1024 x 256`), packed against a double dot product per row.
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ActivationKernelsBenchmark {

    private static final int HIDDEN = 256;

    private float[] x;
    private float[] o;
    private float[] plane;
    private float[] r;
    private double[] rDoubles;
    private PackedMatrix packed;
    private float[] h;
    private double[] hDoubles;
    private float[] gates;
    private double[] gateDoubles;

    @Setup
    public void setUp() {
        var random = new SplittableRandom(5);
        x = SgemmBenchmark.random(random, 128 * 2048);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 4;
        }
        o = new float[x.length];
        plane = SgemmBenchmark.random(random, 56 * 56);
        r = SgemmBenchmark.random(random, 4 * HIDDEN * HIDDEN);
        rDoubles = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            rDoubles[i] = r[i];
        }
        packed = PackedMatrix.of(r, 0, 4 * HIDDEN, HIDDEN);
        h = SgemmBenchmark.random(random, HIDDEN);
        hDoubles = new double[HIDDEN];
        for (int i = 0; i < HIDDEN; i++) {
            hDoubles[i] = h[i];
        }
        gates = new float[4 * HIDDEN];
        gateDoubles = new double[4 * HIDDEN];
    }

    @Benchmark
    public float[] tanhVector() {
        Activations.tanh(x, 0, o, 0, x.length);
        return o;
    }

    @Benchmark
    public float[] tanhScalar() {
        for (int i = 0; i < x.length; i++) {
            o[i] = (float) Math.tanh(x[i]);
        }
        return o;
    }

    @Benchmark
    public float[] sigmoidVector() {
        Activations.sigmoid(x, 0, o, 0, x.length);
        return o;
    }

    @Benchmark
    public float[] sigmoidScalar() {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = (float) (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));
        }
        return o;
    }

    @Benchmark
    public float planeSumVector() {
        return Reductions.sum(plane, 0, plane.length);
    }

    @Benchmark
    public double planeSumScalarDouble() {
        double s = 0;
        for (float v : plane) {
            s += v;
        }
        return s;
    }

    @Benchmark
    public float[] lstmRecurrencePacked() {
        packed.multiplyAdd(h, 0, gates, 0);
        return gates;
    }

    @Benchmark
    public double[] lstmRecurrenceScalarDouble() {
        for (int j = 0; j < 4 * HIDDEN; j++) {
            double s = 0;
            int row = j * HIDDEN;
            for (int k = 0; k < HIDDEN; k++) {
                s += rDoubles[row + k] * hDoubles[k];
            }
            gateDoubles[j] += s;
        }
        return gateDoubles;
    }
}
