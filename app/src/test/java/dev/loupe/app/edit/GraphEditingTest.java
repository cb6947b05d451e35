package dev.loupe.app.edit;

import static dev.loupe.app.FxThread.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.OpenDocument;
import dev.loupe.app.TestModels;
import dev.loupe.app.main.MainViewModel;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.OpsetId;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import dev.loupe.model.io.ModelReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The Edit and Graph menu actions, the operator palette and the history, driven through the view models of
/// an opened document.
class GraphEditingTest {

    @TempDir
    Path dir;

    private OpenDocument doc;
    private MainViewModel vm;

    private void open(Model model) throws Exception {
        doc = OpenDocument.open(model, dir.resolve("model.onnx"));
        vm = doc.vm();
    }

    @AfterEach
    void close() throws Exception {
        if (doc != null) {
            doc.close();
        }
    }

    @Test
    void thePaletteAddsANodeReadingTheChosenValuesWithDefaultAttributes() throws Exception {
        open(TestModels.withDeadNode());
        doc.select("relu");
        var palette = call(() -> new PaletteViewModel(vm));
        var entry = call(() -> {
            palette.load();
            palette.queryProperty().set("leakyrel");
            return palette.entries().getFirst();
        });
        assertThat(call(() -> palette.entries().stream().map(PaletteViewModel.Entry::label).toList())).containsExactly("LeakyRelu");
        assertThat(call(palette::suggestedInput)).isEqualTo("r");
        assertThat(call(() -> palette.addNode(entry, List.of("r")))).isTrue();
        var added = call(() -> node("LeakyRelu"));
        assertThat(added.inputs()).extracting(Value::name).containsExactly("r");
        assertThat(added.attribute("alpha")).hasValueSatisfying(a -> assertThat(a.value()).isEqualTo(new dev.loupe.model.AttributeValue.FloatValue(0.01f)));
        assertThat(added.outputs()).hasSize(1);
        doc.waitUntilIdle();

        var cast = call(() -> {
            palette.queryProperty().set("Cast");
            return palette.entries().stream().filter(e -> e.label().equals("Cast")).findFirst().orElseThrow();
        });
        assertThat(call(() -> palette.addNode(cast, List.of(" ")))).isFalse();
        assertThat(call(() -> vm.statusProperty().get())).isEqualTo("Cannot add Cast: input 'input' is required");
        assertThat(call(() -> palette.addNode(cast, List.of("nothing")))).isFalse();
        assertThat(call(() -> vm.statusProperty().get())).contains("no value named 'nothing'");
        assertThat(call(() -> palette.addNode(cast, List.of("x")))).isTrue();
        assertThat(call(() -> node("Cast").attribute("to"))).as("required attribute without default gets a zero to edit")
                .hasValueSatisfying(a -> assertThat(a.value()).isEqualTo(new dev.loupe.model.AttributeValue.IntValue(0)));
    }

    @Test
    void reconnectOffersOnlyValuesThatMakeNoCycleAndRewiresTheInput() throws Exception {
        open(TestModels.withDeadNode());
        doc.select("relu");
        assertThat(call(() -> vm.edits().connectableValues(0))).as("the dead branch's output is no descendant of relu")
                .containsExactly("x", "unused");
        doc.select("dead");
        assertThat(call(() -> vm.edits().connectableValues(0))).contains("x", "r", "y");
        assertThat(call(() -> vm.edits().reconnect(0, "r"))).isTrue();
        assertThat(call(() -> node("Softmax").inputs().getFirst().name())).isEqualTo("r");
        doc.waitUntilIdle();
        doc.select("relu");
        assertThat(call(() -> vm.edits().reconnect(0, "y"))).isFalse();
        assertThat(call(() -> vm.statusProperty().get())).contains("cycle");
    }

    @Test
    void droppingAnEdgeOnAnotherBoxFeedsItsConsumerFromThere() throws Exception {
        open(TestModels.withDeadNode());
        int x = call(() -> boxOfInput("x"));
        int dead = call(() -> boxOf("dead"));
        int relu = call(() -> boxOf("relu"));
        int edge = call(() -> edgeBetween(x, dead));
        assertThat(call(() -> vm.edits().reconnectEdge(edge, relu))).isTrue();
        assertThat(call(() -> node("Softmax").inputs().getFirst().name())).isEqualTo("r");
        doc.waitUntilIdle();
        int swish = call(() -> boxOf("swish"));
        int intoRelu = call(() -> edgeBetween(boxOfInput("x"), boxOf("relu")));
        assertThat(call(() -> vm.edits().reconnectEdge(intoRelu, swish))).as("a cycle").isFalse();
        assertThat(call(() -> vm.statusProperty().get())).startsWith("Cannot reconnect").contains("cycle");
    }

    private int boxOfInput(String name) {
        var d = vm.diagram().getLevel().diagram();
        for (int i = 0; i < d.nodes().size(); i++) {
            if (d.node(i).kind() == dev.loupe.app.diagram.DiagramNode.Kind.INPUT && d.node(i).value().name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no input box " + name);
    }

    private int edgeBetween(int from, int to) {
        var edges = vm.diagram().getLevel().diagram().edges();
        for (int k = 0; k < edges.size(); k++) {
            if (edges.get(k).from() == from && edges.get(k).to() == to) {
                return k;
            }
        }
        throw new AssertionError("no edge " + from + " -> " + to);
    }

    @Test
    void promotingOutputsAndRenamingAValueAreUndoable() throws Exception {
        open(TestModels.withDeadNode());
        doc.select("relu");
        assertThat(call(vm.edits()::promoteOutputsToGraph)).isTrue();
        assertThat(call(() -> graph().outputs()).stream().map(Value::name)).containsExactly("y", "r");
        doc.waitUntilIdle();
        assertThat(call(vm.edits()::promoteOutputsToGraph)).isFalse();
        assertThat(call(() -> vm.statusProperty().get())).contains("already a graph output");
        assertThat(call(() -> vm.edits().renameValue("r", "hidden"))).isTrue();
        assertThat(call(() -> node("Relu").outputs().getFirst().name())).isEqualTo("hidden");
        doc.waitUntilIdle();
        call(() -> {
            vm.undo();
            return null;
        });
        doc.waitUntilIdle();
        call(() -> {
            vm.undo();
            return null;
        });
        assertThat(call(() -> graph().outputs()).stream().map(Value::name)).containsExactly("y");
        assertThat(call(() -> node("Relu").outputs().getFirst().name())).isEqualTo("r");
    }

    @Test
    void aFunctionIsMadeOfTheSelectionAndInlinedBack() throws Exception {
        open(TestModels.withDeadNode());
        doc.select("swish");
        assertThat(call(vm.edits()::inlineSelected)).isTrue();
        assertThat(call(() -> graph().nodes().stream().map(Node::opType).toList())).containsExactlyInAnyOrder("Relu", "Sigmoid", "Mul", "Softmax");
        assertThat(call(() -> vm.getDocument().model().functions())).isEmpty();
        doc.waitUntilIdle();

        doc.select("relu");
        var plan = call(() -> vm.edits().planFunction("", "local"));
        assertThat(plan).isNull();
        assertThat(call(() -> vm.statusProperty().get())).contains("needs a name");
        var made = call(() -> vm.edits().planFunction("JustRelu", "local"));
        assertThat(made.otherOccurrences()).isZero();
        assertThat(call(() -> vm.edits().makeFunction(made, false))).isTrue();
        assertThat(call(() -> vm.getDocument().model().functions()).stream().map(f -> f.name())).containsExactly("JustRelu");
        assertThat(call(() -> graph().nodes().stream().map(Node::opType).toList())).contains("JustRelu").doesNotContain("Relu");
        doc.waitUntilIdle();
        assertThat(call(vm.edits()::flatten)).isTrue();
        assertThat(call(() -> graph().nodes().stream().map(Node::opType).toList())).contains("Relu").doesNotContain("JustRelu");
    }

    @Test
    void ctrlClickBuildsAMultipleSelectionThatBecomesOneFunction() throws Exception {
        open(TestModels.withDeadNode());
        doc.select("relu");
        int dead = call(() -> boxOf("dead"));
        int relu = call(() -> boxOf("relu"));
        call(() -> {
            vm.diagram().toggle(dead);
            return null;
        });
        assertThat(call(() -> Selection.nodes(vm.diagram())).stream().map(Node::name)).containsExactly("relu", "dead");
        var highlight = call(() -> vm.diagram().highlightProperty().get());
        assertThat(highlight.marked()[relu]).isTrue();
        assertThat(highlight.marked()[dead]).isTrue();
        var plan = call(() -> vm.edits().planFunction("Pair", "local"));
        assertThat(plan.function().body().nodes()).extracting(Node::opType).containsExactly("Relu", "Softmax");
        assertThat(call(() -> vm.edits().makeFunction(plan, false))).isTrue();
        assertThat(call(() -> graph().nodes().stream().map(Node::opType).toList())).containsExactlyInAnyOrder("Pair", "Swish");
        doc.waitUntilIdle();

        call(() -> {
            vm.diagram().toggle(boxOf("swish"));
            vm.diagram().toggle(boxOf("swish"));
            return null;
        });
        assertThat(call(() -> vm.diagram().markedItems())).isEmpty();
        call(() -> {
            vm.diagram().select(-1);
            return null;
        });
        assertThat(call(() -> Selection.nodes(vm.diagram()))).isEmpty();
    }

    private int boxOf(String nodeName) {
        var d = vm.diagram().getLevel().diagram();
        for (int i = 0; i < d.nodes().size(); i++) {
            if (d.node(i).node() != null && nodeName.equals(d.node(i).node().name())) {
                return i;
            }
        }
        throw new AssertionError("no box for node " + nodeName);
    }

    @Test
    void theFunctionLibraryListsFunctionsWithTheirCallsAndInlinesThem() throws Exception {
        open(TestModels.withDeadNode());
        var library = call(() -> new FunctionLibraryViewModel(vm));
        call(() -> {
            library.refresh();
            return null;
        });
        var row = call(() -> library.rows().getFirst());
        assertThat(row.toString()).isEqualTo("local.Swish  —  1 call(s), 2 node(s)");
        assertThat(row.mainCalls()).containsExactly(call(() -> graph().nodes().indexOf(node("Swish"))));
        call(() -> {
            library.showBody(row);
            return null;
        });
        doc.waitFor(() -> vm.diagram().levels().size() == 2 && !vm.tasks().busyProperty().get());
        assertThat(call(() -> vm.diagram().getLevel().graph())).isSameAs(row.function().body());
        assertThat(call(() -> library.inlineAll(row))).isTrue();
        doc.waitUntilIdle();
        assertThat(call(() -> library.rows().isEmpty())).as("refreshed after the edit").isTrue();
    }

    @Test
    void foldingConstantsKeepsTheResultsOfTheSavedFile() throws Exception {
        open(withConstantBranch());
        call(() -> {
            vm.runInputs().randomizeAll();
            return null;
        });
        doc.waitFor(() -> vm.runInputs().isReady() && !vm.tasks().busyProperty().get());
        call(() -> {
            vm.graphTools().foldConstants();
            return null;
        });
        doc.waitFor(() -> graph().nodes().size() == 1 && !vm.tasks().busyProperty().get());
        assertThat(call(() -> vm.statusProperty().get())).startsWith("Folded 1 nodes into 1 initializers");
        assertThat(call(() -> vm.history().isDirty())).isTrue();

        call(() -> {
            vm.graphTools().verifyAgainstSaved();
            return null;
        });
        doc.waitFor(() -> vm.statusProperty().get().startsWith("Edited model"));
        assertThat(call(() -> vm.statusProperty().get())).isEqualTo("Edited model matches model.onnx on all 1 outputs");

        doc.select("mul");
        assertThat(call(() -> vm.edits().reconnect(1, "x"))).isTrue();
        doc.waitUntilIdle();
        call(() -> {
            vm.graphTools().verifyAgainstSaved();
            return null;
        });
        doc.waitFor(() -> vm.statusProperty().get().startsWith("Edited model"));
        assertThat(call(() -> vm.statusProperty().get())).startsWith("Edited model differs from model.onnx: output 'y'");
    }

    @Test
    void extractionWritesTheChosenPartAsANewModel() throws Exception {
        open(TestModels.withDeadNode());
        var part = dir.resolve("part.onnx");
        call(() -> {
            vm.graphTools().extract(List.of("x"), List.of("r"), part);
            return null;
        });
        doc.waitFor(() -> vm.statusProperty().get().startsWith("Extracted"));
        try (var extracted = ModelReader.read(part)) {
            assertThat(extracted.graph().nodes()).extracting(Node::opType).containsExactly("Relu");
            assertThat(extracted.graph().outputs()).extracting(Value::name).containsExactly("r");
        }
        assertThat(call(() -> vm.history().isDirty())).as("the open model is not changed").isFalse();
    }

    @Test
    void mergingFeedsTheOpenModelIntoAnotherAndWritesTheResult() throws Exception {
        open(TestModels.withDeadNode());
        var second = dir.resolve("second.onnx");
        dev.loupe.model.io.ModelWriter.write(withConstantBranch(), second);
        var target = dir.resolve("merged.onnx");
        var written = new java.util.concurrent.CompletableFuture<Path>();
        call(() -> {
            vm.graphTools().merge(second, List.of("y=x"), "", "b_", target, written::complete);
            return null;
        });
        assertThat(written.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(target);
        try (var merged = ModelReader.read(target)) {
            assertThat(merged.graph().inputs()).extracting(Value::name).containsExactly("x");
            assertThat(merged.graph().outputs()).extracting(Value::name).containsExactly("b_y");
            assertThat(merged.graph().nodes()).hasSize(5);
        }
        assertThat(call(() -> vm.history().isDirty())).isFalse();

        call(() -> {
            vm.graphTools().merge(second, List.of("y=nothing"), "", "b_", dir.resolve("bad.onnx"), written::complete);
            return null;
        });
        doc.waitFor(() -> vm.errorProperty().get() != null);
        assertThat(call(() -> vm.errorProperty().get().title())).isEqualTo("Merging failed");
        assertThat(call(() -> vm.errorProperty().get().message())).contains("nothing");
        assertThat(java.nio.file.Files.exists(dir.resolve("bad.onnx"))).isFalse();
    }

    @Test
    void theHistoryMovesBackAndForwardOverSeveralEdits() throws Exception {
        open(TestModels.withDeadNode());
        doc.select("dead");
        assertThat(call(vm.edits()::deleteSelected)).isTrue();
        doc.waitUntilIdle();
        doc.select("relu");
        assertThat(call(() -> vm.edits().renameSelected("first"))).isTrue();
        doc.waitUntilIdle();
        assertThat(call(() -> List.copyOf(vm.history().entries()))).containsExactly("Delete dead", "Rename node 'relu' to 'first'");
        assertThat(call(() -> vm.history().positionProperty().get())).isEqualTo(2);

        call(() -> {
            vm.moveInHistory(0);
            return null;
        });
        assertThat(call(() -> graph().nodes().stream().map(Node::name).toList())).containsExactly("relu", "swish", "dead");
        assertThat(call(() -> vm.history().isDirty())).isFalse();
        assertThat(call(() -> vm.history().positionProperty().get())).isZero();
        doc.waitUntilIdle();
        call(() -> {
            vm.moveInHistory(2);
            return null;
        });
        assertThat(call(() -> graph().nodes().stream().map(Node::name).toList())).containsExactly("first", "swish");
        assertThat(call(() -> vm.history().entries().size())).isEqualTo(2);
    }

    @Test
    void problemsOfAnEditShowAtOnceOnTheirNodeAndGoWithUndo() throws Exception {
        open(TestModels.withDeadNode());
        assertThat(call(() -> vm.problems().summaryProperty().get())).isEqualTo("No problems");
        var add = call(() -> {
            try {
                return dev.loupe.model.edit.NodeEdits.add(graph(), "odd", "NoSuchOp", "", List.of(graph().value("x")), List.of("o"), List.of());
            } catch (dev.loupe.model.edit.EditException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(call(() -> vm.execute(add))).isTrue();
        doc.waitUntilIdle();
        var rows = call(() -> List.copyOf(vm.problems().rows()));
        assertThat(rows).isNotEmpty();
        var first = rows.getFirst();
        assertThat(first.problem().isError()).isTrue();
        assertThat(first.problem().message()).contains("NoSuchOp");
        int index = call(() -> graph().nodes().indexOf(node("NoSuchOp")));
        assertThat(first.nodeIndex()).isEqualTo(index);
        var marked = call(() -> vm.problems().boxesOf(vm.diagram().getLevel().diagram()));
        int box = call(() -> vm.diagram().getLevel().diagram().itemOfNode(index));
        for (int i = 0; i < marked.length; i++) {
            assertThat(marked[i]).as("box " + i).isEqualTo(i == box);
        }
        call(() -> {
            vm.undo();
            return null;
        });
        doc.waitUntilIdle();
        assertThat(call(() -> vm.problems().rows().isEmpty())).isTrue();
    }

    private Graph graph() {
        return vm.getDocument().model().graph();
    }

    private Node node(String opType) {
        return graph().nodes().stream().filter(n -> n.opType().equals(opType)).findFirst().orElseThrow();
    }

    /// `y = x * (a + b)` with `a` and `b` constant initializers, so `Add` folds away.
    private static Model withConstantBranch() {
        var g = new Graph(null, "main");
        var x = g.valueOrCreate("x");
        x.setType(TypeInfo.tensor(ElementType.FLOAT, 1, 4));
        g.addInput(x);
        g.setInitializer(g.valueOrCreate("a"), floats(1f, 2f, 3f, 4f));
        g.setInitializer(g.valueOrCreate("b"), floats(0.5f, 0.5f, 0.5f, 0.5f));
        var add = g.addNode("add", "Add", "");
        add.addInput(g.value("a"));
        add.addInput(g.value("b"));
        add.addOutput(g.valueOrCreate("k"));
        var mul = g.addNode("mul", "Mul", "");
        mul.addInput(x);
        mul.addInput(g.value("k"));
        var y = g.valueOrCreate("y");
        y.setType(TypeInfo.tensor(ElementType.FLOAT, 1, 4));
        mul.addOutput(y);
        g.addOutput(y);
        var model = new Model(g);
        model.setIrVersion(8L);
        model.opsetImports().add(new OpsetId("", 17));
        return model;
    }

    private static TensorData floats(float... values) {
        return TensorData.ofFloats("", new long[] {1, values.length}, values);
    }
}
