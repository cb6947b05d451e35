package dev.loupe.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.session.Benchmark;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.session.SessionOptions;
import dev.loupe.executor.simd.VectorSupport;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.io.ModelReader;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/// Whole models, Loupe against ONNX Runtime (CPU, Java API) in the same JVM: the same random inputs, the same
/// intra-op thread count (ORT with one inter-op thread, sequential execution), warm-up runs, then timed
/// rounds that alternate Loupe, "ORT all optimizations" and "ORT basic" (rotating which goes first), and the
/// ratio of medians per model. Before timing, Loupe's outputs are checked against ORT's.
///
/// Besides wall time, each run's CPU time on the calling thread is recorded: with one thread both runtimes
/// compute on the calling thread, so on a shared, loaded machine the CPU-time ratio is the steadier figure
/// (it is not reported for more threads, where work runs on pool threads).
///
/// ```
/// java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.loupe.benchmarks.ModelComparison \
///     [--threads N] [--runs R] [--warmup W] [--profile] MODEL.onnx...
/// ```
///
/// `--profile` also prints Loupe's mean time per operator type over a few extra runs.
public final class ModelComparison {

    private static final int PROFILE_RUNS = 5;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ModelComparison() {
    }

    public static void main(String[] args) throws Exception {
        int threads = 1;
        int runs = 20;
        int warmup = 5;
        boolean profile = false;
        var models = new ArrayList<Path>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--profile" -> profile = true;
                default -> models.add(Path.of(args[i]));
            }
        }
        if (models.isEmpty()) {
            System.err.println("usage: ModelComparison [--threads N] [--runs R] [--warmup W] [--profile] MODEL.onnx...");
            System.exit(2);
        }
        System.out.printf(Locale.ROOT, "threads %d, warm-up %d, runs %d, %s, %s%n", threads, warmup, runs,
                VectorSupport.describe(), Runtime.version());
        var rows = new ArrayList<String>();
        for (var path : models) {
            rows.add(compare(path, threads, runs, warmup, profile));
        }
        System.out.println();
        System.out.println("| model | threads | Loupe median ms (min-max) | ORT all opt. median ms | ORT basic median ms | Loupe / ORT all"
                + " | Loupe / ORT basic | CPU ms Loupe / ORT all / ORT basic | CPU Loupe / ORT all | CPU Loupe / ORT basic |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    private static String compare(Path path, int threads, int runs, int warmup, boolean profile) throws Exception {
        var env = OrtEnvironment.getEnvironment();
        try (var model = ModelReader.read(path);
             var ortAll = env.createSession(path.toString(), ortOptions(threads, OrtSession.SessionOptions.OptLevel.ALL_OPT));
             var ortBasic = env.createSession(path.toString(), ortOptions(threads, OrtSession.SessionOptions.OptLevel.BASIC_OPT))) {
            var session = Session.create(model, BuiltinKernels.registry(), SessionOptions.defaults().withThreads(threads));
            var inputs = Benchmark.randomInputs(session, 7);
            var ortInputs = ortInputs(env, inputs);
            try {
                check(path, session.run(inputs).outputs(), ortAll.run(ortInputs));
                for (int i = 0; i < warmup; i++) {
                    session.run(inputs);
                    ortAll.run(ortInputs).close();
                    ortBasic.run(ortInputs).close();
                }
                var loupe = new long[2][runs];
                var all = new long[2][runs];
                var basic = new long[2][runs];
                for (int r = 0; r < runs; r++) {
                    for (int slot = 0; slot < 3; slot++) {
                        switch ((slot + r) % 3) {
                            case 0 -> time(() -> session.run(inputs), loupe, r);
                            case 1 -> time(() -> ortAll.run(ortInputs).close(), all, r);
                            default -> time(() -> ortBasic.run(ortInputs).close(), basic, r);
                        }
                    }
                }
                if (profile) {
                    printProfile(session, inputs);
                }
                double l = median(loupe[0]);
                double a = median(all[0]);
                double b = median(basic[0]);
                double lc = median(loupe[1]);
                double ac = median(all[1]);
                double bc = median(basic[1]);
                System.out.printf(Locale.ROOT, "%s: wall Loupe %.2f ms, ORT all %.2f ms, ORT basic %.2f ms; CPU of the calling thread %.2f, %.2f, %.2f ms%n",
                        path.getFileName(), l, a, b, lc, ac, bc);
                var cpu = threads == 1 ? String.format(Locale.ROOT, " %.2f / %.2f / %.2f | %.2f | %.2f |", lc, ac, bc, lc / ac, lc / bc) : " - | - | - |";
                return String.format(Locale.ROOT, "| %s | %d | %.2f (%.2f-%.2f) | %.2f | %.2f | %.2f | %.2f |", path.getFileName(), threads, l,
                        Arrays.stream(loupe[0]).min().orElseThrow() / 1e6, Arrays.stream(loupe[0]).max().orElseThrow() / 1e6, a, b, l / a, l / b) + cpu;
            } finally {
                for (var t : ortInputs.values()) {
                    t.close();
                }
            }
        }
    }

    private static OrtSession.SessionOptions ortOptions(int threads, OrtSession.SessionOptions.OptLevel level) throws OrtException {
        var options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(level);
        return options;
    }

    private static Map<String, OnnxTensor> ortInputs(OrtEnvironment env, Map<String, RuntimeValue> inputs) throws OrtException {
        var out = new LinkedHashMap<String, OnnxTensor>();
        for (var e : inputs.entrySet()) {
            var t = (Tensor) e.getValue();
            out.put(e.getKey(), switch (t.type()) {
                case FLOAT -> OnnxTensor.createTensor(env, FloatBuffer.wrap(t.floats()), t.shape());
                case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap(t.longs()), t.shape());
                default -> throw new IllegalArgumentException("input '" + e.getKey() + "' of type " + t.type().onnxName()
                        + " is not supported by this benchmark");
            });
        }
        return out;
    }

    /// Fails when a float output of Loupe differs from ORT's by more than 1e-3 relative to ORT's largest value.
    private static void check(Path path, Map<String, RuntimeValue> loupe, OrtSession.Result ort) throws OrtException {
        try (ort) {
            for (var e : ort) {
                var expected = ((OnnxTensor) e.getValue()).getFloatBuffer();
                var actual = ((Tensor) loupe.get(e.getKey())).floats();
                double scale = 0;
                double worst = 0;
                for (int i = 0; i < actual.length; i++) {
                    scale = Math.max(scale, Math.abs(expected.get(i)));
                    worst = Math.max(worst, Math.abs(actual[i] - expected.get(i)));
                }
                System.out.printf(Locale.ROOT, "%s: output %s, max |Loupe - ORT| = %.3g (max |ORT| = %.3g)%n", path.getFileName(), e.getKey(), worst, scale);
                if (!(worst <= 1e-3 * scale)) {
                    throw new IllegalStateException(path.getFileName() + ": Loupe and ORT disagree on " + e.getKey());
                }
            }
        }
    }

    private static void printProfile(Session session, Map<String, RuntimeValue> inputs) {
        var byOp = new HashMap<String, Long>();
        for (int run = 0; run < PROFILE_RUNS; run++) {
            for (var s : session.run(inputs).nodeStats()) {
                byOp.merge(s.node().opType(), s.nanos() / PROFILE_RUNS, Long::sum);
            }
        }
        long total = byOp.values().stream().mapToLong(Long::longValue).sum();
        var sorted = new TreeMap<Long, List<String>>((x, y) -> Long.compare(y, x));
        byOp.forEach((op, nanos) -> sorted.computeIfAbsent(nanos, k -> new ArrayList<>()).add(op));
        System.out.printf(Locale.ROOT, "  Loupe time by operator (mean of %d runs, %.2f ms in kernels):%n", PROFILE_RUNS, total / 1e6);
        sorted.forEach((nanos, ops) -> System.out.printf(Locale.ROOT, "    %-24s %8.2f ms  %5.1f%%%n", String.join(", ", ops), nanos / 1e6, 100.0 * nanos / total));
    }

    private interface Action {
        void run() throws Exception;
    }

    /// Runs `action`, storing its wall time in `into[0][run]` and the calling thread's CPU time in `into[1][run]`.
    private static void time(Action action, long[][] into, int run) throws Exception {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        action.run();
        into[0][run] = System.nanoTime() - start;
        into[1][run] = THREADS.getCurrentThreadCpuTime() - cpu;
    }

    private static double median(long[] nanos) {
        var sorted = nanos.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return (sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0) / 1e6;
    }
}
