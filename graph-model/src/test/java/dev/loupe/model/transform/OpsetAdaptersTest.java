package dev.loupe.model.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.OpsetId;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.check.Checker;
import dev.loupe.model.check.Problem;
import dev.loupe.model.edit.CommandStack;
import dev.loupe.model.io.ModelReader;
import org.junit.jupiter.api.Test;

/// Opset 12 → 13: axes and splits move from attributes to inputs, Softmax-like nodes keep their meaning.
class OpsetAdaptersTest {

    /// `x: float[2,3,4]` through Unsqueeze(0), Squeeze(0), Split(axis 2, [1,3]), ReduceSum(axes [1]), and
    /// Softmax(axis 1), LogSoftmax(axis 2) of `x`, at opset 12.
    static Model opset12() {
        var g = new Graph(null, "g");
        var model = new Model(g);
        model.setIrVersion(7L);
        model.opsetImports().add(new OpsetId("", 12));
        var x = g.valueOrCreate("x");
        x.setType(TypeInfo.tensor(ElementType.FLOAT, 2, 3, 4));
        g.addInput(x);
        var u = g.addNode("unsqueeze", "Unsqueeze", "");
        u.addInput(x);
        u.addOutput(g.valueOrCreate("u"));
        u.setAttribute(Attribute.ofInts("axes", 0));
        var s = g.addNode("squeeze", "Squeeze", "");
        s.addInput(g.value("u"));
        s.addOutput(g.valueOrCreate("s"));
        s.setAttribute(Attribute.ofInts("axes", 0));
        var split = g.addNode("split", "Split", "");
        split.addInput(g.value("s"));
        split.addOutput(g.valueOrCreate("a"));
        split.addOutput(g.valueOrCreate("b"));
        split.setAttribute(Attribute.ofInt("axis", 2));
        split.setAttribute(Attribute.ofInts("split", 1, 3));
        var sum = g.addNode("sum", "ReduceSum", "");
        sum.addInput(g.value("b"));
        sum.addOutput(g.valueOrCreate("r"));
        sum.setAttribute(Attribute.ofInts("axes", 1));
        var softmax = g.addNode("softmax", "Softmax", "");
        softmax.addInput(x);
        softmax.addOutput(g.valueOrCreate("sm"));
        var logSoftmax = g.addNode("logsoftmax", "LogSoftmax", "");
        logSoftmax.addInput(x);
        logSoftmax.addOutput(g.valueOrCreate("lsm"));
        logSoftmax.setAttribute(Attribute.ofInt("axis", 2));
        g.value("a").setType(TypeInfo.tensor(ElementType.FLOAT, 2, 3, 1));
        g.value("r").setType(TypeInfo.tensor(ElementType.FLOAT, 2, 1, 3));
        g.value("sm").setType(x.type());
        g.value("lsm").setType(x.type());
        for (var out : new String[] {"a", "r", "sm", "lsm"}) {
            g.addOutput(g.value(out));
        }
        return model;
    }

    @Test
    void upgradeRewritesTheChangedOperatorsAndUndoes() throws Exception {
        var model = opset12();
        var before = Fixtures.bytes(model);
        var plan = OpsetAdapters.plan(model, 13);
        assertThat(plan.changes()).containsExactly(
                "unsqueeze: attribute 'axes' becomes input 1",
                "squeeze: attribute 'axes' becomes input 1",
                "split: attribute 'split' becomes input 1",
                "sum: attribute 'axes' becomes input 1",
                "softmax: works on the input flattened at axis 1: Flatten, Softmax, Reshape",
                "logsoftmax: axis 2 is the last axis: axis = -1");
        var stack = new CommandStack();
        stack.execute(plan.edit());
        assertThat(model.opsetVersion("")).contains(13L);
        var g = model.graph();
        assertThat(g.nodes()).extracting(n -> n.opType()).containsExactly(
                "Unsqueeze", "Squeeze", "Split", "ReduceSum", "Flatten", "Softmax", "Shape", "Reshape", "LogSoftmax");
        var split = g.nodes().get(2).input(1).initializer();
        assertThat(NodeSignature.sameTensor(split, TensorData.ofLongs(split.name(), new long[] {2}, 1, 3))).isTrue();
        assertThat(g.nodes().get(2).attribute("split")).isEmpty();
        assertThat(Checker.check(model).stream().filter(Problem::isError)).isEmpty();
        stack.undo();
        assertThat(Fixtures.bytes(model)).isEqualTo(before);
    }

    @Test
    void unsupportedUpgradesAreRefused() throws Exception {
        assertThatThrownBy(() -> OpsetAdapters.plan(opset12(), 14)).hasMessage("only upgrades to opset 13 are supported, not 14");
        try (var model = ModelReader.read(Fixtures.MLP)) {
            assertThatThrownBy(() -> OpsetAdapters.plan(model, 13)).hasMessage("the model already imports ai.onnx 13");
        }
    }
}
