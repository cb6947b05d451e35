package dev.loupe.model.infer;

import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;

/// Element-wise operators: type-preserving unary operators, multidirectional broadcasting of binary and
/// variadic operators, comparisons (to `bool`), `Where`, casts, and the `*Like` generators that copy a
/// shape. Integer arithmetic on statically known values (shape computations) is propagated.
final class ElementwiseRules {

    private ElementwiseRules() {
    }

    /// Operators whose output has the type and shape of their first input.
    static final List<String> SAME_AS_INPUT = List.of(
            "Abs", "Acos", "Acosh", "Asin", "Asinh", "Atan", "Atanh", "Ceil", "Cos", "Cosh", "Erf", "Exp", "Floor",
            "Log", "Neg", "Reciprocal", "Relu", "Round", "Sigmoid", "Sign", "Sin", "Sinh", "Sqrt", "Tan", "Tanh",
            "Softplus", "Softsign", "Elu", "Celu", "Selu", "LeakyRelu", "HardSigmoid", "HardSwish", "ThresholdedRelu",
            "Shrink", "Mish", "Gelu", "BitwiseNot", "Not", "Softmax", "LogSoftmax", "Hardmax", "LRN",
            "MeanVarianceNormalization", "InstanceNormalization", "LpNormalization", "GroupNormalization", "CumSum",
            "Trilu", "ReverseSequence", "Clip", "Scatter", "ScatterElements", "ScatterND", "Identity");

    static void register(Rules r) {
        r.add(SAME_AS_INPUT, ElementwiseRules::sameAsInput);
        r.add(c -> c.set(0, ElementType.BOOL, c.shape(0)), "IsNaN", "IsInf");
        r.add(c -> broadcast(c, c.elem(0) != null ? c.elem(0) : c.elem(1), Dims::add), "Add");
        r.add(c -> broadcast(c, c.elem(0) != null ? c.elem(0) : c.elem(1), Dims::sub), "Sub");
        r.add(c -> broadcast(c, c.elem(0) != null ? c.elem(0) : c.elem(1), Dims::mul), "Mul");
        r.add(c -> broadcast(c, c.elem(0) != null ? c.elem(0) : c.elem(1), Dims::floorDiv), "Div");
        r.add(c -> broadcast(c, c.elem(0) != null ? c.elem(0) : c.elem(1), null),
                "Mod", "BitShift", "BitwiseAnd", "BitwiseOr", "BitwiseXor", "And", "Or", "Xor");
        r.add(c -> broadcast(c, c.elem(0), null), "Pow");
        // The slope broadcasts to the input (per channel before opset 7), never the other way.
        r.add(c -> c.copy(0, 0), "PRelu");
        r.add(c -> broadcast(c, ElementType.BOOL, null), "Equal", "Greater", "Less", "GreaterOrEqual", "LessOrEqual");
        r.add(ElementwiseRules::variadic, "Sum", "Mean", "Max", "Min");
        r.add(ElementwiseRules::where, "Where");
        r.add(ElementwiseRules::cast, "Cast");
        r.add(c -> c.set(0, c.elem(1), c.shape(0)), "CastLike");
        r.add(ElementwiseRules::dropout, "Dropout");
        r.add(c -> c.set(0, c.typeAttr("dtype", c.elem(0)), c.shape(0)),
                "RandomUniformLike", "RandomNormalLike", "Bernoulli", "EyeLike");
    }

    private static void sameAsInput(NodeContext c) {
        c.copy(0, 0);
        var data = c.data(0);
        if (data == null) {
            return;
        }
        switch (c.node().opType()) {
            case "Identity" -> c.setData(0, data);
            case "Neg" -> c.setData(0, new SymbolicInts(data.values().stream()
                    .map(d -> Dims.isKnown(d) ? Dim.of(-Dims.value(d)) : Dims.UNKNOWN).toList(), data.scalar()));
            default -> { }
        }
    }

    /// A binary operator with multidirectional broadcasting; `arithmetic` (when not `null`) also
    /// propagates known integer values.
    private static void broadcast(NodeContext c, ElementType out, BinaryOperator<Dim> arithmetic) {
        c.set(0, out, Shapes.broadcast(c.shape(0), c.shape(1), c::problem));
        if (arithmetic != null && out != null && out.isInteger()) {
            var a = c.data(0);
            var b = c.data(1);
            if (a != null && b != null && (a.size() == b.size() || a.size() == 1 || b.size() == 1)) {
                int n = Math.max(a.size(), b.size());
                var values = new ArrayList<Dim>(n);
                for (int i = 0; i < n; i++) {
                    values.add(arithmetic.apply(a.values().get(a.size() == 1 ? 0 : i), b.values().get(b.size() == 1 ? 0 : i)));
                }
                c.setData(0, new SymbolicInts(values, a.scalar() && b.scalar()));
            }
        }
    }

    private static void variadic(NodeContext c) {
        var shapes = new ArrayList<Shape>();
        ElementType type = null;
        for (int i = 0; i < c.inputCount(); i++) {
            shapes.add(c.shape(i));
            type = type != null ? type : c.elem(i);
        }
        c.set(0, type, Shapes.broadcastAll(shapes, c::problem));
    }

    private static void where(NodeContext c) {
        c.set(0, c.elem(1) != null ? c.elem(1) : c.elem(2),
                Shapes.broadcastAll(Arrays.asList(c.shape(0), c.shape(1), c.shape(2)), c::problem));
    }

    private static void cast(NodeContext c) {
        var to = c.typeAttr("to", null);
        c.set(0, to, c.shape(0));
        if (to != null && to.isInteger()) {
            c.setData(0, c.data(0));
        }
    }

    private static void dropout(NodeContext c) {
        c.copy(0, 0);
        if (c.outputCount() > 1) {
            c.set(1, ElementType.BOOL, c.shape(0));
        }
    }
}
