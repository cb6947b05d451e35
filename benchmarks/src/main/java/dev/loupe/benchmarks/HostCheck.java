package dev.loupe.benchmarks;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/// What the host gives a second thread at the moment of measuring: the FMA throughput of two threads at once
/// against one thread alone, and how fast a core reads a buffer another core has just written against one it
/// wrote itself. On a virtual machine both move from minute to minute with where the hypervisor runs the vCPUs
/// (docs/PERFORMANCE.md, seventeenth session: the same two-thread convolution took 347-407 or 499-653 µs,
/// and the cross-core read ran at 41-44 or 24-35 GB/s, with nothing in the process changing);
/// [ScalingComparison] prints a reading before and after each model, so that its scaling figures can be read
/// against the host's.
///
/// A measurement takes 0.4 s of warm-up, three rounds of one thread alone then two at once for `window`
/// milliseconds each (the round of median scaling is kept), and a few milliseconds for the reads.
final class HostCheck {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /// Floats of the buffer read across cores: 2 MB, twice a core's L2 here, well inside the shared cache.
    static final int BUFFER_FLOATS = 1 << 19;
    private static final int READS = 30;
    /// Rounds of one thread alone then two at once; the reading keeps the round of median scaling.
    private static final int ROUNDS = 3;
    private static final long WARM_UP_MILLIS = 400;
    /// Where the measuring loops leave their results, so that the JIT cannot drop the work that made them.
    private static volatile float sink;

    private HostCheck() {
    }

    /// One reading: FMA calls of one thread alone and of each of two threads at once in equal windows, and the
    /// times of reading the buffer written by the reading core (`own`) and by the other core (`other`).
    record Reading(long alone, long first, long second, long[] ownNanos, long[] otherNanos) {

        /// Two threads' FMA throughput over one thread's: 2 where the cores are the host's to use.
        double fmaScaling() {
            return (double) (first + second) / alone;
        }

        /// Median rate of reading the buffer the reading core wrote, GB/s.
        double ownGbPerSecond() {
            return rate(ownNanos);
        }

        /// Median rate of reading the buffer the other core wrote, GB/s.
        double otherGbPerSecond() {
            return rate(otherNanos);
        }

        String describe() {
            return String.format(Locale.ROOT, "two threads' FMA throughput %.2fx one thread's; 2 MB read at %.0f GB/s"
                    + " written by the reading core, %.0f GB/s written by the other", fmaScaling(), ownGbPerSecond(),
                    otherGbPerSecond());
        }

        private static double rate(long[] nanos) {
            var sorted = nanos.clone();
            Arrays.sort(sorted);
            return 4.0 * BUFFER_FLOATS / sorted[sorted.length / 2];
        }
    }

    /// Measures now, on the calling thread and one other.
    static Reading measure(long windowMillis) throws InterruptedException, ExecutionException {
        var other = Executors.newSingleThreadExecutor(r -> {
            var t = new Thread(r, "host-check");
            t.setDaemon(true);
            return t;
        });
        try {
            var fma = new FmaPeakBenchmark();
            var second = new FmaPeakBenchmark();
            // Until the JIT has compiled the loop, its pace says nothing about the host.
            fmaCalls(fma, WARM_UP_MILLIS);
            other.submit(() -> fmaCalls(second, WARM_UP_MILLIS)).get();
            var alone = new long[ROUNDS];
            var firsts = new long[ROUNDS];
            var seconds = new long[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                alone[round] = fmaCalls(fma, windowMillis);
                var start = new CountDownLatch(1);
                Future<Long> together = other.submit(() -> {
                    start.countDown();
                    return fmaCalls(second, windowMillis);
                });
                start.await();
                firsts[round] = fmaCalls(fma, windowMillis);
                seconds[round] = together.get();
            }
            int middle = middleRound(alone, firsts, seconds);
            var buffer = new float[BUFFER_FLOATS];
            var own = new long[READS];
            var others = new long[READS];
            for (int i = 0; i < READS; i++) {
                float value = i;
                fill(buffer, value);
                own[i] = timedSum(buffer);
                other.submit(() -> fill(buffer, value + 1)).get();
                others[i] = timedSum(buffer);
            }
            return new Reading(alone[middle], firsts[middle], seconds[middle], own, others);
        } finally {
            other.shutdownNow();
        }
    }

    /// The round whose two-thread over one-thread ratio is the median of all rounds (a JIT compilation or the
    /// host taking a core for part of one window moves one round, not the reading).
    private static int middleRound(long[] alone, long[] firsts, long[] seconds) {
        var order = new Integer[alone.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> (double) (firsts[i] + seconds[i]) / alone[i]));
        return order[order.length / 2];
    }

    private static long fmaCalls(FmaPeakBenchmark fma, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long calls = 0;
        float sum = 0;
        while (System.nanoTime() < end) {
            sum += fma.fma();
            calls++;
        }
        sink = sum;
        return calls;
    }

    /// Writes the whole buffer with ordinary stores, so that it ends up in the writing core's caches.
    private static void fill(float[] buffer, float value) {
        for (int i = 0; i < buffer.length; i++) {
            buffer[i] = value + i;
        }
    }

    /// Nanoseconds to sum the buffer with vector loads (four chains, so that the loads and not the additions
    /// set the pace).
    private static long timedSum(float[] buffer) {
        long start = System.nanoTime();
        var a0 = FloatVector.zero(S);
        var a1 = a0;
        var a2 = a0;
        var a3 = a0;
        int step = 4 * S.length();
        for (int i = 0; i + step <= buffer.length; i += step) {
            a0 = a0.add(FloatVector.fromArray(S, buffer, i));
            a1 = a1.add(FloatVector.fromArray(S, buffer, i + S.length()));
            a2 = a2.add(FloatVector.fromArray(S, buffer, i + 2 * S.length()));
            a3 = a3.add(FloatVector.fromArray(S, buffer, i + 3 * S.length()));
        }
        sink = a0.add(a1).add(a2).add(a3).reduceLanes(VectorOperators.ADD);
        return System.nanoTime() - start;
    }
}
