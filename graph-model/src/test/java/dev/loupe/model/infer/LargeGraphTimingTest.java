package dev.loupe.model.infer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.OpsetId;
import dev.loupe.model.Shape;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import dev.loupe.model.check.Checker;
import dev.loupe.model.check.Problem;
import dev.loupe.model.schema.OpSchemas;
import java.util.List;
import org.junit.jupiter.api.Test;

/// Checks and infers an 18,000-node graph built in memory (2,000 blocks of 9 nodes named like
/// `/block_17/MatMul`) and prints how long each takes; the first run includes warming up the JIT. A report,
/// not a benchmark: no timing is asserted.
class LargeGraphTimingTest {

    private static final int BLOCKS = 2_000;
    private static final int WIDTH = 64;

    @Test
    void checkAndInferAnEighteenThousandNodeGraph() {
        long start = System.nanoTime();
        OpSchemas.standard();
        System.out.printf("operator schemas loaded in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        var model = build();
        assertThat(model.graph().nodes()).hasSize(9 * BLOCKS);
        for (int run = 1; run <= 5; run++) {
            long w0 = System.nanoTime();
            var problems = Checker.check(model);
            long w1 = System.nanoTime();
            var inferenceProblems = ShapeInference.infer(model);
            long w2 = System.nanoTime();
            System.out.printf("18k-node graph, run %d: check %d ms, inference %d ms%n", run,
                    (w1 - w0) / 1_000_000, (w2 - w1) / 1_000_000);
            assertThat(problems).extracting(Problem::toString).isEmpty();
            assertThat(inferenceProblems).extracting(Problem::toString).isEmpty();
        }
        var out = model.graph().outputs().getFirst().inferredType();
        assertThat(out).hasToString("float[batch,seq," + WIDTH + "]");
    }

    /// Each block: two linear layers with a ReLU, a residual addition, and a reshape through `Shape`.
    private static Model build() {
        var g = new Graph(null, "large");
        var model = new Model(g);
        model.setIrVersion(8L);
        model.opsetImports().add(new OpsetId("", 17));
        var x = g.valueOrCreate("input");
        x.setType(new TypeInfo.TensorType(ElementType.FLOAT,
                new Shape(List.of(Dim.symbol("batch"), Dim.symbol("seq"), Dim.of(WIDTH)))));
        g.addInput(x);
        var w1 = constant(g, "w1", WIDTH, WIDTH);
        var w2 = constant(g, "w2", WIDTH, WIDTH);
        var bias = constant(g, "bias", WIDTH);
        var scale = constant(g, "scale", 1);
        Value current = x;
        for (int b = 0; b < BLOCKS; b++) {
            var p = "/block_" + b + "/";
            var h1 = node(g, p + "MatMul", "MatMul", current, w1);
            var h2 = node(g, p + "Add", "Add", h1, bias);
            var h3 = node(g, p + "Relu", "Relu", h2);
            var h4 = node(g, p + "MatMul_1", "MatMul", h3, w2);
            var h5 = node(g, p + "Add_1", "Add", h4, bias);
            var h6 = node(g, p + "Add_2", "Add", h5, current);
            var shape = node(g, p + "Shape", "Shape", current);
            var h7 = node(g, p + "Reshape", "Reshape", h6, shape);
            current = node(g, p + "Mul", "Mul", h7, scale);
        }
        g.addOutput(current);
        return model;
    }

    private static Value constant(Graph g, String name, long... dims) {
        var v = g.valueOrCreate(name);
        var values = new float[(int) TensorData.elementCount(dims)];
        g.setInitializer(v, TensorData.ofFloats(name, dims, values));
        return v;
    }

    private static Value node(Graph g, String name, String op, Value... inputs) {
        var n = g.addNode(name, op, "");
        for (var in : inputs) {
            n.addInput(in);
        }
        var out = g.valueOrCreate(name + "_output_0");
        n.addOutput(out);
        return out;
    }
}
