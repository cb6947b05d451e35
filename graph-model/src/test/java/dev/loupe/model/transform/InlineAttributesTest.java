package dev.loupe.model.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.ElementType;
import dev.loupe.model.Function;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.OpsetId;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.check.Checker;
import dev.loupe.model.check.Problem;
import dev.loupe.model.edit.CommandStack;
import java.util.List;
import org.junit.jupiter.api.Test;

/// Inlining binds attribute references (`ref_attr_name`) to the caller's values, else the defaults, else
/// leaves the attribute out; formal inputs returned as they are become `Identity` nodes.
class InlineAttributesTest {

    /// `local.Leaky(X) -> (Y, X)`: `Y = LeakyRelu(X)` with `alpha` taken from attribute `a` (default 0.25),
    /// `Y2 = Elu(X)` with `alpha` from attribute `b` (no default). Three calls: with `a` and `b`, with
    /// neither, with `b` only.
    static Model model() {
        var body = new Graph(null, "Leaky");
        body.addInput(body.valueOrCreate("X"));
        var leaky = body.addNode("leaky", "LeakyRelu", "");
        leaky.addInput(body.value("X"));
        leaky.addOutput(body.valueOrCreate("Y"));
        leaky.setAttribute(new Attribute("alpha", new AttributeValue.FloatValue(0), "a", null, null, dev.loupe.model.Opaque.NONE));
        var elu = body.addNode("elu", "Elu", "");
        elu.addInput(body.valueOrCreate("Y"));
        elu.addOutput(body.valueOrCreate("Y2"));
        elu.setAttribute(new Attribute("alpha", new AttributeValue.FloatValue(0), "b", null, null, dev.loupe.model.Opaque.NONE));
        body.addOutput(body.value("Y2"));
        body.addOutput(body.value("X"));
        var fn = new Function("Leaky", "local", body);
        fn.setAttributeNames(List.of("b"));
        fn.setAttributeDefaults(List.of(Attribute.ofFloat("a", 0.25f)));
        fn.setOpsetImports(List.of(new OpsetId("", 17)));

        var g = new Graph(null, "main");
        var model = new Model(g);
        model.setIrVersion(8L);
        model.opsetImports().add(new OpsetId("", 17));
        model.opsetImports().add(new OpsetId("local", 1));
        model.functions().add(fn);
        var x = g.valueOrCreate("x");
        x.setType(TypeInfo.tensor(ElementType.FLOAT, 2, 3));
        g.addInput(x);
        var previous = x;
        for (int i = 0; i < 3; i++) {
            var call = g.addNode("call" + i, "Leaky", "local");
            call.addInput(previous);
            call.addOutput(g.valueOrCreate("y" + i));
            call.addOutput(g.valueOrCreate("same" + i));
            if (i == 0) {
                call.setAttribute(Attribute.ofFloat("a", 0.5f));
            }
            if (i != 1) {
                call.setAttribute(Attribute.ofFloat("b", 2f));
            }
            previous = g.value("y" + i);
        }
        for (var out : List.of("y2", "same0")) {
            g.value(out).setType(x.type());
            g.addOutput(g.value(out));
        }
        return model;
    }

    @Test
    void referencesTakeTheCallersValuesThenTheDefaults() throws Exception {
        var model = model();
        assertThat(Checker.check(model).stream().filter(Problem::isError)).isEmpty();
        var before = Fixtures.bytes(model);
        var stack = new CommandStack();
        stack.execute(FunctionEdits.flatten(model));
        var g = model.graph();
        assertThat(g.nodes()).extracting(n -> n.name()).containsExactly(
                "call0/leaky", "call0/elu", "call0/Identity", "call1/leaky", "call1/elu", "call1/Identity",
                "call2/leaky", "call2/elu", "call2/Identity");
        assertThat(g.nodes().get(0).floatAttr("alpha", -1)).isEqualTo(0.5f);
        assertThat(g.nodes().get(1).floatAttr("alpha", -1)).isEqualTo(2f);
        assertThat(g.nodes().get(3).floatAttr("alpha", -1)).as("default of a").isEqualTo(0.25f);
        assertThat(g.nodes().get(4).attribute("alpha")).as("b given nowhere: left out").isEmpty();
        assertThat(g.nodes().get(6).floatAttr("alpha", -1)).isEqualTo(0.25f);
        assertThat(g.nodes().get(2).input(0)).isSameAs(g.value("x"));
        assertThat(g.nodes().get(2).output(0)).isSameAs(g.value("same0"));
        assertThat(g.value("call1/Y")).isNotNull();
        assertThat(model.functions()).isEmpty();
        assertThat(model.opsetVersion("local")).isEmpty();
        assertThat(Checker.check(model).stream().filter(Problem::isError)).isEmpty();
        stack.undo();
        assertThat(Fixtures.bytes(model)).isEqualTo(before);
    }

    @Test
    void aFunctionImportingAnotherOpsetIsNotInlined() {
        var model = model();
        model.functions().getFirst().setOpsetImports(List.of(new OpsetId("", 13)));
        assertThatThrownBy(() -> FunctionEdits.flatten(model))
                .hasMessage("cannot inline function 'local.Leaky': it imports ai.onnx version 13 but the model imports version 17");
    }
}
