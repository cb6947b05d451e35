package dev.loupe.benchmarks;

import dev.loupe.executor.simd.VectorSupport;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/// The kernels of [KernelReport] timed by the CPU time of the calling thread instead of wall time, for a
/// shared machine whose other load preempts the benchmark: the FMA peak, SGEMM and Conv benchmarks run in
/// rounds, interleaved (so a slow spell hits them all), and each reports its best round. Single-threaded
/// only, since other threads' CPU time is not counted.
///
/// ```
/// java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.loupe.benchmarks.CpuTimeReport [ROUNDS]
/// ```
public final class CpuTimeReport {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /// Floating-point operations per timed batch of calls.
    private static final double BATCH_FLOPS = 4e8;

    private CpuTimeReport() {
    }

    private record Entry(String label, double flopsPerCall, Runnable call) {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        var entries = new ArrayList<Entry>();
        var peak = new FmaPeakBenchmark();
        entries.add(new Entry("FMA peak (" + VectorSupport.lanes() + " lanes, 16 chains)", FmaPeakBenchmark.flops(), peak::fma));
        for (var shape : List.of("64x64x64", "256x256x256", "1024x1024x1024", "2048x2048x2048", "1x768x3072")) {
            var b = new SgemmBenchmark();
            b.shape = shape;
            b.threads = 1;
            b.setUp();
            entries.add(new Entry("SGEMM " + shape + " (MxKxN), strided", SgemmBenchmark.flops(shape), b::strided));
            entries.add(new Entry("SGEMM " + shape + " (MxKxN), packedWeights", SgemmBenchmark.flops(shape), b::packedWeights));
        }
        for (var layer : List.of("3/224/7/2/3/64", "64/56/3/1/1/64", "64/56/1/2/0/128", "128/28/3/1/1/128", "256/14/3/1/1/256", "512/7/3/1/1/512")) {
            var b = new ConvBenchmark();
            b.layer = layer;
            b.threads = 1;
            b.setUp();
            entries.add(new Entry("Conv " + layer + " (C/size/k/stride/pad/M)", ConvBenchmark.flops(layer), b::conv));
        }
        for (var layer : List.of("64/56/3/1/1/64", "128/28/3/1/1/128", "256/14/3/1/1/256", "512/7/3/1/1/512")) {
            var b = new WinogradBenchmark();
            b.layer = layer;
            b.threads = 1;
            b.setUp();
            entries.add(new Entry("Conv " + layer + ", Winograd (direct-sum FLOPs)", ConvBenchmark.flops(layer), b::winograd));
        }
        var best = new double[entries.size()];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < entries.size(); i++) {
                var e = entries.get(i);
                best[i] = Math.max(best[i], gflops(e));
            }
        }
        double fma = best[0];
        System.out.println("| benchmark (1 thread, CPU time, best of " + rounds + " rounds) | GFLOP/s | % of 1-core FMA peak |");
        System.out.println("|---|---:|---:|");
        for (int i = 0; i < entries.size(); i++) {
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.0f%% |%n", entries.get(i).label(), best[i], 100 * best[i] / fma);
        }
    }

    /// GFLOP/s of one batch of calls of `e`, by the calling thread's CPU time.
    private static double gflops(Entry e) {
        int calls = (int) Math.max(2, BATCH_FLOPS / e.flopsPerCall());
        DoubleSupplier run = () -> {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int c = 0; c < calls; c++) {
                e.call().run();
            }
            return THREADS.getCurrentThreadCpuTime() - start;
        };
        double nanos = run.getAsDouble();
        return e.flopsPerCall() * calls / nanos;
    }
}
