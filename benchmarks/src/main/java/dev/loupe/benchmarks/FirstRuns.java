package dev.loupe.benchmarks;

import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.session.Benchmark;
import dev.loupe.executor.session.ExecutionMode;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.session.SessionOptions;
import dev.loupe.executor.simd.WarmUp;
import dev.loupe.model.io.ModelReader;

import java.nio.file.Path;
import java.util.Locale;

/// The first runs of a model in a fresh JVM, as the window sees them: with `--warm-up` the vector kernels'
/// background warm-up ([WarmUp]) starts when the JVM does, as the window starts it, and the model is opened
/// `--delay` milliseconds later (the time a user takes to pick it). Prints the first three runs. Run it in a
/// JVM of its own each time: whatever ran before in the same JVM has compiled the kernels already.
///
/// ```
/// java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.loupe.benchmarks.FirstRuns \
///     MODEL [--warm-up] [--delay MS] [--threads N] [--mode fast|debug]
/// ```
public final class FirstRuns {

    private FirstRuns() {
    }

    public static void main(String[] args) throws Exception {
        Path model = null;
        boolean warmUp = false;
        long delay = 0;
        int threads = Runtime.getRuntime().availableProcessors();
        var mode = ExecutionMode.FAST;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warm-up" -> warmUp = true;
                case "--delay" -> delay = Long.parseLong(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--mode" -> mode = ExecutionMode.valueOf(args[++i].toUpperCase(Locale.ROOT));
                default -> model = Path.of(args[i]);
            }
        }
        if (model == null) {
            System.err.println("usage: FirstRuns MODEL [--warm-up] [--delay MS] [--threads N] [--mode fast|debug]");
            System.exit(2);
        }
        if (warmUp) {
            WarmUp.startInBackground();
        }
        Thread.sleep(delay);
        try (var m = ModelReader.read(model)) {
            var session = Session.create(m, BuiltinKernels.registry(), SessionOptions.defaults().withThreads(threads).withMode(mode));
            var inputs = Benchmark.randomInputs(session, 7);
            var runs = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                session.run(inputs);
                runs.append(String.format(Locale.ROOT, " %.0f", (System.nanoTime() - start) / 1e6));
            }
            System.out.printf(Locale.ROOT, "%s, %s mode, %d threads, warm-up %s, opened after %d ms: first runs%s ms%n",
                    model.getFileName(), mode.name().toLowerCase(Locale.ROOT), threads, warmUp ? "on" : "off", delay, runs);
        }
    }
}
