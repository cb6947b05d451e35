package dev.loupe.executor.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.OpsetId;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.edit.CommandStack;
import dev.loupe.model.transform.OpsetAdapters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// An opset-12 model computes the same after the upgrade to 13: attribute axes moved to inputs, and
/// Softmax over a middle axis (2-D coercion at 12) rewritten with Flatten and Reshape.
class OpsetUpgradeRunTest {

    private static void node(Graph g, String op, List<String> in, List<String> out, Attribute... attributes) {
        var n = g.addNode(op.toLowerCase(java.util.Locale.ROOT), op, "");
        in.forEach(v -> n.addInput(g.valueOrCreate(v)));
        out.forEach(v -> n.addOutput(g.valueOrCreate(v)));
        List.of(attributes).forEach(n::setAttribute);
    }

    private static Model opset12(String softmax, long axis) {
        var g = new Graph(null, "g");
        var model = new Model(g);
        model.setIrVersion(7L);
        model.opsetImports().add(new OpsetId("", 12));
        var x = g.valueOrCreate("x");
        x.setType(TypeInfo.tensor(ElementType.FLOAT, 2, 3, 4));
        g.addInput(x);
        node(g, "Unsqueeze", List.of("x"), List.of("u"), Attribute.ofInts("axes", 0, 3));
        node(g, "Squeeze", List.of("u"), List.of("s"), Attribute.ofInts("axes", 0, -2));
        node(g, "Split", List.of("s"), List.of("a", "b"), Attribute.ofInt("axis", 2), Attribute.ofInts("split", 1, 3));
        node(g, "ReduceSum", List.of("b"), List.of("r"), Attribute.ofInts("axes", 1), Attribute.ofInt("keepdims", 0));
        node(g, softmax, List.of("x"), List.of("sm"), Attribute.ofInt("axis", axis));
        for (var out : List.of("a", "r", "sm")) {
            g.addOutput(g.value(out));
        }
        return model;
    }

    @Test
    void upgradedModelsComputeTheSame() throws Exception {
        var values = new float[24];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i * 0.7) * 3;
        }
        var inputs = Map.of("x", Tensor.ofFloats(new long[] {2, 3, 4}, values));
        for (var op : List.of("Softmax", "LogSoftmax", "Hardmax")) {
            for (long axis : new long[] {0, 1, 2, -1, -2}) {
                var model = opset12(op, axis);
                var plan = OpsetAdapters.plan(model, 13);
                var report = Equivalence.executeAndCompare(new CommandStack(), model, plan.edit(), inputs, TransformRuns.REWRITE);
                assertThat(report.mismatches()).as("%s axis %d: %s", op, axis, plan.changes()).isEmpty();
                assertThat(model.opsetVersion("")).contains(13L);
            }
        }
    }
}
