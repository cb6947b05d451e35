package dev.loupe.executor.conformance;

import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.session.ExecutionMode;
import dev.loupe.executor.testdata.CaseResult;
import dev.loupe.executor.testdata.TestDataRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.fail;

/// Runs the ONNX backend test data in [ExecutionMode#FAST] and requires every case that passes in
/// [ExecutionMode#DEBUG] to pass: [ConformanceTest] pins the debug failures to the known-failure lists, so a
/// fast-mode failure outside those lists is a case the plan (folding, fusion, recycled storage) broke.
/// Cases with several data sets run one session several times, so recycled storage is reused across runs.
class FastModeConformanceTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "simple", "pytorch-converted", "pytorch-operator"})
    void everyCasePassingInDebugPassesInFast(String suite) throws IOException {
        var root = ConformanceTest.suiteRoot(suite);
        var defaults = TestDataRunner.Options.defaults();
        var options = new TestDataRunner.Options(defaults.tolerance(), defaults.session().withMode(ExecutionMode.FAST),
                defaults.caseTimeout());
        var report = TestDataRunner.run(root, options, BuiltinKernels.registry(), r -> { });
        var failing = new TreeMap<String, String>();
        for (var r : report.cases()) {
            if (r instanceof CaseResult.Fail || r instanceof CaseResult.Error) {
                failing.put(r.name(), r.reason());
            }
        }
        System.out.printf("conformance %s in FAST mode: %d cases, %d passed, %d failed, %d errors, %d skipped%n", suite,
                report.cases().size(), report.passed(), report.failed(), report.errors(), report.skipped());
        var broken = new TreeSet<>(failing.keySet());
        broken.removeAll(ConformanceTest.readKnown(suite).keySet());
        if (!broken.isEmpty()) {
            var msg = new StringBuilder(broken.size() + " case(s) of " + suite + " fail in FAST mode but not in DEBUG:");
            broken.forEach(n -> msg.append("\n  ").append(n).append("  ").append(failing.get(n)));
            fail(msg.toString());
        }
    }
}
