package dev.loupe.executor.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.ElementType;
import dev.loupe.model.Function;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Opaque;
import dev.loupe.model.OpsetId;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.edit.CommandStack;
import dev.loupe.model.transform.FunctionEdits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// Inlined calls compute what the executor computes when it expands the calls itself: attribute references
/// bound to the caller's value or the function's default.
class InlineRunTest {

    private static Model model() {
        var body = new Graph(null, "Scaled");
        body.addInput(body.valueOrCreate("X"));
        var leaky = body.addNode("leaky", "LeakyRelu", "");
        leaky.addInput(body.value("X"));
        leaky.addOutput(body.valueOrCreate("Y"));
        leaky.setAttribute(new Attribute("alpha", new AttributeValue.FloatValue(0), "a", null, null, Opaque.NONE));
        var elu = body.addNode("elu", "Elu", "");
        elu.addInput(body.value("Y"));
        elu.addOutput(body.valueOrCreate("Z"));
        elu.setAttribute(new Attribute("alpha", new AttributeValue.FloatValue(0), "b", null, null, Opaque.NONE));
        body.addOutput(body.value("Z"));
        var fn = new Function("Scaled", "local", body);
        fn.setAttributeNames(List.of("b"));
        fn.setAttributeDefaults(List.of(Attribute.ofFloat("a", 0.25f)));
        fn.setOpsetImports(List.of(new OpsetId("", 17)));

        var g = new Graph(null, "main");
        var model = new Model(g);
        model.setIrVersion(8L);
        model.opsetImports().addAll(List.of(new OpsetId("", 17), new OpsetId("local", 1)));
        model.functions().add(fn);
        var x = g.valueOrCreate("x");
        x.setType(TypeInfo.tensor(ElementType.FLOAT, 6));
        g.addInput(x);
        var first = g.addNode("first", "Scaled", "local");
        first.addInput(x);
        first.addOutput(g.valueOrCreate("h"));
        first.setAttribute(Attribute.ofFloat("a", 0.5f));
        first.setAttribute(Attribute.ofFloat("b", 2f));
        var second = g.addNode("second", "Scaled", "local");
        second.addInput(g.value("h"));
        second.addOutput(g.valueOrCreate("y"));
        second.setAttribute(Attribute.ofFloat("b", 3f));
        g.value("y").setType(x.type());
        g.addOutput(g.value("y"));
        return model;
    }

    @Test
    void flattenedCallsComputeWhatTheCallsComputed() throws Exception {
        var model = model();
        var inputs = Map.of("x", Tensor.ofFloats(new long[] {6}, -3, -1, -0.5f, 0, 1, 4));
        var report = Equivalence.executeAndCompare(new CommandStack(), model, FunctionEdits.flatten(model), inputs,
                TransformRuns.REWRITE);
        assertThat(report.mismatches()).isEmpty();
        assertThat(model.graph().nodes()).extracting(n -> n.opType()).containsExactly("LeakyRelu", "Elu", "LeakyRelu", "Elu");
    }
}
