package dev.loupe.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.model.Model;
import dev.loupe.model.io.ModelIOException;
import dev.loupe.model.io.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;

/// Models the viewer's tests open: cases of the ONNX test data (`apt-get install libonnx-testdata`; tests
/// that need it are skipped, saying so, when it is missing).
public final class TestModels {

    public static final Path ONNX_TEST_DATA = Path.of("/usr/share/libonnx-testdata/data");

    private TestModels() {
    }

    /// The `model.onnx` of an ONNX test case, e.g. `node/test_loop11`.
    public static Path path(String testCase) {
        var p = ONNX_TEST_DATA.resolve(testCase).resolve("model.onnx");
        assertTrue(Files.isRegularFile(p), "ONNX test data missing (apt-get install libonnx-testdata): " + p);
        return p;
    }

    public static Model read(String testCase) throws ModelIOException {
        return ModelReader.read(path(testCase));
    }

    /// `y = Swish(Relu(x))` where `Swish` is a model-local function `x * Sigmoid(x)`.
    public static dev.loupe.model.Model withLocalFunction() {
        var body = new dev.loupe.model.Graph(null, "Swish");
        var bx = body.valueOrCreate("X");
        body.addInput(bx);
        var sig = body.addNode("sig", "Sigmoid", "");
        sig.addInput(bx);
        var s = body.valueOrCreate("S");
        sig.addOutput(s);
        var mul = body.addNode("mul", "Mul", "");
        mul.addInput(bx);
        mul.addInput(s);
        var by = body.valueOrCreate("Y");
        mul.addOutput(by);
        body.addOutput(by);
        var f = new dev.loupe.model.Function("Swish", "local", body);
        f.setOpsetImports(java.util.List.of(new dev.loupe.model.OpsetId("", 17)));

        var g = new dev.loupe.model.Graph(null, "main");
        var x = g.valueOrCreate("x");
        x.setType(dev.loupe.model.TypeInfo.tensor(dev.loupe.model.ElementType.FLOAT, 1, 4));
        g.addInput(x);
        var relu = g.addNode("relu", "Relu", "");
        relu.addInput(x);
        var r = g.valueOrCreate("r");
        relu.addOutput(r);
        var call = g.addNode("swish", "Swish", "local");
        call.addInput(r);
        var y = g.valueOrCreate("y");
        y.setType(dev.loupe.model.TypeInfo.tensor(dev.loupe.model.ElementType.FLOAT, 1, 4));
        call.addOutput(y);
        g.addOutput(y);
        var model = new dev.loupe.model.Model(g);
        model.setIrVersion(8L);
        model.opsetImports().add(new dev.loupe.model.OpsetId("", 17));
        model.opsetImports().add(new dev.loupe.model.OpsetId("local", 1));
        model.functions().add(f);
        return model;
    }

    /// [#withLocalFunction()] plus a node `dead` (`Softmax` of `x`, `axis` -1) whose output nothing reads, so it
    /// can be deleted.
    public static dev.loupe.model.Model withDeadNode() {
        var model = withLocalFunction();
        var g = model.graph();
        var dead = g.addNode("dead", "Softmax", "");
        dead.addInput(g.resolve("x"));
        dead.setAttribute(dev.loupe.model.Attribute.ofInt("axis", -1));
        dead.addOutput(g.valueOrCreate("unused"));
        return model;
    }
}
