package dev.loupe.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.OpsetId;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.edit.ValueEdits;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// An initializer is written under its value's name, whatever name its tensor data carries: renaming a
/// weight, or giving a value a tensor read from a file, must not leave the saved model pointing elsewhere.
class InitializerNameTest {

    @TempDir
    Path dir;

    @Test
    void aRenamedInitializerIsSavedUnderItsNewName() throws Exception {
        var model = addWeight("w", TensorData.ofFloats("w", new long[] {2}, 1f, 2f));
        ValueEdits.rename(model.graph().value("w"), "weight").execute();
        var file = dir.resolve("renamed.onnx");
        ModelWriter.write(model, file);
        try (var saved = ModelReader.read(file)) {
            var weight = saved.graph().value("weight");
            assertThat(weight).isNotNull();
            assertThat(weight.isInitializer()).isTrue();
            assertThat(saved.graph().value("w")).isNull();
            assertThat(saved.graph().nodes().getFirst().inputs().get(1).name()).isEqualTo("weight");
        }
    }

    @Test
    void tensorDataNamedDifferentlyIsSavedUnderTheValueName() throws Exception {
        var model = addWeight("w", TensorData.ofFloats("from_file", new long[] {2}, 1f, 2f));
        var file = dir.resolve("named.onnx");
        ModelWriter.write(model, file);
        try (var saved = ModelReader.read(file)) {
            assertThat(saved.graph().initializers()).extracting(v -> v.name()).containsExactly("w");
        }
    }

    /// `y = x + w` with `w` the given constant.
    private static Model addWeight(String name, TensorData data) {
        var g = new Graph(null, "main");
        var x = g.valueOrCreate("x");
        x.setType(TypeInfo.tensor(ElementType.FLOAT, 2));
        g.addInput(x);
        g.setInitializer(g.valueOrCreate(name), data);
        var add = g.addNode("add", "Add", "");
        add.addInput(x);
        add.addInput(g.value(name));
        var y = g.valueOrCreate("y");
        y.setType(TypeInfo.tensor(ElementType.FLOAT, 2));
        add.addOutput(y);
        g.addOutput(y);
        var model = new Model(g);
        model.setIrVersion(8L);
        model.opsetImports().add(new OpsetId("", 17));
        return model;
    }
}
