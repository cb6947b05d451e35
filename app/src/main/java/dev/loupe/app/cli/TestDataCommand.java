package dev.loupe.app.cli;

import dev.loupe.executor.testdata.CaseResult;
import dev.loupe.executor.testdata.TestDataRunner;
import dev.loupe.executor.testdata.Tolerance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/// `loupe test-data ROOT [--rtol R] [--atol A] [--json FILE]`: runs every case in the ONNX test layout.
@Command(name = "test-data", description = "Run every case folder under ROOT (model.onnx + test_data_set_*) and compare with the expected outputs.")
final class TestDataCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ROOT", description = "A case folder, or a folder of case folders.")
    Path root;

    @Option(names = "--rtol", defaultValue = "1e-3", description = "Relative tolerance (default: ${DEFAULT-VALUE}).")
    double rtol;

    @Option(names = "--atol", defaultValue = "1e-7", description = "Absolute tolerance (default: ${DEFAULT-VALUE}).")
    double atol;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results to FILE as JSON.")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("'" + root + "' is not a folder");
        }
        var out = spec.commandLine().getOut();
        var report = TestDataRunner.run(root, new Tolerance(rtol, atol), result -> {
            out.println(result.line());
            out.flush();
        });
        out.println(report.summaryLine());
        out.flush();
        if (json != null) {
            var map = new LinkedHashMap<String, Object>();
            map.put("root", root.toString());
            map.put("rtol", rtol);
            map.put("atol", atol);
            map.put("passed", report.passed());
            map.put("failed", report.failed());
            map.put("skipped", report.skipped());
            map.put("cases", report.cases().stream().map(TestDataCommand::caseMap).toList());
            Files.writeString(json, Json.write(map) + "\n");
        }
        return report.allPassed() ? LoupeCommand.OK : LoupeCommand.FAILED;
    }

    private static Map<String, Object> caseMap(CaseResult c) {
        var m = new LinkedHashMap<String, Object>();
        m.put("name", c.name());
        m.put("result", switch (c) {
            case CaseResult.Pass p -> "PASS";
            case CaseResult.Fail f -> "FAIL";
            case CaseResult.Error e -> "ERROR";
            case CaseResult.Skipped s -> "SKIP";
        });
        m.put("line", c.line());
        return m;
    }
}
