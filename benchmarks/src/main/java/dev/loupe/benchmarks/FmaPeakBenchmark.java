package dev.loupe.benchmarks;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/// The single-core FMA ceiling as the Vector API reaches it: 16 independent accumulator chains (enough to
/// cover the FMA latency on two pipes) of fused multiply-adds on the preferred float species, no memory
/// traffic. [KernelReport] divides every GFLOP/s figure by this one.
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class FmaPeakBenchmark {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int CHAINS = 16;
    static final int ITERATIONS = 4096;

    private final float[] seed = new float[2 * S.length()];

    /// Floating-point operations of one call of [#fma()].
    static double flops() {
        return 2.0 * CHAINS * S.length() * ITERATIONS;
    }

    @Benchmark
    public float fma() {
        var x = FloatVector.fromArray(S, seed, 0);
        var y = FloatVector.fromArray(S, seed, S.length());
        FloatVector a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x;
        FloatVector a8 = x, a9 = x, a10 = x, a11 = x, a12 = x, a13 = x, a14 = x, a15 = x;
        for (int i = 0; i < ITERATIONS; i++) {
            a0 = a0.fma(y, x);
            a1 = a1.fma(y, x);
            a2 = a2.fma(y, x);
            a3 = a3.fma(y, x);
            a4 = a4.fma(y, x);
            a5 = a5.fma(y, x);
            a6 = a6.fma(y, x);
            a7 = a7.fma(y, x);
            a8 = a8.fma(y, x);
            a9 = a9.fma(y, x);
            a10 = a10.fma(y, x);
            a11 = a11.fma(y, x);
            a12 = a12.fma(y, x);
            a13 = a13.fma(y, x);
            a14 = a14.fma(y, x);
            a15 = a15.fma(y, x);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7)
                .add(a8).add(a9).add(a10).add(a11).add(a12).add(a13).add(a14).add(a15).reduceLanes(VectorOperators.ADD);
    }
}
