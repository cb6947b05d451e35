package dev.loupe.model.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Model;
import dev.loupe.model.edit.CommandStack;
import dev.loupe.model.edit.Edit;
import dev.loupe.model.edit.EditException;
import dev.loupe.model.edit.GraphInputEdits;
import dev.loupe.model.edit.NodeEdits;
import dev.loupe.model.edit.ValueEdits;
import dev.loupe.model.io.ModelReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/// Random sessions mixing the whole-graph transformations with ordinary edits: each undo gives back the
/// bytes from before its edit, undoing everything gives the original file, and redoing everything the
/// final state.
class TransformSequenceTest {

    @Test
    void randomSessionsUndoAndRedoExactly() throws Exception {
        var kinds = new java.util.TreeSet<String>();
        for (long seed = 1; seed <= 6; seed++) {
            try (var model = ModelReader.read(Fixtures.TRANSFORMER)) {
                var random = new Random(seed);
                var stack = new CommandStack();
                var states = new ArrayList<byte[]>();
                states.add(Fixtures.bytes(model));
                for (int step = 0; step < 32; step++) {
                    var edit = randomEdit(model, random, step);
                    if (edit != null) {
                        stack.execute(edit);
                        states.subList(stack.position(), states.size()).clear();
                        states.add(Fixtures.bytes(model));
                    }
                    if (random.nextInt(5) == 0 && stack.canUndo()) {
                        var undone = stack.undoDescription();
                        stack.undo();
                        assertThat(Arrays.equals(Fixtures.bytes(model), states.get(stack.position())))
                                .as("undo '%s' (seed %d)", undone, seed).isTrue();
                        stack.redo();
                    }
                }
                stack.history().forEach(h -> kinds.add(h.substring(0, h.indexOf(' '))));
                var finalState = Fixtures.bytes(model);
                while (stack.canUndo()) {
                    var undone = stack.undoDescription();
                    stack.undo();
                    assertThat(Arrays.equals(Fixtures.bytes(model), states.get(stack.position())))
                            .as("undo all: '%s' (seed %d)", undone, seed).isTrue();
                }
                while (stack.canRedo()) {
                    stack.redo();
                }
                assertThat(Fixtures.bytes(model)).as("redo all, seed %d", seed).isEqualTo(finalState);
            }
        }
        assertThat(kinds).contains("Make", "Inline", "Set", "Remove", "Rename", "Connect", "Delete", "Duplicate", "Replace", "Add");
    }

    private static Edit randomEdit(Model model, Random random, int step) {
        var g = model.graph();
        var node = g.nodes().get(random.nextInt(g.nodes().size()));
        try {
            return switch (random.nextInt(15)) {
                case 10 -> NodeEdits.duplicate(node);
                case 11 -> NodeEdits.replaceOpType(model, node, random.nextBoolean() ? "Identity" : "Neg", null);
                case 12 -> ValueEdits.constantToInitializer(model, node);
                case 13 -> g.initializers().isEmpty() ? null
                        : ValueEdits.initializerToConstant(g.initializers().get(random.nextInt(g.initializers().size())));
                case 14 -> GraphInputEdits.add(model, "in" + step, g.value("src").type());
                case 0 -> FunctionEdits.makeFunction(model, List.of(node), "F" + step, "local", random.nextBoolean());
                case 1 -> FunctionEdits.makeFunction(model, Fixtures.encoderLayer(model, random.nextInt(2)), "Layer" + step,
                        "local", random.nextBoolean());
                case 2 -> model.functionFor(node).isPresent() ? FunctionEdits.inline(model, node, random.nextBoolean()) : null;
                case 3 -> FunctionEdits.flatten(model);
                case 4 -> ShapeEdits.setInputShape(model, "src=" + (1 + random.nextInt(3)) + ",seq,32");
                case 5 -> Cleanup.removeDeadCode(model);
                case 6 -> NodeEdits.rename(node, "n" + step);
                case 7 -> node.output(0) == null ? null : ValueEdits.rename(node.output(0), "v" + step);
                case 8 -> node.inputs().isEmpty() ? null : ValueEdits.reconnect(node, 0, g.value("src"));
                default -> {
                    var unused = g.nodes().stream().filter(n -> n.outputs().stream()
                            .allMatch(v -> v == null || (v.consumers().isEmpty() && !v.isGraphOutput()))).toList();
                    yield unused.isEmpty() ? null : NodeEdits.delete(unused.get(random.nextInt(unused.size())));
                }
            };
        } catch (EditException refused) {
            return null;
        }
    }
}
