package dev.loupe.executor.compare;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.session.SessionOptions;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.testdata.Tolerance;
import dev.loupe.model.ElementType;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/// The float64 shadow comparison on the exported transformers, and its fallback for kernels without double.
class Float64ShadowTest {

    /// Operators that only move, select or describe values: their float result equals the double one
    /// rounded, so they can never be where precision is lost.
    private static final Set<String> EXACT_OPS = Set.of("Reshape", "Gather", "Shape", "Constant", "Unsqueeze",
            "Squeeze", "Concat", "Transpose", "Slice", "Cast", "Expand", "Identity", "Where", "Equal", "Trilu",
            "ConstantOfShape", "Split", "Range", "Or", "Relu");

    private static final Tolerance TIGHT = new Tolerance(1e-7, 1e-7);

    @Test
    void transformerRanksNodesByLocalErrorAndDivergesFirstAtANumericOperator() {
        var f = Fixture.load("torch_transformer");

        var report = Comparer.withBuiltinKernels().compare(f.model(), f.inputs(), new Reference.Float64Shadow(), TIGHT,
                ComparisonMonitor.none());

        assertThat(report.nodes()).allSatisfy(n -> assertThat(n.shadowed()).as(n.name()).isTrue());
        var first = report.firstDivergent().orElseThrow();
        assertThat(EXACT_OPS).doesNotContain(first.opType());
        assertThat(first.role()).isEqualTo(NodeComparison.Role.COMPUTED);
        var worst = report.worstByLocalError(Integer.MAX_VALUE);
        assertThat(worst).isNotEmpty();
        for (int i = 1; i < worst.size(); i++) {
            assertThat(worst.get(i).localScore()).isLessThanOrEqualTo(worst.get(i - 1).localScore());
        }
        assertThat(worst.getFirst().opType()).isNotIn(EXACT_OPS);
        for (var n : report.nodes()) {
            if (EXACT_OPS.contains(n.opType()) && n.role() == NodeComparison.Role.COMPUTED) {
                assertThat(n.locallyDivergent()).as(n.name()).isFalse();
            }
        }
    }

    @Test
    void transformerPassesItsShadowAtTheFixtureTolerance() {
        var f = Fixture.load("torch_transformer");
        var report = Comparer.withBuiltinKernels().compare(f.model(), f.inputs(), new Reference.Float64Shadow(),
                new Tolerance(1e-4, 1e-5), ComparisonMonitor.none());
        assertThat(report.passed()).isTrue();
        assertThat(report.outputs()).singleElement().satisfies(o -> assertThat(o.discrepancy())
                .isInstanceOf(Discrepancy.Measured.class));
    }

    @Test
    void gptDecoderWithInfiniteMasksComparesAgainstItsShadow() {
        var f = Fixture.load("torch_gpt_decoder");
        var report = Comparer.withBuiltinKernels().compare(f.model(), f.inputs(), new Reference.Float64Shadow(), TIGHT,
                ComparisonMonitor.none());
        assertThat(report.nodes()).allSatisfy(n -> assertThat(n.shadowed()).as(n.name()).isTrue());
        assertThat(report.firstDivergent()).hasValueSatisfying(n -> assertThat(EXACT_OPS).doesNotContain(n.opType()));
        var softmax = report.nodes().stream().filter(n -> n.opType().equals("Softmax")).findFirst().orElseThrow();
        var masked = ((Discrepancy.Measured) report.nodes().stream().filter(n -> n.opType().equals("Where")
                && n.nonFinite() > 0).findFirst().orElseThrow().outputs().getFirst().observed()).metrics();
        assertThat(masked.actualInf()).isEqualTo(masked.referenceInf());   // -inf meets -inf
        assertThat(softmax.nonFinite()).isZero();
    }

    @Test
    void aKernelWithoutDoubleRunsInFloatAndIsMarkedNotShadowed() {
        var registry = BuiltinKernels.registry();
        for (int version : registry.versions("", "Relu")) {
            registry.register("", "Relu", version, spec -> floatOnlyRelu());
        }
        var mlp = Fixture.load("torch_mlp");

        var report = new Comparer(registry, SessionOptions.defaults()).compare(mlp.model(), mlp.inputs(),
                new Reference.Float64Shadow(), new Tolerance(1e-5, 1e-6), ComparisonMonitor.none());

        assertThat(report.node("/Relu").orElseThrow().shadowed()).isFalse();
        assertThat(report.nodes().stream().filter(n -> !n.name().equals("/Relu"))).allMatch(NodeComparison::shadowed);
        assertThat(report.passed()).isTrue();
        assertThat(ReportText.render(report, 5)).contains("Ran in float in the shadow run (no double kernel): /Relu");
    }

    private static Kernel floatOnlyRelu() {
        return (inputs, context) -> {
            var x = (Tensor) inputs[0];
            if (x.type() != ElementType.FLOAT) {
                throw new KernelException("Relu here takes float only, got " + x.type().onnxName());
            }
            var in = x.floats();
            var out = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = Math.max(in[i], 0);
            }
            return new RuntimeValue[] {Tensor.of(ElementType.FLOAT, x.shape(), out)};
        };
    }
}
