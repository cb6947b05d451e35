package dev.loupe.executor.kernels.training;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.ml.OnnxCase;
import dev.loupe.executor.kernels.ml.TestNodes;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import dev.loupe.model.Attribute;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GradientKernelTest {

    /// `d = Tanh(Sub(Mul(a, b), a))` with `a` `[2, 3]` and `b` `[3]` broadcast; the gradient node differentiates `d`.
    private static NodeSpec gradientOf(String unary) {
        var g = new Graph(null, "g");
        var mul = g.addNode("mul", "Mul", "");
        mul.addInput(g.valueOrCreate("a"));
        mul.addInput(g.valueOrCreate("b"));
        mul.addOutput(g.valueOrCreate("c"));
        var sub = g.addNode("sub", "Sub", "");
        sub.addInput(g.valueOrCreate("c"));
        sub.addInput(g.valueOrCreate("a"));
        sub.addOutput(g.valueOrCreate("e"));
        var act = g.addNode("act", unary, "");
        act.addInput(g.valueOrCreate("e"));
        act.addOutput(g.valueOrCreate("d"));
        var grad = g.addNode("grad", "Gradient", "ai.onnx.preview.training");
        grad.addInput(g.valueOrCreate("a"));
        grad.addInput(g.valueOrCreate("b"));
        grad.setAttribute(TestNodes.strings("xs", "a", "b"));
        grad.setAttribute(Attribute.ofString("y", "d"));
        return new NodeSpec(grad, 1, new Model(g));
    }

    @Test
    void broadcastGradientsMatchFiniteDifferences() {
        var a = new double[] {0.3, -0.2, 0.5, 1.1, -0.7, 0.05};
        var b = new double[] {0.9, -1.3, 0.4};
        var out = new GradientKernel(gradientOf("Tanh")).run(new RuntimeValue[] {tensor(a, 2, 3), tensor(b, 3)}, OnnxCase.CONTEXT);
        var da = ((Tensor) out[0]).doubles();
        var db = ((Tensor) out[1]).doubles();
        double h = 1e-6;
        for (int i = 0; i < a.length; i++) {
            var up = a.clone();
            up[i] += h;
            var down = a.clone();
            down[i] -= h;
            assertThat(da[i]).isCloseTo((sum(up, b) - sum(down, b)) / (2 * h), within(1e-6));
        }
        for (int j = 0; j < b.length; j++) {
            var up = b.clone();
            up[j] += h;
            var down = b.clone();
            down[j] -= h;
            assertThat(db[j]).isCloseTo((sum(a, up) - sum(a, down)) / (2 * h), within(1e-6));
        }
    }

    @Test
    void anUnsupportedOperatorOnThePathIsNamed() {
        assertThatThrownBy(() -> new GradientKernel(gradientOf("Softmax")))
                .isInstanceOf(KernelException.class).hasMessageContaining("Softmax");
    }

    /// `Σ tanh(a·b - a)`, the sum being what a seed of ones differentiates.
    private static double sum(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.tanh(a[i] * b[i % 3] - a[i]);
        }
        return s;
    }

    private static Tensor tensor(double[] v, long... shape) {
        return Tensor.of(ElementType.DOUBLE, shape, v.clone());
    }
}
