package dev.loupe.benchmarks;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.session.Benchmark;
import dev.loupe.executor.session.ExecutionMode;
import dev.loupe.executor.session.RunProfile;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.session.SessionOptions;
import dev.loupe.executor.simd.VectorSupport;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.Node;
import dev.loupe.model.io.ModelReader;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
///     [--threads N] [--runs R] [--warmup W] [--mode debug|fast|both] [--profile] MODEL.onnx...
/// ```
///
/// `W` untimed rotations come first (default 500, so that Loupe's code is compiled at every thread count).
///
/// `--mode` picks Loupe's [ExecutionMode] (default `both`: a DEBUG and a FAST session timed in the same
/// rotation, one table row each, with the bytes the calling thread allocated per run). `--profile` also
/// prints Loupe's slowest steps and time per operator type, medians of a few extra runs ([RunProfile]), and the
/// same for ORT from its own profiler ([OrtProfile]; its optimized graph fuses and renames nodes, so the two
/// compare by operator and by stage).
public final class ModelComparison {

    private static final int PROFILE_RUNS = 5;
    /// Untimed runs of ORT's profiled session: its code is native and needs no JIT warm-up, and every profiled run
    /// adds its nodes' events to the trace read back afterwards.
    private static final int ORT_PROFILE_WARMUP = 5;
    private static final int SLOWEST_NODES = 15;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ModelComparison() {
    }

    public static void main(String[] args) throws Exception {
        int threads = 1;
        int runs = 20;
        // Untimed rotations first: Loupe's speed at two threads on two cores settles only after some 300-500 runs,
        // its JIT compilers competing with the run for the cores (docs/PERFORMANCE.md, eighteenth session).
        int warmup = 500;
        boolean profile = false;
        var modes = List.of(ExecutionMode.DEBUG, ExecutionMode.FAST);
        var models = new ArrayList<Path>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--profile" -> profile = true;
                case "--mode" -> modes = switch (args[++i]) {
                    case "both" -> List.of(ExecutionMode.DEBUG, ExecutionMode.FAST);
                    default -> List.of(ExecutionMode.valueOf(args[i].toUpperCase(Locale.ROOT)));
                };
                default -> models.add(Path.of(args[i]));
            }
        }
        if (models.isEmpty()) {
            System.err.println("usage: ModelComparison [--threads N] [--runs R] [--warmup W] [--mode debug|fast|both] [--profile] MODEL.onnx...");
            System.exit(2);
        }
        System.out.printf(Locale.ROOT, "threads %d, warm-up %d, runs %d, %s, %s%n", threads, warmup, runs,
                VectorSupport.describe(), Runtime.version());
        var rows = new ArrayList<String>();
        for (var path : models) {
            rows.addAll(compare(path, threads, runs, warmup, modes, profile));
        }
        System.out.println();
        System.out.println("| model | mode | threads | Loupe median ms (min-max) | ORT all opt. median ms | ORT basic median ms | Loupe / ORT all"
                + " | Loupe / ORT basic | CPU ms Loupe / ORT all / ORT basic | CPU Loupe / ORT all | CPU Loupe / ORT basic | Loupe MB allocated per run |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    private static List<String> compare(Path path, int threads, int runs, int warmup, List<ExecutionMode> modes,
                                        boolean profile) throws Exception {
        var env = OrtEnvironment.getEnvironment();
        try (var model = ModelReader.read(path);
             var ortAll = env.createSession(path.toString(), OrtPeer.options(threads, OrtSession.SessionOptions.OptLevel.ALL_OPT));
             var ortBasic = env.createSession(path.toString(), OrtPeer.options(threads, OrtSession.SessionOptions.OptLevel.BASIC_OPT))) {
            var sessions = new ArrayList<Session>();
            for (var mode : modes) {
                sessions.add(Session.create(model, BuiltinKernels.registry(), SessionOptions.defaults().withThreads(threads).withMode(mode)));
            }
            var inputs = Benchmark.randomInputs(sessions.getFirst(), 7);
            var ortInputs = OrtPeer.inputs(env, inputs);
            try {
                for (var session : sessions) {
                    OrtPeer.check(path + " (" + session.options().mode() + ")", session.run(inputs).outputs(), ortAll.run(ortInputs));
                }
                var actions = new ArrayList<Action>();
                sessions.forEach(session -> actions.add(() -> session.run(inputs)));
                actions.add(() -> ortAll.run(ortInputs).close());
                actions.add(() -> ortBasic.run(ortInputs).close());
                for (int i = 0; i < warmup; i++) {
                    for (var action : actions) {
                        action.run();
                    }
                }
                int contenders = actions.size();
                var times = new long[contenders][3][runs];
                for (int r = 0; r < runs; r++) {
                    for (int slot = 0; slot < contenders; slot++) {
                        int c = (slot + r) % contenders;
                        time(actions.get(c), times[c], r);
                    }
                }
                var rows = new ArrayList<String>();
                double a = OrtPeer.medianMillis(times[contenders - 2][0]);
                double b = OrtPeer.medianMillis(times[contenders - 1][0]);
                double ac = OrtPeer.medianMillis(times[contenders - 2][1]);
                double bc = OrtPeer.medianMillis(times[contenders - 1][1]);
                if (profile) {
                    printOrtProfile(OrtProfile.measure(env, path, threads, ortInputs, ORT_PROFILE_WARMUP, PROFILE_RUNS));
                }
                for (int i = 0; i < sessions.size(); i++) {
                    var session = sessions.get(i);
                    var mode = session.options().mode();
                    if (profile) {
                        printProfile(session, inputs);
                    }
                    double l = OrtPeer.medianMillis(times[i][0]);
                    double lc = OrtPeer.medianMillis(times[i][1]);
                    double mb = OrtPeer.medianMillis(times[i][2]);
                    System.out.printf(Locale.ROOT, "%s %s: wall Loupe %.2f ms, ORT all %.2f ms, ORT basic %.2f ms; CPU of the calling thread %.2f, %.2f, %.2f ms; Loupe allocated %.2f MB per run%n",
                            path.getFileName(), mode, l, a, b, lc, ac, bc, mb);
                    var cpu = threads == 1 ? String.format(Locale.ROOT, " %.2f / %.2f / %.2f | %.2f | %.2f |", lc, ac, bc, lc / ac, lc / bc) : " - | - | - |";
                    rows.add(String.format(Locale.ROOT, "| %s | %s | %d | %.2f (%.2f-%.2f) | %.2f | %.2f | %.2f | %.2f |", path.getFileName(),
                            mode.name().toLowerCase(Locale.ROOT), threads, l, Arrays.stream(times[i][0]).min().orElseThrow() / 1e6,
                            Arrays.stream(times[i][0]).max().orElseThrow() / 1e6, a, b, l / a, l / b) + cpu
                            + String.format(Locale.ROOT, " %.2f |", mb));
                }
                return rows;
            } finally {
                for (var t : ortInputs.values()) {
                    t.close();
                }
            }
        }
    }

    private static void printProfile(Session session, Map<String, RuntimeValue> inputs) {
        var profile = RunProfile.of(session, inputs, PROFILE_RUNS);
        System.out.printf(Locale.ROOT, "  slowest nodes (median of %d runs):%n", PROFILE_RUNS);
        profile.steps().stream().limit(SLOWEST_NODES).forEach(s ->
                System.out.printf(Locale.ROOT, "    %8.3f ms  %-10s %s%n", s.nanos() / 1e6, s.node().opType(), describe(s.node())));
        System.out.printf(Locale.ROOT, "  Loupe time by operator (median of %d runs, %.2f ms in kernels):%n", PROFILE_RUNS,
                profile.stepsNanos() / 1e6);
        for (var op : profile.byOperator()) {
            System.out.printf(Locale.ROOT, "    %-24s %8.2f ms  %5.1f%%%n", op.opType(), op.nanos() / 1e6, 100 * op.share());
        }
    }

    private static void printOrtProfile(OrtProfile profile) {
        System.out.printf(Locale.ROOT, "  ORT (all optimizations, its profiler) slowest nodes (median of %d runs):%n", PROFILE_RUNS);
        profile.nodes().stream().limit(SLOWEST_NODES).forEach(n ->
                System.out.printf(Locale.ROOT, "    %8.3f ms  %-10s %s%n", n.nanos() / 1e6, n.opType(), n.name()));
        System.out.printf(Locale.ROOT, "  ORT time by operator (%.2f ms in kernels, runs %.2f ms):%n", profile.nodesNanos() / 1e6,
                profile.runNanos() / 1e6);
        for (var op : profile.byOperator()) {
            System.out.printf(Locale.ROOT, "    %-24s %8.2f ms  %5.1f%%%n", op.opType(), op.nanos() / 1e6, 100 * op.share());
        }
    }

    /// A node with its input types and the attributes that shape its work (kernel, strides, group), so that a
    /// profile points at layers rather than operators.
    private static String describe(Node node) {
        var text = new StringBuilder(node.displayName()).append(' ');
        for (var input : node.inputs()) {
            if (input != null && input.bestType() != null) {
                text.append(input.bestType()).append(' ');
            }
        }
        for (var name : List.of("kernel_shape", "strides")) {
            node.attribute(name).ifPresent(a -> text.append(name).append('=').append(Arrays.toString(node.intsAttr(name))).append(' '));
        }
        node.attribute("group").ifPresent(a -> text.append("group=").append(node.intAttr("group", 1)));
        return text.toString().strip();
    }

    private interface Action {
        void run() throws Exception;
    }

    /// Runs `action`, storing its wall time in `into[0][run]`, the calling thread's CPU time in `into[1][run]`
    /// and the bytes it allocated in `into[2][run]`.
    private static void time(Action action, long[][] into, int run) throws Exception {
        long bytes = Benchmark.allocatedBytes();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        action.run();
        into[0][run] = System.nanoTime() - start;
        into[1][run] = THREADS.getCurrentThreadCpuTime() - cpu;
        into[2][run] = Benchmark.allocatedBytes() - bytes;
    }
}
