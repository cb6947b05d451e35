package dev.loupe.executor.compare;

import dev.loupe.executor.io.InputLoader;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.Model;
import dev.loupe.model.io.ModelReader;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/// One of the team's real-model fixtures (`src/test/resources/fixtures/NAME`): the model, the inputs of
/// `test_data_set_0` and the original framework's outputs, by name.
record Fixture(Model model, Map<String, RuntimeValue> inputs, Map<String, RuntimeValue> expected) {

    static final Path ROOT = Path.of("../src/test/resources/fixtures");

    static Fixture load(String name) {
        var dir = ROOT.resolve(name);
        try {
            var model = ModelReader.read(dir.resolve("model.onnx"));
            var data = dir.resolve("test_data_set_0");
            var inputs = InputLoader.fromDirectory(model.graph().inputs(), data);
            var expected = new LinkedHashMap<String, RuntimeValue>();
            var files = InputLoader.numbered(data, "output");
            for (int k = 0; k < files.size(); k++) {
                var out = model.graph().outputs().get(k);
                expected.put(out.name(), InputLoader.readValue(files.get(k), out.type()));
            }
            return new Fixture(model, inputs, expected);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load fixture " + name + ": " + e.getMessage(), e);
        }
    }

    Reference.Expected expectedReference() {
        return new Reference.Expected(expected);
    }
}
