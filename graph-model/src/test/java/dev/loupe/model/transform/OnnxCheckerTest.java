package dev.loupe.model.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loupe.model.Model;
import dev.loupe.model.edit.CommandStack;
import dev.loupe.model.edit.GraphInputEdits;
import dev.loupe.model.edit.NodeEdits;
import dev.loupe.model.edit.ValueEdits;
import dev.loupe.model.io.ModelReader;
import dev.loupe.model.io.ModelWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Saved results of the transformations pass the official ONNX checker (`full_check=True`). Runs when
/// Debian's `/usr/bin/python3` can import `onnx` (package `python3-onnx`, which CI installs); skipped with
/// a message otherwise.
class OnnxCheckerTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsPythonOnnx() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "skipped: /usr/bin/python3 is missing (install python3-onnx)");
        var probe = new ProcessBuilder(PYTHON.toString(), "-c", "import onnx").redirectErrorStream(true).start();
        assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "skipped: /usr/bin/python3 cannot import onnx (install python3-onnx)");
    }

    private String check(Model model, String name) throws Exception {
        var file = dir.resolve(name);
        ModelWriter.write(model, file);
        var process = new ProcessBuilder(PYTHON.toString(), "-c",
                "import sys, onnx; onnx.checker.check_model(sys.argv[1], full_check=True)", file.toString())
                .redirectErrorStream(true).start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() == 0 ? "" : out;
    }

    @Test
    void functionsInlinedModelsAndExtractsPassTheOfficialChecker() throws Exception {
        try (var model = ModelReader.read(Fixtures.TRANSFORMER)) {
            var stack = new CommandStack();
            stack.execute(FunctionEdits.makeFunction(model, Fixtures.encoderLayer(model, 0), "EncoderLayer", "local", true));
            assertThat(check(model, "functions.onnx")).isEmpty();
            stack.execute(FunctionEdits.flatten(model));
            assertThat(check(model, "inlined.onnx")).isEmpty();
            stack.execute(ShapeEdits.setInputShape(model, "src=2,8,32"));
            assertThat(check(model, "static.onnx")).isEmpty();
        }
        var upgraded = OpsetAdaptersTest.opset12();
        new CommandStack().execute(OpsetAdapters.plan(upgraded, 13).edit());
        assertThat(check(upgraded, "opset13.onnx")).isEmpty();
        try (var model = ModelReader.read(Fixtures.RESNET)) {
            var block = Extraction.extract(model, List.of("/layer1/Relu_1_output_0"), List.of("/layer2/Relu_1_output_0"));
            assertThat(check(block, "block.onnx")).isEmpty();
        }
    }

    @Test
    void nodeValueAndInterfaceEditsAndMergesPassTheOfficialChecker() throws Exception {
        try (var model = ModelReader.read(Fixtures.TRANSFORMER)) {
            dev.loupe.model.infer.ShapeInference.infer(model);
            var stack = new CommandStack();
            var g = model.graph();
            var relu = g.nodes().stream().filter(n -> n.opType().equals("Relu")).findFirst().orElseThrow();
            stack.execute(NodeEdits.replaceOpType(model, relu, "Sigmoid", null));
            var softmax = g.nodes().stream().filter(n -> n.opType().equals("Softmax")).findFirst().orElseThrow();
            stack.execute(NodeEdits.duplicate(softmax));
            dev.loupe.model.infer.ShapeInference.infer(model);
            stack.execute(ValueEdits.addGraphOutput(g.nodes().get(g.nodes().indexOf(softmax) + 1).output(0)));
            var constant = g.nodes().stream().filter(n -> n.opType().equals("Constant")).findFirst().orElseThrow();
            stack.execute(ValueEdits.constantToInitializer(model, constant));
            stack.execute(ValueEdits.initializerToConstant(g.initializers().getFirst()));
            stack.execute(GraphInputEdits.add(model, "unused", dev.loupe.model.TypeInfo.tensor(dev.loupe.model.ElementType.FLOAT, 2)));
            stack.execute(ShapeEdits.setInputDim(model, g.value("src"), 0, dev.loupe.model.Dim.symbol("n")));
            assertThat(check(model, "edited.onnx")).isEmpty();
        }
        try (var a = ModelReader.read(Fixtures.TRANSFORMER); var b = ModelReader.read(Fixtures.TRANSFORMER)) {
            var merged = ModelMerge.merge(a, b, List.of(new ModelMerge.Connection("output", "src")), "a/", "b/");
            assertThat(check(merged, "merged.onnx")).isEmpty();
        }
    }
}
