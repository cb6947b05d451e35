package dev.loupe.executor.conformance;

import dev.loupe.executor.testdata.CaseResult;
import dev.loupe.executor.testdata.Report;
import dev.loupe.executor.testdata.TestDataRunner;
import dev.loupe.executor.testdata.Tolerance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.fail;

/// Runs the ONNX backend test data (Debian's `libonnx-testdata`) and checks that exactly the cases listed in
/// `conformance/<suite>-known-failures.txt` fail, so the list can only shrink when kernels really get
/// better. Each list line is `case-name  reason`; `#` starts a comment.
///
/// After a run the actual failures are written to `target/conformance/<suite>-failures.txt` in the same
/// format; with `-Dconformance.update=true` the checked-in list is rewritten from them (review the diff).
class ConformanceTest {

    private static final Path DATA = Path.of(System.getProperty("conformance.data", "/usr/share/libonnx-testdata/data"));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "simple", "pytorch-converted", "pytorch-operator"})
    void failuresAreExactlyTheKnownOnes(String suite) throws IOException {
        var root = suiteRoot(suite);
        Report report = TestDataRunner.run(root, Tolerance.DEFAULT, r -> { });
        var actual = new TreeMap<String, String>();
        for (var r : report.cases()) {
            if (r instanceof CaseResult.Fail || r instanceof CaseResult.Error) {
                actual.put(r.name(), r.reason());
            }
        }
        System.out.printf("conformance %s: %d cases, %d passed, %d failed, %d errors, %d skipped%n", suite,
                report.cases().size(), report.passed(), report.failed(), report.errors(), report.skipped());
        write(Path.of("target", "conformance", suite + "-failures.txt"), actual);
        var listFile = Path.of("src", "test", "resources", "conformance", suite + "-known-failures.txt");
        if (Boolean.getBoolean("conformance.update")) {
            write(listFile, actual);
        }
        var known = readKnown(suite);
        var newlyFailing = new TreeSet<>(actual.keySet());
        newlyFailing.removeAll(known.keySet());
        var nowPassing = new TreeSet<>(known.keySet());
        nowPassing.removeAll(actual.keySet());
        if (!newlyFailing.isEmpty() || !nowPassing.isEmpty()) {
            var msg = new StringBuilder("conformance/" + suite + "-known-failures.txt is out of date");
            if (!newlyFailing.isEmpty()) {
                msg.append("\n  failing but not listed (").append(newlyFailing.size()).append("):");
                newlyFailing.forEach(n -> msg.append("\n    ").append(n).append("  ").append(actual.get(n)));
            }
            if (!nowPassing.isEmpty()) {
                msg.append("\n  listed but passing now, remove them (").append(nowPassing.size()).append("):");
                nowPassing.forEach(n -> msg.append("\n    ").append(n));
            }
            msg.append("\n  (actual failures written to target/conformance/").append(suite).append("-failures.txt)");
            fail(msg.toString());
        }
    }

    /// The known failures of `suite`: case name to reason.
    static Map<String, String> readKnown(String suite) throws IOException {
        var out = new LinkedHashMap<String, String>();
        try (var in = ConformanceTest.class.getResourceAsStream("/conformance/" + suite + "-known-failures.txt")) {
            if (in == null) {
                return out;
            }
            for (var line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                var t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                int sep = t.indexOf("  ");
                out.put(sep < 0 ? t : t.substring(0, sep), sep < 0 ? "" : t.substring(sep).strip());
            }
        }
        return out;
    }

    private static void write(Path file, Map<String, String> failures) throws IOException {
        Files.createDirectories(file.getParent());
        var sb = new StringBuilder("# Cases of this suite that are known to fail: `name  reason`, one per line.\n"
                + "# ConformanceTest fails when the failing set differs from this list.\n");
        failures.forEach((name, reason) -> sb.append(name).append("  ").append(reason.replace('\n', ' ')).append('\n'));
        Files.writeString(file, sb.toString());
    }

    /// The folder of test-data suite `suite` (`node`, `simple`...), failing the test with the install command
    /// when the data is missing: a missing corpus must never pass as an empty one.
    static Path suiteRoot(String suite) {
        var root = DATA.resolve(suite);
        if (!Files.isDirectory(root)) {
            fail("ONNX test data is missing: " + root + " does not exist; install it with `apt-get install -y libonnx-testdata`"
                    + " (or point -Dconformance.data at a copy)");
        }
        return root;
    }
}
