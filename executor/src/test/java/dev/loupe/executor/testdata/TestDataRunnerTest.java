package dev.loupe.executor.testdata;

import dev.loupe.executor.io.InputLoader;
import dev.loupe.executor.io.OutputWriter;
import dev.loupe.executor.session.TestModels;
import dev.loupe.executor.tensor.OptionalValue;
import dev.loupe.executor.tensor.SequenceValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.io.ModelWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.loupe.executor.session.TestModels.input;
import static dev.loupe.executor.session.TestModels.names;
import static dev.loupe.executor.session.TestModels.node;
import static dev.loupe.executor.session.TestModels.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestDataRunnerTest {

    private static Tensor floats(float... v) {
        return Tensor.ofFloats(new long[] {v.length}, v);
    }

    /// A case folder computing `y = op(x)` with one data set.
    private static Path writeCase(Path root, String name, String op, Tensor x, Tensor expected) throws Exception {
        var g = new Graph(null, name);
        input(g, "x", ElementType.FLOAT, x.shape());
        node(g, "n", op, names("x"), names("y"));
        output(g, "y");
        var dir = Files.createDirectories(root.resolve(name));
        ModelWriter.write(TestModels.model(g, 17), dir.resolve("model.onnx"));
        var set = Files.createDirectories(dir.resolve("test_data_set_0"));
        OutputWriter.writePb("x", x, set.resolve("input_0.pb"));
        OutputWriter.writePb("y", expected, set.resolve("output_0.pb"));
        return dir;
    }

    @Test
    void runsEveryCaseAndSummarizes(@TempDir Path root) throws Exception {
        writeCase(root, "good", "Neg", floats(1, 2), floats(-1, -2));
        writeCase(root, "close_enough", "Neg", floats(1000), floats(-1000.5f));
        writeCase(root, "wrong", "Neg", floats(1, 2, 3), floats(-1, -2.5f, -3));
        writeCase(root, "unknown_op", "Frobnicate", floats(1), floats(1));
        var empty = Files.createDirectories(root.resolve("nested/no_data"));
        Files.copy(root.resolve("good/model.onnx"), empty.resolve("model.onnx"));
        var seen = new ArrayList<CaseResult>();
        var report = TestDataRunner.run(root, Tolerance.DEFAULT, seen::add);
        assertThat(seen).isEqualTo(report.cases());
        assertThat(report.cases()).extracting(CaseResult::line).containsExactly(
                "PASS  close_enough",
                "PASS  good",
                "SKIP  nested/no_data: no test_data_set_* folder",
                "ERROR unknown_op: unsupported operator Frobnicate (domain ai.onnx, opset 17) at node 'n': no such operator in this domain",
                "FAIL  wrong: test_data_set_0 output 'y' [1]: expected -2.50000000, got -2.00000000 (error 0.500, allowed 0.00250)");
        assertThat(report.summaryLine()).isEqualTo("2 passed, 2 failed, 1 skipped");
        assertThat(TestDataRunner.run(root.resolve("good"), Tolerance.DEFAULT, r -> { }).summaryLine())
                .isEqualTo("1 passed, 0 failed, 0 skipped");
        assertThatThrownBy(() -> TestDataRunner.run(root.resolve("absent"), Tolerance.DEFAULT, r -> { }))
                .hasMessageContaining("is not a folder");
    }

    @Test
    void comparesWithTolerancesNaNsAndExactTypes() {
        var tol = Tolerance.DEFAULT;
        assertThat(ValueComparator.compare("v", floats(1, Float.NaN, Float.POSITIVE_INFINITY),
                floats(1.0005f, Float.NaN, Float.POSITIVE_INFINITY), tol)).isEmpty();
        assertThat(ValueComparator.compare("v", floats(1), floats(Float.NaN), tol).orElseThrow().detail())
                .startsWith("expected 1.00000000, got NaN");
        assertThat(ValueComparator.compare("v", floats(0), floats(1e-6f), tol)).isPresent();
        var worst = ValueComparator.compare("v", floats(1, 2, 3, 4), floats(1.1f, 2, 3.9f, 4), tol).orElseThrow();
        assertThat(worst.where()).isEqualTo("v [2]");
        assertThat(worst.differing()).isEqualTo(2);
        assertThat(ValueComparator.compare("v", Tensor.ofLongs(new long[] {2}, 5, 6), Tensor.ofLongs(new long[] {2}, 5, 7), tol)
                .orElseThrow().toString()).isEqualTo("v [1]: expected 6, got 7");
        assertThat(ValueComparator.compare("v", floats(1), Tensor.of(ElementType.DOUBLE, new long[] {1}, new double[] {1}), tol)
                .orElseThrow().detail()).isEqualTo("expected element type float, got double (double[1])");
        assertThat(ValueComparator.compare("v", floats(1, 2), Tensor.ofFloats(new long[] {2, 1}, 1, 2), tol)
                .orElseThrow().detail()).isEqualTo("expected shape [2], got [2, 1]");
        var strings = Tensor.of(ElementType.STRING, new long[] {1}, new String[] {"a"});
        assertThat(ValueComparator.compare("v", strings, Tensor.of(ElementType.STRING, new long[] {1}, new String[] {"b"}), tol))
                .isPresent();
        var seq = new SequenceValue(List.of(floats(1), floats(2)), ElementType.FLOAT);
        assertThat(ValueComparator.compare("v", seq, new SequenceValue(List.of(floats(1)), ElementType.FLOAT), tol)
                .orElseThrow().detail()).isEqualTo("expected a sequence of 2, got 1");
        assertThat(ValueComparator.compare("v", new OptionalValue(null), new OptionalValue(floats(1)), tol)).isPresent();
    }

    @Test
    void loadsInputsNamedAfterTheModelsInputs(@TempDir Path dir) throws Exception {
        var g = new Graph(null, "g");
        var x = input(g, "x", ElementType.FLOAT, 2);
        var y = input(g, "y", ElementType.INT64, 1);
        OutputWriter.write(Map.of("x", floats(1, 2), "y", Tensor.ofLongs(new long[] {1}, 9)), dir, OutputWriter.Format.NPY);
        var loaded = InputLoader.fromDirectory(List.of(x, y), dir);
        assertThat(((Tensor) loaded.get("x")).floats()).containsExactly(1, 2);
        assertThat(((Tensor) loaded.get("y")).longs()).containsExactly(9);
        var byName = InputLoader.fromFiles(List.of(x, y), Map.of("x", dir.resolve("x.npy")));
        assertThat(byName).containsOnlyKeys("x");
    }
}
