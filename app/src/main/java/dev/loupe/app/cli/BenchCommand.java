package dev.loupe.app.cli;

import dev.loupe.executor.io.InputLoader;
import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.session.Benchmark;
import dev.loupe.executor.session.RunProfile;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.session.SessionOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/// `loupe bench MODEL [--threads N] [--runs R] [--warmup W] [--warmup-time SECONDS] [--mode debug|fast]
/// [--data-dir DIR] [--profile] [--json]`: median, min and max run time after at least `W` untimed runs and
/// `SECONDS` of them on the embedded executor (in
/// [dev.loupe.executor.session.ExecutionMode#FAST] unless told otherwise), the bytes allocated per run on the
/// calling thread, the Java heap the loaded session holds (in use after a full collection once the runs are
/// done: weights as the kernels keep them, plans, the JVM's own) and the process's peak resident memory. With
/// `--profile`, as many more runs give each step's median time ([RunProfile]): the time by operator and the
/// slowest steps.
@Command(name = "bench", description = "Time whole runs of a model on the embedded executor (median, min, max) and report peak memory.")
final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "The .onnx file.")
    Path model;

    @Option(names = "--threads", defaultValue = "0", description = "Threads for the kernels (default: all cores).")
    int threads;

    @Option(names = "--runs", defaultValue = "10", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "30",
            description = "Untimed runs first, so that the JIT has compiled the vector kernels (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-time", paramLabel = "SECONDS", defaultValue = "10",
            description = "Keep warming up until this many seconds have passed: on several threads the JIT's compilers "
                    + "share the cores with the runs, and the steady speed comes later (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Inputs from a folder; random inputs (seed 0) when left out.")
    Path dataDir;

    @Option(names = "--mode", paramLabel = "debug|fast", defaultValue = "fast", description = ModeOption.DESCRIPTION)
    String mode;

    @Option(names = "--profile", description = "Also time each step (as many more runs): time by operator and the "
            + "slowest steps. In fast mode a fused step counts under its first node.")
    boolean profile;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    /// Slowest steps listed with `--profile`.
    private static final int SLOWEST = 10;
    /// Longest warm-up time accepted (a day: a larger figure is a typo).
    private static final double MAX_WARMUP_SECONDS = 86_400;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(warmupSeconds >= 0 && warmupSeconds <= MAX_WARMUP_SECONDS)) {
            throw new ParameterException(spec.commandLine(), "--warmup-time must be between 0 and " + MAX_WARMUP_SECONDS
                    + " seconds, got " + warmupSeconds);
        }
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        Benchmark.Result result;
        RunProfile stepTimes;
        long heldHeap;
        try (var m = ModelOption.open(model)) {
            var options = SessionOptions.defaults().withThreads(n).withMode(ModeOption.parse(spec, mode));
            var session = Session.create(m, BuiltinKernels.registry(), options);
            var inputs = dataDir == null ? Benchmark.randomInputs(session, 0) : InputLoader.fromDirectory(session.inputs(), dataDir);
            if (warmupSeconds > 0) {
                var err = spec.commandLine().getErr();
                err.printf(Locale.ROOT, "loupe: warming up: at least %d run(s) and %.1f s (--warmup, --warmup-time)%n", warmup,
                        warmupSeconds);
                err.flush();
            }
            result = Benchmark.run(session, inputs, warmup, Duration.ofNanos(Math.round(warmupSeconds * 1e9)), runs);
            stepTimes = profile ? RunProfile.of(session, inputs, runs) : null;
            heldHeap = heapAfterCollection();
            Reference.reachabilityFence(session);
        }
        long peakRss = peakResidentBytes();
        var out = spec.commandLine().getOut();
        if (json) {
            var map = new LinkedHashMap<String, Object>();
            map.put("model", model.toString());
            map.put("mode", result.mode().name().toLowerCase(Locale.ROOT));
            map.put("threads", result.threads());
            map.put("warmup", result.warmup());
            map.put("warmupSeconds", result.warmupNanos() / 1e9);
            map.put("runs", result.runs());
            map.put("medianMillis", result.medianNanos() / 1e6);
            map.put("minMillis", result.minNanos() / 1e6);
            map.put("maxMillis", result.maxNanos() / 1e6);
            map.put("peakLiveBytes", result.peakLiveBytes());
            map.put("allocatedBytesPerRun", result.allocatedBytesPerRun());
            map.put("heapHeldBytes", heldHeap);
            map.put("peakResidentBytes", peakRss);
            if (stepTimes != null) {
                map.put("profile", profileJson(stepTimes));
            }
            out.println(Json.write(map));
        } else {
            out.printf("%s: %d runs after %d warm-up (%.1f s), %d thread(s), %s mode%n", model.getFileName(), result.runs(),
                    result.warmup(), result.warmupNanos() / 1e9, result.threads(), result.mode().name().toLowerCase(Locale.ROOT));
            out.printf("median %.2f ms, min %.2f ms, max %.2f ms%n", result.medianNanos() / 1e6, result.minNanos() / 1e6,
                    result.maxNanos() / 1e6);
            out.printf("peak live tensors %.1f MiB, peak resident memory %s%n", result.peakLiveBytes() / 1048576.0,
                    peakRss < 0 ? "unknown" : String.format("%.1f MiB", peakRss / 1048576.0));
            out.printf("allocated per run (calling thread, median) %s%n", result.allocatedBytesPerRun() < 0 ? "unknown"
                    : String.format("%.2f MiB", result.allocatedBytesPerRun() / 1048576.0));
            out.printf("heap held with the session loaded (after a full collection) %.1f MiB%n", heldHeap / 1048576.0);
            if (stepTimes != null) {
                printProfile(out, stepTimes);
            }
        }
        out.flush();
        return LoupeCommand.OK;
    }

    private static void printProfile(PrintWriter out, RunProfile p) {
        out.printf("time by operator (median of each step over %d runs; %.2f ms in steps of a %.2f ms run):%n",
                p.runs(), p.stepsNanos() / 1e6, p.medianRunNanos() / 1e6);
        for (var op : p.byOperator()) {
            out.printf("  %-24s %9.3f ms %6.1f%%  %d step(s)%n", op.opType(), op.nanos() / 1e6, 100 * op.share(), op.steps());
        }
        out.println("slowest steps:");
        for (var s : p.steps().subList(0, Math.min(SLOWEST, p.steps().size()))) {
            out.printf("  %9.3f ms  %-16s %s%n", s.nanos() / 1e6, s.node().opType(), s.node().displayName());
        }
    }

    private static Map<String, Object> profileJson(RunProfile p) {
        var operators = new ArrayList<Object>();
        for (var op : p.byOperator()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("opType", op.opType());
            m.put("millis", op.nanos() / 1e6);
            m.put("share", op.share());
            m.put("steps", op.steps());
            operators.add(m);
        }
        var steps = new ArrayList<Object>();
        for (var s : p.steps()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("node", s.node().displayName());
            m.put("opType", s.node().opType());
            m.put("millis", s.nanos() / 1e6);
            steps.add(m);
        }
        var map = new LinkedHashMap<String, Object>();
        map.put("runs", p.runs());
        map.put("medianRunMillis", p.medianRunNanos() / 1e6);
        map.put("operators", operators);
        map.put("steps", steps);
        return map;
    }

    /// Java heap in use right after a full collection (asked of the JVM; `-XX:+DisableExplicitGC` makes it an
    /// upper bound).
    private static long heapAfterCollection() {
        System.gc();
        var runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /// The process's peak resident set size (`VmHWM` on Linux), or -1 where it cannot be read.
    private static long peakResidentBytes() {
        try {
            for (var line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
