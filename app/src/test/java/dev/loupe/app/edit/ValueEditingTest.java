package dev.loupe.app.edit;

import static dev.loupe.app.FxThread.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.OpenDocument;
import dev.loupe.app.TestModels;
import dev.loupe.app.main.MainViewModel;
import dev.loupe.executor.io.NpyWriter;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import dev.loupe.model.OpsetId;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Graph inputs, weights and constants edited through [ValueActions], and node duplication/replacement.
class ValueEditingTest {

    @TempDir
    Path dir;

    private OpenDocument doc;
    private MainViewModel vm;

    @AfterEach
    void close() throws Exception {
        if (doc != null) {
            doc.close();
        }
    }

    @Test
    void graphInputsAreAddedRetypedReshapedAndRemoved() throws Exception {
        open(TestModels.withDeadNode());
        assertThat(call(() -> vm.values().addInput("mask", "int64", "batch,?"))).isTrue();
        var mask = call(() -> input("mask"));
        assertThat(mask.type().toString()).contains("int64").contains("batch").contains("?");
        doc.waitUntilIdle();
        assertThat(call(() -> vm.values().addInput("mask2", "floaty", "1"))).isFalse();
        assertThat(call(() -> vm.statusProperty().get())).contains("'floaty' is not an ONNX element type");

        assertThat(call(() -> vm.values().setInputShape("x", "N,4"))).isTrue();
        assertThat(call(() -> input("x").type().toString())).contains("N");
        doc.waitUntilIdle();
        assertThat(call(() -> vm.values().setInputType("mask", "int32"))).isTrue();
        assertThat(call(() -> input("mask").type().toString())).contains("int32");
        doc.waitUntilIdle();
        assertThat(call(() -> vm.values().removeInput("x"))).as("nodes read x").isFalse();
        assertThat(call(() -> vm.values().removeInput("mask"))).isTrue();
        assertThat(call(() -> vm.values().graphInputs())).containsExactly("x");
    }

    @Test
    void aWeightBecomesAConstantNodeAndBackAndIsReplacedFromANpyFile() throws Exception {
        open(withWeight());
        doc.select("add");
        assertThat(call(() -> vm.values().initializersOfSelection())).containsExactly("w");
        var npy = dir.resolve("w.npy");
        NpyWriter.write(Tensor.ofFloats(new long[] {1, 4}, 9f, 8f, 7f, 6f), npy);
        assertThat(call(() -> vm.values().replaceInitializer("w", npy))).as("read in the background").isTrue();
        doc.waitUntilIdle();
        assertThat(call(() -> graph().value("w").initializer().dims())).containsExactly(1, 4);
        doc.waitUntilIdle();
        var longs = dir.resolve("l.npy");
        NpyWriter.write(Tensor.ofLongs(new long[] {4}, 1, 2, 3, 4), longs);
        assertThat(call(() -> vm.values().replaceInitializer("w", longs))).isTrue();
        doc.waitUntilIdle();
        assertThat(call(() -> vm.statusProperty().get())).contains("holds float but l.npy holds int64");
        assertThat(call(() -> graph().value("w").initializer().toFloatArray())).as("unchanged").containsExactly(9f, 8f, 7f, 6f);

        assertThat(call(() -> vm.values().initializerToConstant("w"))).isTrue();
        assertThat(call(() -> graph().nodes().stream().map(Node::opType).toList())).containsExactly("Constant", "Add");
        doc.waitUntilIdle();
        doc.select("add");
        assertThat(call(vm.values()::constantToInitializer)).as("the Constant is drawn inside its consumer").isTrue();
        assertThat(call(() -> graph().nodes().stream().map(Node::opType).toList())).containsExactly("Add");
        assertThat(call(() -> graph().value("w").isInitializer())).isTrue();
    }

    @Test
    void aNodeIsDuplicatedAndItsOperatorReplaced() throws Exception {
        open(TestModels.withDeadNode());
        doc.select("relu");
        assertThat(call(vm.edits()::duplicateSelected)).isTrue();
        assertThat(call(() -> graph().nodes().stream().map(Node::name).toList())).contains("relu", "relu_copy");
        doc.waitUntilIdle();
        doc.select("relu");
        assertThat(call(() -> vm.edits().replaceSelectedOp("Sigmoid"))).isTrue();
        assertThat(call(() -> graph().nodes().stream().filter(n -> n.name().equals("relu")).findFirst().orElseThrow().opType()))
                .isEqualTo("Sigmoid");
        doc.waitUntilIdle();
        doc.select("relu");
        assertThat(call(() -> vm.edits().replaceSelectedOp("NoSuchOp"))).isFalse();
        assertThat(call(() -> vm.statusProperty().get())).startsWith("Cannot make relu a NoSuchOp");
    }

    @Test
    void valuesEditedInTheTensorViewerReplaceTheInitializerUndoably() throws Exception {
        open(withWeight());
        doc.select("add");
        var viewer = call(() -> {
            var t = new dev.loupe.app.inspect.TensorViewModel(graph().value("w").initializer());
            t.setEditor(vm.values().initializerEditor("w"));
            return t;
        });
        assertThat(viewer.isEditable()).isTrue();
        assertThat(call(() -> viewer.setValue(0, 1, " 42.5 "))).isNull();
        assertThat(call(() -> graph().value("w").initializer().toFloatArray())).containsExactly(1f, 42.5f, 3f, 4f);
        assertThat(viewer.value(0, 1)).isEqualTo(42.5f);
        assertThat(call(() -> viewer.statisticRows().stream().filter(r -> r[0].equals("max")).findFirst().orElseThrow()[1])).contains("42.5");
        doc.waitUntilIdle();
        assertThat(call(() -> viewer.setValue(0, 0, "lots"))).isEqualTo("'lots' is not a float number");
        assertThat(call(() -> graph().value("w").initializer().toFloatArray())).containsExactly(1f, 42.5f, 3f, 4f);
        call(() -> {
            vm.undo();
            return null;
        });
        assertThat(call(() -> graph().value("w").initializer().toFloatArray())).containsExactly(1f, 2f, 3f, 4f);
        assertThat(call(() -> vm.edits().tensorAttributeEditor("value"))).as("a node is selected").isNotNull();
        call(() -> {
            vm.diagram().select(-1);
            return null;
        });
        assertThat(call(() -> vm.values().initializerEditor("y"))).as("not an initializer").isNull();
    }

    @Test
    void aTensorAttributeIsReplacedFromAFile() throws Exception {
        var g = new Graph(null, "main");
        var shape = g.valueOrCreate("shape");
        shape.setType(TypeInfo.tensor(ElementType.INT64, 2));
        g.addInput(shape);
        var fill = g.addNode("fill", "ConstantOfShape", "");
        fill.addInput(shape);
        fill.setAttribute(dev.loupe.model.Attribute.ofTensor("value", TensorData.ofFloats("", new long[] {1}, 1f)));
        var y = g.valueOrCreate("y");
        fill.addOutput(y);
        g.addOutput(y);
        var model = new dev.loupe.model.Model(g);
        model.setIrVersion(8L);
        model.opsetImports().add(new OpsetId("", 17));
        open(model);
        doc.select("fill");
        var npy = dir.resolve("v.npy");
        NpyWriter.write(Tensor.ofFloats(new long[] {1}, 2.5f), npy);
        assertThat(call(() -> vm.edits().setTensorAttribute("value", npy))).isTrue();
        doc.waitUntilIdle();
        var value = call(() -> graph().nodes().getFirst().attribute("value").orElseThrow().value());
        assertThat(((dev.loupe.model.AttributeValue.TensorValue) value).value().toFloatArray()).containsExactly(2.5f);
        doc.waitUntilIdle();
        assertThat(call(() -> vm.edits().setTensorAttribute("value", dir.resolve("missing.npy")))).isFalse();
        assertThat(call(() -> vm.statusProperty().get())).startsWith("Cannot read missing.npy");
    }

    private void open(dev.loupe.model.Model model) throws Exception {
        doc = OpenDocument.open(model, dir.resolve("model.onnx"));
        vm = doc.vm();
    }

    private Graph graph() {
        return vm.getDocument().model().graph();
    }

    private Value input(String name) {
        return graph().inputs().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    /// `y = x + w` with `w` a float initializer of shape [1, 4].
    private static dev.loupe.model.Model withWeight() {
        var g = new Graph(null, "main");
        var x = g.valueOrCreate("x");
        x.setType(TypeInfo.tensor(ElementType.FLOAT, 1, 4));
        g.addInput(x);
        g.setInitializer(g.valueOrCreate("w"), TensorData.ofFloats("w", new long[] {1, 4}, 1f, 2f, 3f, 4f));
        var add = g.addNode("add", "Add", "");
        add.addInput(x);
        add.addInput(g.value("w"));
        var y = g.valueOrCreate("y");
        y.setType(TypeInfo.tensor(ElementType.FLOAT, 1, 4));
        add.addOutput(y);
        g.addOutput(y);
        var model = new dev.loupe.model.Model(g);
        model.setIrVersion(8L);
        model.opsetImports().add(new OpsetId("", 17));
        return model;
    }
}
