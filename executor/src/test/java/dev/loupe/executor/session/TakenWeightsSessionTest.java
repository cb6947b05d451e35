package dev.loupe.executor.session;

import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorConversion;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.io.ModelReader;
import dev.loupe.model.io.ModelWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.loupe.executor.session.TestModels.input;
import static dev.loupe.executor.session.TestModels.names;
import static dev.loupe.executor.session.TestModels.node;
import static dev.loupe.executor.session.TestModels.output;
import static org.assertj.core.api.Assertions.assertThat;

/// A fast session hands the float32 weights of `MatMul`, `Gemm` and `Conv` to their kernels when it is
/// planned and keeps no other copy: the heap it holds is about one copy of the weights (packed), where a
/// session that kept the converted weights beside the packed ones held two (three for a convolution with a
/// folded batch normalization); a float32 table that `Gather` reads stays where the model file is mapped.
/// Weights also read by another node stay available to it. Heap is measured
/// as in use after full collections, before and after a second session is made and run (the first loads
/// classes and sizes the threads' scratch space, which outlive it).
class TakenWeightsSessionTest {

    private static final int LAYERS = 24;

    @Test
    void weightsTakenByKernelsAreHeldOnce() {
        var random = new SplittableRandom(5);
        var g = new Graph(null, "weights");
        input(g, "x", ElementType.FLOAT, 4, 256);
        input(g, "image", ElementType.FLOAT, 1, 96, 6, 6);
        long weightBytes = 0;
        var h = "x";
        var c = "image";
        // Many weights of at most a few hundred KiB each: the collector places bigger arrays in whole
        // regions, and its count of used heap would then say more than the arrays hold.
        for (int i = 0; i < LAYERS; i++) {
            weightBytes += init(g, "w" + i, random, 256, 256);
            weightBytes += init(g, "v" + i, random, 256, 256);
            node(g, "mm" + i, "MatMul", names(h, "w" + i), names("m" + i));
            node(g, "gemm" + i, "Gemm", names("m" + i, "v" + i), names("h" + i), Attribute.ofInt("transB", 1),
                    Attribute.ofFloat("alpha", 1f / 256));
            h = "h" + i;
            if (i % 4 == 0) {
                weightBytes += init(g, "f" + i, random, 96, 96, 3, 3);
                for (var p : List.of("scale", "shift", "mean", "var")) {
                    init(g, p + i, random, 96);
                }
                node(g, "conv" + i, "Conv", names(c, "f" + i), names("c" + i), Attribute.ofInts("pads", 1, 1, 1, 1));
                node(g, "bn" + i, "BatchNormalization", names("c" + i, "scale" + i, "shift" + i, "mean" + i, "var" + i),
                        names("n" + i));
                c = "n" + i;
            }
        }
        output(g, h);
        output(g, c);
        var model = TestModels.model(g, 15);
        var inputs = Benchmark.randomInputs(Session.create(model), 3);
        var held = heldByFastSession(model, inputs);

        assertThat(held.bytes()).as("heap held by the session for %d bytes of weights", weightBytes)
                .isBetween(weightBytes * 9 / 10, weightBytes * 13 / 10);
        var expected = Session.create(model).run(inputs);
        for (var name : List.of(h, c)) {
            assertClose((Tensor) held.result().output(name), (Tensor) expected.output(name));
        }
    }

    /// An embedding table of a model read from a file is read where the file is mapped: the session holds
    /// next to nothing of it.
    @Test
    void anEmbeddingTableStaysInTheMappedFile(@TempDir Path dir) throws Exception {
        var random = new SplittableRandom(7);
        var g = new Graph(null, "embedding");
        input(g, "ids", ElementType.INT64, 1, 16);
        long tableBytes = init(g, "table", random, 2048, 512);
        node(g, "lookup", "Gather", names("table", "ids"), names("y"));
        output(g, "y");
        var file = dir.resolve("embedding.onnx");
        ModelWriter.write(TestModels.model(g, 13), file);
        try (var model = ModelReader.read(file)) {
            var ids = Tensor.ofLongs(new long[] {1, 16}, 0, 5, 2047, -1, 17, 17, 1024, 3, 9, 8, 7, 6, 5, 4, 3, 2);
            var inputs = Map.of("ids", ids);
            var held = heldByFastSession(model, inputs);

            assertThat(held.bytes()).as("heap held for a table of %d bytes", tableBytes).isLessThan(tableBytes / 8);
            assertClose((Tensor) held.result().output("y"), (Tensor) Session.create(model).run(inputs).output("y"));
        }
    }

    @Test
    void weightsAlsoReadByAnotherNodeStayAvailable() {
        var random = new SplittableRandom(6);
        var g = new Graph(null, "tied");
        input(g, "x", ElementType.FLOAT, 8, 8);
        init(g, "t", random, 8, 8);
        node(g, "mm1", "MatMul", names("x", "t"), names("a"));
        node(g, "mm2", "MatMul", names("a", "t"), names("b"));
        node(g, "add", "Add", names("b", "t"), names("y"));
        output(g, "y");
        var model = TestModels.model(g, 13);
        var fast = Session.create(model, BuiltinKernels.registry(), SessionOptions.defaults().withMode(ExecutionMode.FAST));
        for (int run = 0; run < 2; run++) {
            var inputs = Benchmark.randomInputs(fast, run);
            assertClose((Tensor) fast.run(inputs).output("y"), (Tensor) Session.create(model).run(inputs).output("y"));
        }
    }

    private static long init(Graph g, String name, SplittableRandom random, long... shape) {
        var t = Tensor.allocate(ElementType.FLOAT, shape);
        for (int i = 0; i < t.size(); i++) {
            t.floats()[i] = (float) random.nextDouble(0.5, 1.5);
        }
        g.setInitializer(g.valueOrCreate(name), TensorConversion.toTensorData(t, name));
        return t.byteSize();
    }

    /// The heap a fast session of `model` holds once made and run on `inputs`, its outputs left out, and the
    /// run's result. A first session loads the classes and sizes the threads' scratch space, which outlive it.
    private static Held heldByFastSession(Model model, Map<String, ? extends RuntimeValue> inputs) {
        var options = SessionOptions.defaults().withMode(ExecutionMode.FAST);
        Session.create(model, BuiltinKernels.registry(), options).run(inputs);
        long before = heapAfterCollection();
        var fast = Session.create(model, BuiltinKernels.registry(), options);
        var result = fast.run(inputs);
        long held = heapAfterCollection() - before - outputBytes(result);
        Reference.reachabilityFence(fast);
        return new Held(held, result);
    }

    private record Held(long bytes, RunResult result) {
    }

    private static long outputBytes(RunResult result) {
        return result.outputs().values().stream().mapToLong(v -> ((Tensor) v).byteSize()).sum();
    }

    /// Heap in use after full collections (the JVM runs one on `System.gc()` unless told otherwise).
    private static long heapAfterCollection() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void assertClose(Tensor actual, Tensor expected) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        var a = actual.floats();
        var e = expected.floats();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(e[i], org.assertj.core.data.Offset.offset(1e-3f * (1 + Math.abs(e[i]))));
        }
    }
}
