package dev.loupe.model.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import dev.loupe.model.Model;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.infer.ShapeInference;
import dev.loupe.model.io.ModelReader;
import dev.loupe.model.io.ModelWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// Long random sessions of mixed edits (a property checked over many seeds): a refused edit leaves the
/// bytes as they were, undoing everything gives back the original bytes step by step, and redoing
/// everything gives back the edited bytes.
class EditSequenceTest {

    static final Path MODEL = Path.of("../src/test/resources/fixtures/torch_transformer/model.onnx");

    /// The first word of every edit the sessions executed, over all seeds.
    private static final Set<String> KINDS = new java.util.concurrent.ConcurrentSkipListSet<>();

    @AfterAll
    static void everyKindOfEditRan() {
        assertThat(KINDS).contains("Rename", "Set", "Add", "Remove", "Delete", "Replace", "Duplicate", "Make", "Connect");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765, 10946})
    void undoAllRestoresAndRedoAllReplays(long seed) throws Exception {
        try (var model = ModelReader.read(MODEL)) {
            ShapeInference.infer(model);
            var stack = new CommandStack();
            var random = new Random(seed);
            int length = 50 + random.nextInt(70);
            var states = new ArrayList<byte[]>();
            states.add(ModelWriter.toBytes(model));
            for (int i = 0; i < length; i++) {
                var edit = randomEdit(model, random, i);
                if (edit != null) {
                    stack.execute(edit);
                    states.subList(stack.position(), states.size()).clear();
                    states.add(ModelWriter.toBytes(model));
                } else {
                    assertThat(Arrays.equals(ModelWriter.toBytes(model), states.get(stack.position())))
                            .as("a refused edit leaves the model unchanged (step %d, seed %d)", i, seed).isTrue();
                }
                if (random.nextInt(8) == 0 && stack.canUndo()) {
                    stack.undo();
                    assertThat(Arrays.equals(ModelWriter.toBytes(model), states.get(stack.position()))).isTrue();
                    if (random.nextBoolean()) {
                        stack.redo();
                    }
                }
            }
            assertThat(stack.position()).isGreaterThan(length / 4);
            stack.history().forEach(h -> KINDS.add(h.substring(0, h.indexOf(' '))));
            var descriptions = stack.history();
            while (stack.canUndo()) {
                var undone = descriptions.get(stack.position() - 1);
                stack.undo();
                assertThat(Arrays.equals(ModelWriter.toBytes(model), states.get(stack.position())))
                        .as("undoing '%s' (step %d, seed %d) restores the state before it", undone, stack.position(), seed).isTrue();
            }
            while (stack.canRedo()) {
                stack.redo();
            }
            assertThat(Arrays.equals(ModelWriter.toBytes(model), states.getLast())).as("redo all, seed %d", seed).isTrue();
        }
    }

    /// Operators a random node may be replaced by: unary ones that keep most nodes' first input and output.
    private static final List<String> REPLACEMENTS = List.of("Relu", "Sigmoid", "Identity", "Neg", "Abs", "Sqrt", "Not");

    /// One of several kinds of edit on a random node or value; `null` when the pick was refused.
    private static Edit randomEdit(Model model, Random random, int step) {
        var g = model.graph();
        var nodes = g.nodes();
        var node = nodes.get(random.nextInt(nodes.size()));
        try {
            return switch (random.nextInt(14)) {
                case 0 -> NodeEdits.rename(node, "n" + step);
                case 1 -> node.output(0) == null ? null : ValueEdits.rename(node.output(0), "v" + step);
                case 2 -> node.opType().equals("Softmax") ? NodeEdits.setAttribute(model, node, Attribute.ofInt("axis", -1)) : null;
                case 3 -> {
                    var out = node.output(0);
                    yield out == null || out.isGraphOutput() ? null : ValueEdits.addGraphOutput(out);
                }
                case 4 -> g.outputs().size() > 1 ? ValueEdits.removeGraphOutput(g.outputs().getLast()) : null;
                case 5 -> NodeEdits.delete(node);
                case 6 -> NodeEdits.replaceOpType(model, node, REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size())), null);
                case 7 -> NodeEdits.duplicate(node);
                case 8 -> ValueEdits.constantToInitializer(model, node);
                case 9 -> g.initializers().isEmpty() ? null
                        : ValueEdits.initializerToConstant(g.initializers().get(random.nextInt(g.initializers().size())));
                case 10 -> GraphInputEdits.add(model, "in" + step, TypeInfo.tensor(ElementType.FLOAT, 1 + random.nextInt(4), 32));
                case 11 -> GraphInputEdits.remove(g.inputs().get(random.nextInt(g.inputs().size())));
                case 12 -> GraphInputEdits.setElementType(model, g.inputs().get(random.nextInt(g.inputs().size())),
                        random.nextBoolean() ? ElementType.DOUBLE : ElementType.FLOAT);
                default -> {
                    var candidates = List.copyOf(g.values());
                    var v = candidates.get(random.nextInt(candidates.size()));
                    yield node.inputs().isEmpty() ? null : ValueEdits.reconnect(node, 0, v);
                }
            };
        } catch (EditException refused) {
            return null;
        }
    }
}
