package dev.loupe.executor.session;

import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorConversion;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.loupe.executor.session.TestModels.input;
import static dev.loupe.executor.session.TestModels.names;
import static dev.loupe.executor.session.TestModels.node;
import static dev.loupe.executor.session.TestModels.output;
import static org.assertj.core.api.Assertions.assertThat;

/// Kernels in [ExecutionMode#FAST] write outputs into recycled arrays: a pool that fills every array it
/// takes back with garbage (NaN, or a bit pattern for integers) shows whether a kernel relies on zeroed
/// storage. Each model computes `t2 = Transpose(Transpose(Neg(x)))` first (the axes reversed and back, so that
/// no elementwise region takes the operator under test in with the `Neg`), so the operator under test gets a
/// poisoned array as its output, and its result must equal the DEBUG result bit for bit.
class RecycledStorageTest {

    /// Takes arrays back like [BufferPool] and fills them with garbage.
    static final class PoisoningPool extends BufferPool {
        int poisoned;

        @Override
        boolean recycle(Tensor t) {
            boolean taken = super.recycle(t);
            if (taken) {
                poisoned++;
                switch (t.data()) {
                    case float[] f -> Arrays.fill(f, Float.NaN);
                    case double[] d -> Arrays.fill(d, Double.NaN);
                    case long[] l -> Arrays.fill(l, 0x5a5a5a5a5a5a5a5aL);
                    case int[] i -> Arrays.fill(i, 0x5a5a5a5a);
                    case short[] s -> Arrays.fill(s, (short) 0x5a5a);
                    case byte[] b -> Arrays.fill(b, (byte) 0x5a);
                    default -> { }
                }
            }
            return taken;
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Abs", "Acos", "Asin", "Atan", "Ceil", "Cos", "Cosh", "Erf", "Exp", "Floor", "Log", "Neg",
            "Reciprocal", "Relu", "Round", "Sigmoid", "Sign", "Sin", "Sinh", "Softplus", "Softsign", "Sqrt", "Tan", "Tanh",
            "Elu", "Selu", "Celu", "HardSigmoid", "HardSwish", "LeakyRelu", "Mish", "ThresholdedRelu", "Gelu"})
    void unaryOperators(String op) {
        check(op, new long[] {3, 37}, Map.of());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "PRelu"})
    void binaryOperators(String op) {
        check(op, new long[] {3, 37}, Map.of("x", new long[0]));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Conv", "MatMul", "Gemm", "Softmax", "LayerNormalization", "MaxPool", "BatchNormalization", "Clip",
            "Transpose", "Gather", "Split", "LSTM", "ConvTranspose"})
    void operatorsOfTheFastPath(String op) {
        var params = new LinkedHashMap<String, long[]>();
        long[] shape = {1, 3, 8, 8};
        Attribute[] attributes = {};
        switch (op) {
            case "Conv" -> {
                params.put("w", new long[] {3, 3, 3, 3});
                params.put("b", new long[] {3});
                attributes = new Attribute[] {Attribute.ofInts("pads", 1, 1, 1, 1)};
            }
            case "MatMul" -> params.put("w", new long[] {8, 8});
            case "Gemm" -> {
                shape = new long[] {8, 24};
                params.put("w", new long[] {24, 24});
                params.put("c", new long[] {24});
            }
            case "Softmax" -> attributes = new Attribute[] {Attribute.ofInt("axis", -1)};
            case "LayerNormalization" -> {
                params.put("scale", new long[] {8});
                params.put("bias", new long[] {8});
            }
            case "MaxPool" -> attributes = new Attribute[] {Attribute.ofInts("kernel_shape", 3, 3), Attribute.ofInts("pads", 1, 1, 1, 1)};
            case "BatchNormalization" -> {
                for (var p : new String[] {"scale", "bias", "mean", "var"}) {
                    params.put(p, new long[] {3});
                }
            }
            case "Clip" -> {
                params.put("lo", new long[0]);
                params.put("hi", new long[0]);
            }
            case "Transpose" -> attributes = new Attribute[] {Attribute.ofInts("perm", 0, 2, 3, 1)};
            case "Gather" -> {
                params.put("indices", new long[] {8});
                attributes = new Attribute[] {Attribute.ofInt("axis", 3)};
            }
            case "Split" -> attributes = new Attribute[] {Attribute.ofInt("axis", 1), Attribute.ofInt("num_outputs", 1)};
            case "ConvTranspose" -> {
                // No bias: every output starts from zero, not from what the recycled array held.
                shape = new long[] {1, 3, 7, 7};
                params.put("w", new long[] {3, 3, 3, 3});
                attributes = new Attribute[] {Attribute.ofInts("pads", 1, 1, 1, 1)};
            }
            case "LSTM" -> {
                // Y [4, 1, 2, 5] is as long as x [4, 2, 5]; the second sample stops after one step, so the
                // rest of its rows must be zero, not what the recycled array held.
                shape = new long[] {4, 2, 5};
                params.put("w", new long[] {1, 20, 5});
                params.put("r", new long[] {1, 20, 5});
                params.put("b", new long[] {1, 40});
                params.put("sequence_lens", new long[] {2});
                attributes = new Attribute[] {Attribute.ofInt("hidden_size", 5)};
            }
            default -> throw new IllegalArgumentException(op);
        }
        check(op, shape, params, attributes);
    }

    /// `y = op(Transpose(Transpose(Neg(x))), params...)`; a parameter named `x` reads the input again, `indices` is an int64
    /// initializer permuting its length, `sequence_lens` an int32 initializer giving sample `k` the length
    /// `shape[0] - 3k` (at least 1), others are float initializers of the given shapes with values in
    /// (0.1, 0.9).
    private static void check(String op, long[] shape, Map<String, long[]> params, Attribute... attributes) {
        var g = new Graph(null, op);
        input(g, "x", ElementType.FLOAT, shape);
        var random = new SplittableRandom(op.hashCode());
        var inputs = new String[params.size() + 1];
        inputs[0] = "t2";
        int i = 1;
        for (var e : params.entrySet()) {
            inputs[i++] = e.getKey();
            if (e.getKey().equals("indices")) {
                long[] indices = new long[(int) e.getValue()[0]];
                for (int k = 0; k < indices.length; k++) {
                    indices[k] = (k * 5L) % indices.length;
                }
                g.setInitializer(g.valueOrCreate("indices"), dev.loupe.model.TensorData.ofLongs("indices", e.getValue(), indices));
            } else if (e.getKey().equals("sequence_lens")) {
                var lengths = Tensor.allocate(ElementType.INT32, e.getValue());
                for (int k = 0; k < lengths.size(); k++) {
                    lengths.ints()[k] = (int) Math.max(1, shape[0] - 3L * k);
                }
                g.setInitializer(g.valueOrCreate("sequence_lens"), TensorConversion.toTensorData(lengths, "sequence_lens"));
            } else if (!e.getKey().equals("x")) {
                var t = Tensor.allocate(ElementType.FLOAT, e.getValue());
                for (int k = 0; k < t.size(); k++) {
                    t.floats()[k] = (float) random.nextDouble(0.1, 0.9);
                }
                g.setInitializer(g.valueOrCreate(e.getKey()), TensorConversion.toTensorData(t, e.getKey()));
            }
        }
        node(g, "neg", "Neg", names("x"), names("t1"));
        node(g, "reverse", "Transpose", names("t1"), names("t1r"));
        node(g, "back", "Transpose", names("t1r"), names("t2"));
        node(g, "op", op, inputs, names("y"), attributes);
        output(g, "y");
        var model = TestModels.model(g, 20);
        var x = Tensor.allocate(ElementType.FLOAT, shape);
        for (int k = 0; k < x.size(); k++) {
            x.floats()[k] = (float) random.nextDouble(0.1, 0.9);
        }
        Map<String, RuntimeValue> in = Map.of("x", x);
        var expected = (Tensor) Session.create(model).run(in).output("y");
        var pool = new PoisoningPool();
        var fast = Session.create(model, BuiltinKernels.registry(), SessionOptions.defaults().withMode(ExecutionMode.FAST), pool);
        for (int run = 0; run < 2; run++) {
            var actual = (Tensor) fast.run(in).output("y");
            assertThat(actual.describe()).isEqualTo(expected.describe());
            assertThat(actual.floats()).as(op).containsExactly(expected.floats());
        }
        assertThat(pool.poisoned).as("arrays recycled").isPositive();
    }
}
