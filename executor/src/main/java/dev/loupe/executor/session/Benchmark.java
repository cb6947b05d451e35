package dev.loupe.executor.session;

import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.TypeInfo;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/// Times whole runs of a [Session]: untimed runs first, at least `warmup` of them and for at least a given time
/// (to let the JIT compile the kernels and the code around them), then `runs` timed ones, each measured as the
/// wall time of [Session#run(Map)] on the calling thread. Reports the median,
/// minimum and maximum of the timed runs, the most bytes that live values held during any of them, and the
/// bytes the calling thread allocated per run (the JVM's per-thread allocation counter; work that kernels
/// hand to intra-op threads is not counted, so compare this figure at one thread).
///
/// ```java
/// var session = Session.create(model, BuiltinKernels.registry(), SessionOptions.defaults().withThreads(2));
/// var result = Benchmark.run(session, Benchmark.randomInputs(session, 0), 5, 20);
/// System.out.println(result.medianNanos() / 1e6 + " ms");
/// ```
///
/// A benchmark says little on its own on a shared machine: compare it with a peer timed in the same process.
public final class Benchmark {

    private Benchmark() {
    }

    /// The timed runs of a benchmark.
    ///
    /// @param warmup        the untimed runs before them
    /// @param warmupNanos   the wall time those took
    /// @param runNanos      wall time of each timed run, in the order they ran
    /// @param threads       the session's intra-op threads
    /// @param peakLiveBytes the most bytes live values held at once, over all timed runs
    /// @param allocatedBytesPerRun the median over timed runs of the bytes the calling thread allocated, or -1
    ///                             where the JVM does not count them
    /// @param mode          the session's execution mode
    public record Result(int warmup, long warmupNanos, List<Long> runNanos, int threads, long peakLiveBytes,
                         long allocatedBytesPerRun, ExecutionMode mode) {

        public Result {
            runNanos = List.copyOf(runNanos);
            if (runNanos.isEmpty()) {
                throw new IllegalArgumentException("a benchmark needs at least one timed run");
            }
        }

        public int runs() {
            return runNanos.size();
        }

        /// The median run time (the mean of the middle two for an even number of runs).
        public long medianNanos() {
            return median(runNanos.stream().mapToLong(Long::longValue).toArray());
        }

        public long minNanos() {
            return runNanos.stream().mapToLong(Long::longValue).min().orElseThrow();
        }

        public long maxNanos() {
            return runNanos.stream().mapToLong(Long::longValue).max().orElseThrow();
        }
    }

    /// Runs `session` `warmup` times untimed, then `runs` times timed, on the calling thread with `inputs`.
    ///
    /// @throws IllegalArgumentException when `warmup < 0` or `runs < 1`
    /// @throws InputMismatchException   when `inputs` do not match the model's inputs
    /// @throws NodeExecutionException   when a run fails
    public static Result run(Session session, Map<String, ? extends RuntimeValue> inputs, int warmup, int runs) {
        return run(session, inputs, warmup, Duration.ZERO, runs);
    }

    /// Runs `session` untimed at least `warmup` times and until `warmupTime` has passed, then `runs` times timed,
    /// on the calling thread with `inputs`. A time matters on several threads: the JIT's compiler threads then
    /// share the cores with the runs, and a model's steady speed can take hundreds of runs to come (ResNet-18 on
    /// two cores: some 300, docs/PERFORMANCE.md).
    ///
    /// @throws IllegalArgumentException when `warmup < 0`, `warmupTime` is negative or `runs < 1`
    /// @throws InputMismatchException   when `inputs` do not match the model's inputs
    /// @throws NodeExecutionException   when a run fails
    public static Result run(Session session, Map<String, ? extends RuntimeValue> inputs, int warmup, Duration warmupTime,
                             int runs) {
        if (warmup < 0 || runs < 1 || warmupTime.isNegative()) {
            throw new IllegalArgumentException("warm-up runs and time must be 0 or more and timed runs 1 or more, got "
                    + warmup + ", " + warmupTime + " and " + runs);
        }
        long warmupStart = System.nanoTime();
        long minWarmupNanos = warmupTime.toNanos();
        int warmed = 0;
        while (warmed < warmup || System.nanoTime() - warmupStart < minWarmupNanos) {
            session.run(inputs);
            warmed++;
        }
        long warmupNanos = System.nanoTime() - warmupStart;
        var nanos = new Long[runs];
        var allocated = new long[runs];
        long peak = 0;
        for (int i = 0; i < runs; i++) {
            long bytes = allocatedBytes();
            long start = System.nanoTime();
            var result = session.run(inputs);
            nanos[i] = System.nanoTime() - start;
            allocated[i] = bytes < 0 ? -1 : allocatedBytes() - bytes;
            peak = Math.max(peak, result.peakLiveBytes());
        }
        return new Result(warmed, warmupNanos, Arrays.asList(nanos), session.options().threads(), peak, median(allocated),
                session.options().mode());
    }

    /// Bytes the calling thread has allocated so far, or -1 where the JVM does not count them.
    public static long allocatedBytes() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()
                ? t.getCurrentThreadAllocatedBytes() : -1;
    }

    /// Inputs for every required input of `session`'s model, reproducible per `seed`: floating-point tensors
    /// uniform in [-1, 1), integers 0 or 1 (valid as indices into any non-trivial axis), booleans random.
    /// Dimensions that are not fixed sizes are taken as 1.
    ///
    /// @throws IllegalArgumentException for an input that is not a tensor of a numeric or bool type
    public static Map<String, RuntimeValue> randomInputs(Session session, long seed) {
        var random = new SplittableRandom(seed);
        var inputs = new LinkedHashMap<String, RuntimeValue>();
        for (var v : session.requiredInputs()) {
            if (!(v.bestType() instanceof TypeInfo.TensorType(ElementType type, var shape, var ignored)) || shape == null) {
                throw new IllegalArgumentException("input '" + v.name() + "' is not a tensor of known rank: " + v.bestType());
            }
            var sizes = shape.dims().stream().mapToLong(d -> d instanceof Dim.Known(long size, var unused) ? size : 1).toArray();
            var t = Tensor.allocate(type, sizes);
            for (int i = 0; i < t.size(); i++) {
                switch (type.kind()) {
                    case FLOAT -> t.setDouble(i, random.nextDouble(-1, 1));
                    case SIGNED, UNSIGNED, BOOL -> t.setDouble(i, random.nextInt(2));
                    default -> throw new IllegalArgumentException("input '" + v.name() + "' has type " + type.onnxName()
                            + ", for which no random values are made");
                }
            }
            inputs.put(v.name(), t);
        }
        return inputs;
    }

    static long median(long[] values) {
        var sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
