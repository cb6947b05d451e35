package dev.loupe.model.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.OpsetId;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.edit.CommandStack;
import dev.loupe.model.edit.EditException;
import dev.loupe.model.io.ModelReader;
import java.util.ArrayList;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/// Dead-code removal and topological sorting undo exactly and refuse when there is nothing to do.
class CleanupTest {

    /// `x → Relu → y` (the output), plus `x, w2 → Add → dead → Neg → dead2` and an unused initializer `w`.
    private static Model withDeadCode() {
        var g = new Graph(null, "g");
        var model = new Model(g);
        model.setIrVersion(8L);
        model.opsetImports().add(new OpsetId("", 17));
        var x = g.valueOrCreate("x");
        x.setType(TypeInfo.tensor(ElementType.FLOAT, 2));
        g.addInput(x);
        g.setInitializer(g.valueOrCreate("w"), TensorData.ofFloats("w", new long[] {2}, 1, 2));
        g.setInitializer(g.valueOrCreate("w2"), TensorData.ofFloats("w2", new long[] {2}, 3, 4));
        var add = g.addNode("add", "Add", "");
        add.addInput(x);
        add.addInput(g.value("w2"));
        add.addOutput(g.valueOrCreate("dead"));
        var neg = g.addNode("neg", "Neg", "");
        neg.addInput(g.value("dead"));
        neg.addOutput(g.valueOrCreate("dead2"));
        var relu = g.addNode("relu", "Relu", "");
        relu.addInput(x);
        relu.addOutput(g.valueOrCreate("y"));
        g.value("y").setType(TypeInfo.tensor(ElementType.FLOAT, 2));
        g.addOutput(g.value("y"));
        g.addValueInfo(g.value("dead"));
        return model;
    }

    @Test
    void deadNodesAndUnusedInitializersGoAndComeBack() throws Exception {
        var model = withDeadCode();
        var before = Fixtures.bytes(model);
        var dead = Cleanup.deadCode(model);
        assertThat(dead.nodeCount()).isEqualTo(2);
        assertThat(dead.initializerCount()).as("w, and w2 that only a dead node reads").isEqualTo(2);
        var stack = new CommandStack();
        var edit = Cleanup.removeDeadCode(model);
        assertThat(edit.description()).isEqualTo("Remove 2 dead node(s) and 2 unused initializer(s)");
        stack.execute(edit);
        assertThat(model.graph().nodes()).extracting(n -> n.name()).containsExactly("relu");
        assertThat(model.graph().valueInfos()).isEmpty();
        assertThat(model.graph().initializers()).isEmpty();
        assertThatThrownBy(() -> Cleanup.removeDeadCode(model)).isInstanceOf(EditException.class)
                .hasMessageStartingWith("nothing to remove");
        stack.undo();
        assertThat(Fixtures.bytes(model)).isEqualTo(before);
    }

    @Test
    void sortingRestoresDependencyOrderAndUndoesExactly() throws Exception {
        try (var model = ModelReader.read(Fixtures.MLP)) {
            assertThatThrownBy(() -> Cleanup.sortTopologically(model)).hasMessageStartingWith("nothing to sort");
            var reversed = new ArrayList<>(model.graph().nodes());
            Collections.reverse(reversed);
            model.graph().reorderNodes(reversed);
            var shuffled = Fixtures.bytes(model);
            var stack = new CommandStack();
            stack.execute(Cleanup.sortTopologically(model));
            for (var n : model.graph().nodes()) {
                for (var in : n.inputs()) {
                    if (in != null && in.producer() != null) {
                        assertThat(model.graph().nodes().indexOf(in.producer())).isLessThan(model.graph().nodes().indexOf(n));
                    }
                }
            }
            stack.undo();
            assertThat(Fixtures.bytes(model)).isEqualTo(shuffled);
        }
    }
}
