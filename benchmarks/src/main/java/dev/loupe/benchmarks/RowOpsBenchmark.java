package dev.loupe.benchmarks;

import dev.loupe.executor.session.RunResult;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.OpsetId;
import dev.loupe.model.Shape;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/// Row operators of a BERT-style encoder at sequence 128, each as a one-node model run by a session (so the
/// figure includes the session's small per-run cost): `Softmax` over the attention scores of 8 heads
/// (`[1, 8, 128, 128]`, last axis) and `LayerNormalization` over `[1, 128, 512]` with scale and bias.
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class RowOpsBenchmark {

    private Session softmax;
    private Map<String, Tensor> scores;
    private Session layerNorm;
    private Map<String, Tensor> hidden;

    @Setup
    public void setUp() {
        var random = new SplittableRandom(3);
        long[] scoreShape = {1, 8, 128, 128};
        var g = graph("softmax", scoreShape);
        g.addNode("softmax", "Softmax", "").addInput(g.resolve("x"));
        finish(g, Attribute.ofInt("axis", -1));
        softmax = Session.create(model(g));
        scores = Map.of("x", Tensor.ofFloats(scoreShape, SgemmBenchmark.random(random, 8 * 128 * 128)));

        long[] hiddenShape = {1, 128, 512};
        var h = graph("layernorm", hiddenShape);
        h.setInitializer(h.valueOrCreate("scale"), TensorData.ofFloats("scale", new long[] {512}, SgemmBenchmark.random(random, 512)));
        h.setInitializer(h.valueOrCreate("bias"), TensorData.ofFloats("bias", new long[] {512}, SgemmBenchmark.random(random, 512)));
        var node = h.addNode("layernorm", "LayerNormalization", "");
        node.addInput(h.resolve("x"));
        node.addInput(h.resolve("scale"));
        node.addInput(h.resolve("bias"));
        finish(h, Attribute.ofInt("axis", -1));
        layerNorm = Session.create(model(h));
        hidden = Map.of("x", Tensor.ofFloats(hiddenShape, SgemmBenchmark.random(random, 128 * 512)));
    }

    private static Graph graph(String name, long[] shape) {
        var g = new Graph(null, name);
        var x = g.valueOrCreate("x");
        x.setType(new TypeInfo.TensorType(ElementType.FLOAT, Shape.of(shape)));
        g.addInput(x);
        return g;
    }

    private static void finish(Graph g, Attribute attribute) {
        var node = g.nodes().getLast();
        node.addOutput(g.valueOrCreate("y"));
        node.setAttribute(attribute);
        g.addOutput(g.resolve("y"));
    }

    private static Model model(Graph g) {
        var m = new Model(g);
        m.setIrVersion(8L);
        m.opsetImports().add(new OpsetId("", 17));
        return m;
    }

    @Benchmark
    public RunResult softmaxRows() {
        return softmax.run(scores);
    }

    @Benchmark
    public RunResult layerNormRows() {
        return layerNorm.run(hidden);
    }
}
