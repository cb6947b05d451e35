package dev.loupe.executor.testdata;

import dev.loupe.executor.io.InputLoader;
import dev.loupe.executor.io.ValueFileException;
import dev.loupe.executor.kernel.CancelledException;
import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.session.RunControl;
import dev.loupe.executor.session.RunResult;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.session.SessionException;
import dev.loupe.executor.session.SessionOptions;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.io.ModelIOException;
import dev.loupe.model.io.ModelReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/// Runs test cases in the ONNX backend-test layout: a case is a folder with `model.onnx` and
/// `test_data_set_N/` folders of `input_K.pb` and `output_K.pb` (inputs matched to the model's inputs
/// without initializer, outputs to its outputs, in order; sequences, optionals and maps read by the declared
/// types).
///
/// ```java
/// var report = TestDataRunner.run(Path.of("/usr/share/libonnx-testdata/data/node"), Tolerance.DEFAULT,
///         result -> System.out.println(result.line()));
/// System.out.println(report.summaryLine());
/// ```
///
/// Cases run one after another on the calling thread; the listener is called on that thread after each.
public final class TestDataRunner {

    /// Told about each case as soon as it is done.
    @FunctionalInterface
    public interface Progress {
        void caseFinished(CaseResult result);
    }

    /// How cases run.
    ///
    /// @param caseTimeout a case still running after this long is cancelled (checked between nodes and in
    ///                    kernels that check for cancellation) and reported as an error
    public record Options(Tolerance tolerance, SessionOptions session, Duration caseTimeout) {

        public static Options defaults() {
            return new Options(Tolerance.DEFAULT, SessionOptions.defaults(), Duration.ofMinutes(2));
        }

        public Options withTolerance(Tolerance t) {
            return new Options(t, session, caseTimeout);
        }
    }

    private final Options options;
    private final KernelRegistry registry;

    private TestDataRunner(Options options, KernelRegistry registry) {
        this.options = options;
        this.registry = registry;
    }

    /// Runs every case under `root` (or `root` itself when it is a case) with the built-in kernels.
    ///
    /// @throws IOException when `root` does not exist or cannot be listed
    public static Report run(Path root, Tolerance tolerance, Progress progress) throws IOException {
        return run(root, Options.defaults().withTolerance(tolerance), BuiltinKernels.registry(), progress);
    }

    public static Report run(Path root, Options options, KernelRegistry registry, Progress progress) throws IOException {
        var runner = new TestDataRunner(options, registry);
        var results = new ArrayList<CaseResult>();
        var timer = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "test-data-timeout");
            t.setDaemon(true);
            return t;
        });
        try {
            for (var dir : findCases(root)) {
                var name = root.equals(dir) ? dir.getFileName().toString() : root.relativize(dir).toString();
                var result = runner.runCase(name, dir, timer);
                results.add(result);
                progress.caseFinished(result);
            }
        } finally {
            timer.shutdownNow();
        }
        return new Report(results);
    }

    /// `root` when it holds `model.onnx`, else every folder below it that does, sorted by path.
    public static List<Path> findCases(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("'" + root + "' is not a folder");
        }
        if (Files.isRegularFile(root.resolve("model.onnx"))) {
            return List.of(root);
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("model.onnx"))).sorted().toList();
        }
    }

    private CaseResult runCase(String name, Path dir, ScheduledExecutorService timer) {
        List<Path> dataSets;
        try (Stream<Path> s = Files.list(dir)) {
            dataSets = s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("test_data_set_")).sorted().toList();
        } catch (IOException e) {
            return new CaseResult.Error(name, dir, "cannot list the case folder: " + e.getMessage());
        }
        if (dataSets.isEmpty()) {
            return new CaseResult.Skipped(name, dir, "no test_data_set_* folder");
        }
        long start = System.nanoTime();
        try (var model = ModelReader.read(dir.resolve("model.onnx"))) {
            var session = Session.create(model, registry, options.session());
            for (var set : dataSets) {
                var failure = runDataSet(session, set, timer);
                if (failure != null) {
                    return new CaseResult.Fail(name, dir, set.getFileName().toString(), failure);
                }
            }
            return new CaseResult.Pass(name, dir, dataSets.size(), System.nanoTime() - start);
        } catch (ModelIOException e) {
            return new CaseResult.Error(name, dir, "cannot read model.onnx: " + e.getMessage());
        } catch (ValueFileException | SessionException e) {
            return new CaseResult.Error(name, dir, e.getMessage());
        } catch (CancelledException e) {
            return new CaseResult.Error(name, dir, "timed out after " + options.caseTimeout().toSeconds() + " s");
        } catch (StackOverflowError e) {
            return new CaseResult.Error(name, dir, "stack overflow");
        } catch (RuntimeException | OutOfMemoryError | ExceptionInInitializerError e) {
            return new CaseResult.Error(name, dir, e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
        }
    }

    private Mismatch runDataSet(Session session, Path set, ScheduledExecutorService timer) throws ValueFileException {
        var inputs = new java.util.LinkedHashMap<String, RuntimeValue>();
        for (var e : InputLoader.fromDirectory(session.inputs(), set).entrySet()) {
            var declared = session.inputs().stream().filter(v -> v.name().equals(e.getKey())).findFirst();
            inputs.put(e.getKey(), Bfloat16Patterns.adapt(e.getValue(), declared.map(v -> v.type()).orElse(null)));
        }
        var expectedFiles = InputLoader.numbered(set, "output");
        var outputs = session.outputs();
        var control = new RunControl();
        var timeout = timer.schedule(control::cancel, options.caseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        RunResult result;
        try {
            result = session.run(inputs, control);
        } finally {
            timeout.cancel(false);
        }
        if (expectedFiles.size() > outputs.size()) {
            return new Mismatch("outputs", "expected " + expectedFiles.size() + " outputs but the model has " + outputs.size(), Double.NaN, 0);
        }
        for (int k = 0; k < expectedFiles.size(); k++) {
            var out = outputs.get(k);
            RuntimeValue expected = Bfloat16Patterns.adapt(InputLoader.readValue(expectedFiles.get(k), out.type()), out.type());
            var m = ValueComparator.compare("output '" + out.name() + "'", expected, result.outputs().get(out.name()), options.tolerance());
            if (m.isPresent()) {
                return m.get();
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
