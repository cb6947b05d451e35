package dev.loupe.app.cli;

import dev.loupe.executor.compare.Comparer;
import dev.loupe.executor.compare.ComparisonMonitor;
import dev.loupe.executor.compare.Reference;
import dev.loupe.executor.compare.ReportMaps;
import dev.loupe.executor.compare.ReportText;
import dev.loupe.executor.io.InputLoader;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.testdata.Tolerance;
import dev.loupe.model.Model;
import dev.loupe.model.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/// `loupe compare MODEL --data-dir DIR [--against expected|fp64|MODEL2] [--rtol R] [--atol A] [--json FILE]`:
/// the outputs' verdicts, the first divergent node by local error, the worst nodes and, for tree ensembles,
/// the samples whose decision path changes. Exit code 1 when an output exceeds the tolerance.
@Command(name = "compare", description = "Compare a run with expected outputs, a float64 shadow run or another model, node by node.")
final class CompareCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "The .onnx file.")
    Path model;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "Inputs (input_K.pb, NAME.npy/.pb or .npz) and, for --against expected, output_K.pb files.")
    Path dataDir;

    @Option(names = "--against", defaultValue = "expected", paramLabel = "expected|fp64|MODEL2",
            description = "The reference: the expected outputs in DIR, a float64 shadow run, or another model (default: ${DEFAULT-VALUE}).")
    String against;

    @Option(names = "--rtol", defaultValue = "1e-5", description = "Relative tolerance (default: ${DEFAULT-VALUE}).")
    double rtol;

    @Option(names = "--atol", defaultValue = "1e-5", description = "Absolute tolerance (default: ${DEFAULT-VALUE}).")
    double atol;

    @Option(names = "--worst", defaultValue = "10", description = "Rows in the table of worst nodes (default: ${DEFAULT-VALUE}).")
    int worst;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the full report to FILE as JSON.")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (var m = ModelOption.open(model); var other = openReferenceModel()) {
            var inputs = InputLoader.fromDirectory(m.graph().inputs(), dataDir);
            var reference = switch (against) {
                case "expected" -> new Reference.Expected(expectedOutputs(m, dataDir));
                case "fp64" -> new Reference.Float64Shadow();
                default -> new Reference.OtherModel(other);
            };
            var report = Comparer.withBuiltinKernels().compare(m, inputs, reference, new Tolerance(rtol, atol), ComparisonMonitor.none());
            var out = spec.commandLine().getOut();
            out.print(ReportText.render(report, worst));
            out.flush();
            if (json != null) {
                Files.writeString(json, Json.write(ReportMaps.toMap(report, worst)) + "\n");
            }
            return report.passed() ? LoupeCommand.OK : LoupeCommand.FAILED;
        }
    }

    /// The model named by `--against`, or `null` for the other kinds of reference.
    private Model openReferenceModel() throws Exception {
        return against.equals("expected") || against.equals("fp64") ? null : ModelOption.open(Path.of(against));
    }

    /// `output_K.pb` files of the folder, matched to the graph outputs in order.
    private static Map<String, RuntimeValue> expectedOutputs(Model model, Path dir) throws Exception {
        List<Value> outputs = model.graph().outputs();
        var files = InputLoader.numbered(dir, "output");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("'" + dir + "' has no output_K.pb files to compare with; use --against fp64 or MODEL2");
        }
        if (files.size() > outputs.size()) {
            throw new IllegalArgumentException("'" + dir + "' has " + files.size() + " output files but the model has " + outputs.size() + " outputs");
        }
        var expected = new LinkedHashMap<String, RuntimeValue>();
        for (int i = 0; i < files.size(); i++) {
            var v = outputs.get(i);
            expected.put(v.name(), InputLoader.readValue(files.get(i), v.bestType()));
        }
        return expected;
    }
}
