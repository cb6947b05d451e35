package dev.loupe.benchmarks;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.session.Benchmark;
import dev.loupe.executor.session.ExecutionMode;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.session.SessionOptions;
import dev.loupe.executor.simd.VectorSupport;
import dev.loupe.model.io.ModelReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/// How well Loupe and ONNX Runtime scale from one thread to `N`, measured in one JVM: Loupe's fast mode and
/// "ORT all optimizations", each at one and at `N` intra-op threads, four contenders timed in rotation, round
/// after round (which goes first rotates too). Timing the thread counts in separate JVMs, minutes apart, lets
/// the load of a shared host decide the scaling; here a slow spell hits all four alike. Before timing, both
/// Loupe sessions' outputs are checked against ORT's.
///
/// ```
/// java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.loupe.benchmarks.ScalingComparison \
///     [--threads N] [--runs R] [--warmup W] MODEL.onnx...
/// ```
///
/// `W` rounds of all four run untimed first (default 500: at two threads on two cores Loupe's speed settles only
/// after hundreds of runs, its JIT compilers competing with the run for the cores).
///
/// Per model it reports the median run times, the scaling `median(1 thread) / median(N threads)` of each
/// runtime, the same for the fastest run of each contender (the host's interruptions only ever add time), and
/// Loupe / ORT at both thread counts; before and after each model, what the host gives a second thread then
/// ([HostCheck]: two threads' FMA throughput against one's, and reads across cores against reads within one).
public final class ScalingComparison {

    /// Each FMA phase of the host readings around a model's runs ([HostCheck]).
    private static final long HOST_CHECK_MILLIS = 150;

    private ScalingComparison() {
    }

    private interface Action {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int threads = 2;
        int runs = 40;
        // Rounds of all four before timing: Loupe's two-thread runs reach their steady speed only after some 300-500
        // runs on two cores, the JIT's compilers sharing the cores with them (docs/PERFORMANCE.md, eighteenth session).
        int warmup = 500;
        var models = new ArrayList<Path>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> models.add(Path.of(args[i]));
            }
        }
        if (models.isEmpty() || threads < 2) {
            System.err.println("usage: ScalingComparison [--threads N (at least 2)] [--runs R] [--warmup W] MODEL.onnx...");
            System.exit(2);
        }
        System.out.printf(Locale.ROOT, "1 against %d threads, warm-up %d, runs %d, %s, %s%n", threads, warmup, runs,
                VectorSupport.describe(), Runtime.version());
        var rows = new ArrayList<String>();
        for (var path : models) {
            System.out.println("host before " + path.getFileName() + ": " + HostCheck.measure(HOST_CHECK_MILLIS).describe());
            rows.add(compare(path, threads, runs, warmup));
            System.out.println("host after " + path.getFileName() + ": " + HostCheck.measure(HOST_CHECK_MILLIS).describe());
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "| model | Loupe 1 / %d threads, median ms | scaling | fastest runs' scaling | ORT 1 / %d threads, median ms"
                + " | scaling | fastest runs' scaling | Loupe / ORT, 1 thread | Loupe / ORT, %d threads |%n", threads, threads, threads);
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    private static String compare(Path path, int threads, int runs, int warmup) throws Exception {
        var env = OrtEnvironment.getEnvironment();
        var level = OrtSession.SessionOptions.OptLevel.ALL_OPT;
        try (var model = ModelReader.read(path);
             var ortOne = env.createSession(path.toString(), OrtPeer.options(1, level));
             var ortMany = env.createSession(path.toString(), OrtPeer.options(threads, level))) {
            var one = Session.create(model, BuiltinKernels.registry(), SessionOptions.defaults().withThreads(1).withMode(ExecutionMode.FAST));
            var many = Session.create(model, BuiltinKernels.registry(), SessionOptions.defaults().withThreads(threads).withMode(ExecutionMode.FAST));
            var inputs = Benchmark.randomInputs(one, 7);
            var ortInputs = OrtPeer.inputs(env, inputs);
            try {
                OrtPeer.check(path + " (1 thread)", one.run(inputs).outputs(), ortOne.run(ortInputs));
                OrtPeer.check(path + " (" + threads + " threads)", many.run(inputs).outputs(), ortOne.run(ortInputs));
                List<Action> contenders = List.of(() -> one.run(inputs), () -> many.run(inputs),
                        () -> ortOne.run(ortInputs).close(), () -> ortMany.run(ortInputs).close());
                var times = new long[contenders.size()][runs];
                for (int r = -warmup; r < runs; r++) {
                    for (int slot = 0; slot < contenders.size(); slot++) {
                        int c = Math.floorMod(slot + r, contenders.size());
                        long start = System.nanoTime();
                        contenders.get(c).run();
                        if (r >= 0) {
                            times[c][r] = System.nanoTime() - start;
                        }
                    }
                }
                double l1 = OrtPeer.medianMillis(times[0]);
                double ln = OrtPeer.medianMillis(times[1]);
                double o1 = OrtPeer.medianMillis(times[2]);
                double on = OrtPeer.medianMillis(times[3]);
                return String.format(Locale.ROOT, "| %s | %.2f / %.2f | %.2f | %.2f | %.2f / %.2f | %.2f | %.2f | %.2f | %.2f |",
                        path.getFileName(), l1, ln, l1 / ln, fastest(times[0]) / fastest(times[1]), o1, on, o1 / on,
                        fastest(times[2]) / fastest(times[3]), l1 / o1, ln / on);
            } finally {
                for (var t : ortInputs.values()) {
                    t.close();
                }
            }
        }
    }

    private static double fastest(long[] nanos) {
        return Arrays.stream(nanos).min().orElseThrow();
    }
}
