package dev.loupe.app.cli;

import dev.loupe.executor.io.InputLoader;
import dev.loupe.executor.io.OutputWriter;
import dev.loupe.executor.io.ValueSummary;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.session.SessionOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/// `loupe run MODEL [--input NAME=FILE]... [--data-dir DIR] [--out DIR] [--format npy|pb] [--threads N] [--mode debug|fast]`.
/// Runs in [dev.loupe.executor.session.ExecutionMode#FAST] unless told otherwise.
@Command(name = "run", description = "Run a model once on the embedded executor and summarize (and optionally save) its outputs.")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "The .onnx file.")
    Path model;

    @Option(names = "--input", paramLabel = "NAME=FILE", description = "An input from a .pb, .npy or .npz file (repeatable).")
    Map<String, Path> inputs = new LinkedHashMap<>();

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "A folder of inputs: input_K.pb (ONNX test layout), NAME.npy/NAME.pb, or .npz archives.")
    Path dataDir;

    @Option(names = "--out", paramLabel = "DIR", description = "Write every output to DIR.")
    Path out;

    @Option(names = "--format", paramLabel = "npy|pb", defaultValue = "npy", description = "Format of written outputs (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Threads for the kernels (default: all cores).")
    int threads;

    @Option(names = "--mode", paramLabel = "debug|fast", defaultValue = "fast", description = ModeOption.DESCRIPTION)
    String mode;

    @Option(names = "--json", description = "Print the output summary as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var writeFormat = switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "npy" -> OutputWriter.Format.NPY;
            case "pb" -> OutputWriter.Format.PB;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be npy or pb, not '" + format + "'");
        };
        try (var m = ModelOption.open(model)) {
            var options = SessionOptions.defaults().withThreads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors())
                    .withMode(ModeOption.parse(spec, mode));
            var session = Session.create(m, dev.loupe.executor.kernels.BuiltinKernels.registry(), options);
            var values = InputLoader.load(session.inputs(), inputs, dataDir);
            var result = session.run(values);
            var summaries = result.outputs().entrySet().stream().map(e -> ValueSummary.of(e.getKey(), e.getValue())).toList();
            var printer = spec.commandLine().getOut();
            if (json) {
                printer.println(Json.write(Map.of("milliseconds", result.nanos() / 1e6, "outputs", summaries.stream().map(s -> {
                    var map = new LinkedHashMap<String, Object>();
                    map.put("name", s.name());
                    map.put("type", s.type());
                    map.put("min", s.min());
                    map.put("max", s.max());
                    map.put("mean", s.mean());
                    map.put("nanCount", s.nanCount());
                    return map;
                }).toList())));
            } else {
                summaries.forEach(printer::println);
                printer.printf("ran %d steps (%s mode) in %.1f ms%n", result.nodeStats().size(),
                        options.mode().name().toLowerCase(java.util.Locale.ROOT), result.nanos() / 1e6);
            }
            if (out != null) {
                java.nio.file.Files.createDirectories(out);
                var written = OutputWriter.write(result.outputs(), out, writeFormat);
                if (!json) {
                    printer.println("wrote " + written.size() + " file(s) to " + out);
                }
            }
            printer.flush();
        }
        return LoupeCommand.OK;
    }
}
