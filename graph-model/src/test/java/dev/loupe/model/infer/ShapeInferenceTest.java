package dev.loupe.model.infer;

import static dev.loupe.model.ElementType.FLOAT;
import static dev.loupe.model.ElementType.INT64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Attribute;
import dev.loupe.model.Function;
import dev.loupe.model.Graph;
import dev.loupe.model.OpsetId;
import dev.loupe.model.Value;
import dev.loupe.model.check.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/// Rules whose results are easy to get wrong, each against values worked out from the ONNX operator
/// specification.
class ShapeInferenceTest {

    private final TestGraphs t = new TestGraphs(17);

    @Test
    void broadcastingKeepsSymbolsAndKnownSizes() {
        var a = t.input("a", FLOAT, "batch", 1, 3);
        var b = t.input("b", FLOAT, 4, 1);
        var c = t.input("c", FLOAT, "seq", 3);
        var d = t.input("d", FLOAT, "batch", "?", 3);
        var ab = t.op("Add", List.of(a, b));
        var bc = t.op("Mul", List.of(b, c));
        var ad = t.op("Sub", List.of(a, d));
        var cmp = t.op("Greater", List.of(a, a));
        ShapeInference.infer(t.model);
        assertThat(ab.inferredType()).hasToString("float[batch,4,3]");
        // 1 against a symbol gives the symbol; a size other than 1 against a symbol gives that size.
        assertThat(bc.inferredType()).hasToString("float[4,3]");
        assertThat(ad.inferredType()).hasToString("float[batch,?,3]");
        assertThat(cmp.inferredType()).hasToString("bool[batch,1,3]");
    }

    @Test
    void incompatibleBroadcastIsReportedNotThrown() {
        var a = t.input("a", FLOAT, 2, 3);
        var b = t.input("b", FLOAT, 4, 3);
        var sum = t.op("Add", List.of(a, b));
        var problems = ShapeInference.infer(t.model);
        assertThat(sum.inferredType()).hasToString("float[?,3]");
        assertThat(problems).extracting(Problem::toString).containsExactly("WARNING graph 'test' / node 'n0' (Add): "
                + "shapes [2,3] and [4,3] do not broadcast: expected dimensions 2 and 4 to be equal or 1");
    }

    @Test
    void convWithSameUpperPadding() {
        var x = t.input("x", FLOAT, "n", 3, 7, "h");
        var w = t.floats("w", new long[] {8, 3, 3, 3}, new float[8 * 3 * 3 * 3]);
        var strided = t.op("Conv", List.of(x, w), Attribute.ofString("auto_pad", "SAME_UPPER"), Attribute.ofInts("strides", 2, 1));
        var valid = t.op("Conv", List.of(x, w), Attribute.ofString("auto_pad", "VALID"));
        var explicit = t.op("Conv", List.of(x, w), Attribute.ofInts("pads", 1, 0, 1, 0), Attribute.ofInts("dilations", 2, 1));
        var pooled = t.op("MaxPool", List.of(x), Attribute.ofInts("kernel_shape", 2, 2), Attribute.ofInts("strides", 2, 2),
                Attribute.ofInt("ceil_mode", 1));
        ShapeInference.infer(t.model);
        // SAME: ceil(7 / 2) = 4; a symbolic size with stride 1 stays itself.
        assertThat(strided.inferredType()).hasToString("float[n,8,4,h]");
        assertThat(valid.inferredType()).hasToString("float[n,8,5,?]");
        // (7 + 2 - ((3 - 1) * 2 + 1)) / 1 + 1 = 5
        assertThat(explicit.inferredType()).hasToString("float[n,8,5,?]");
        // ceil((7 - 2) / 2) + 1 = 4
        assertThat(pooled.inferredType()).hasToString("float[n,3,4,?]");
    }

    @Test
    void reshapeCopiesZerosAndInfersMinusOne() {
        var x = t.input("x", FLOAT, "batch", 6, 4);
        var fixed = t.op("Reshape", List.of(x, t.ints("s1", 0, -1, 2)));
        // The shape computed from Shape(x): [batch] ++ [-1] gives [batch, 24] with the symbol kept.
        var shape = t.op("Shape", List.of(x));
        var first = t.op("Slice", List.of(shape, t.ints("zero", 0), t.ints("one", 1)));
        var target = t.op("Concat", List.of(first, t.ints("minus_one", -1)), Attribute.ofInt("axis", 0));
        var computed = t.op("Reshape", List.of(x, target));
        // -1 next to a symbol: the symbol cancels, leaving 6 * 4 / 2.
        var cancelled = t.op("Reshape", List.of(x, t.ints("s2", 0, 2, -1)));
        var allowZero = t.op("Reshape", List.of(x, t.ints("s3", 0, 3)), Attribute.ofInt("allowzero", 1));
        ShapeInference.infer(t.model);
        assertThat(fixed.inferredType()).hasToString("float[batch,12,2]");
        assertThat(computed.inferredType()).hasToString("float[batch,24]");
        assertThat(cancelled.inferredType()).hasToString("float[batch,2,12]");
        assertThat(allowZero.inferredType()).hasToString("float[0,3]");
    }

    @Test
    void sliceWithNegativeSteps() {
        var x = t.input("x", FLOAT, 10, 8, "n");
        // From the last row down to the first, every second one: rows 9, 7, 5, 3, 1.
        var reversed = t.op("Slice", List.of(x, t.ints("starts", -1), t.ints("ends", Long.MIN_VALUE), t.ints("axes", 0),
                t.ints("steps", -2)));
        // Columns 7, 4 (start 7 clamped from 100, end 1 exclusive).
        var columns = t.op("Slice", List.of(x, t.ints("starts2", 100), t.ints("ends2", 1), t.ints("axes2", 1),
                t.ints("steps2", -3)));
        var empty = t.op("Slice", List.of(x, t.ints("starts3", 2), t.ints("ends3", 5), t.ints("axes3", -3),
                t.ints("steps3", -1)));
        var whole = t.op("Slice", List.of(x, t.ints("starts4", 0), t.ints("ends4", Long.MAX_VALUE), t.ints("axes4", 2)));
        ShapeInference.infer(t.model);
        assertThat(reversed.inferredType()).hasToString("float[5,8,n]");
        assertThat(columns.inferredType()).hasToString("float[10,2,n]");
        assertThat(empty.inferredType()).hasToString("float[0,8,n]");
        assertThat(whole.inferredType()).hasToString("float[10,8,n]");
    }

    @Test
    void shapeValuesPropagateIntoRangeAndGather() {
        // Position embeddings as exporters write them: Range(0, Shape(x)[1], 1) keeps the symbol 'seq'.
        var x = t.input("x", FLOAT, "batch", "seq", 32);
        var shape = t.op("Shape", List.of(x));
        var length = t.op("Gather", List.of(shape, t.scalar("one", 1)), Attribute.ofInt("axis", 0));
        var cast = t.op("Cast", List.of(length), Attribute.ofInt("to", INT64.code()));
        var positions = t.op("Range", List.of(t.scalar("zero", 0), cast, t.scalar("step", 1)));
        var table = t.floats("table", new long[] {16, 32}, new float[16 * 32]);
        var embedded = t.op("Gather", List.of(table, positions));
        var sum = t.op("Add", List.of(x, embedded));
        ShapeInference.infer(t.model);
        assertThat(length.inferredType()).hasToString("int64[]");
        assertThat(positions.inferredType()).hasToString("int64[seq]");
        assertThat(sum.inferredType()).hasToString("float[batch,seq,32]");
    }

    @Test
    void matMulBroadcastsBatchesAndDropsVectorAxes() {
        var a = t.input("a", FLOAT, "b", 1, 5, 7);
        var w = t.input("w", FLOAT, 3, 7, 2);
        var v = t.input("v", FLOAT, 7);
        var batched = t.op("MatMul", List.of(a, w));
        var vector = t.op("MatMul", List.of(a, v));
        var einsum = t.op("Einsum", List.of(a, w), Attribute.ofString("equation", "...ij,kjl->...kil"));
        ShapeInference.infer(t.model);
        assertThat(batched.inferredType()).hasToString("float[b,3,5,2]");
        assertThat(vector.inferredType()).hasToString("float[b,1,5]");
        assertThat(einsum.inferredType()).hasToString("float[b,1,3,5,2]");
    }

    @Test
    void ifBranchesAgreeOnWhatTheyShare() {
        var cond = t.input("cond", dev.loupe.model.ElementType.BOOL);
        var x = t.input("x", FLOAT, 2, 3);
        var node = t.node(t.graph, "If", List.of(cond), 1);
        var then = new Graph(t.graph, "then");
        then.addOutput(t.node(then, "Identity", List.of(x), 1).output(0));
        var otherwise = new Graph(t.graph, "else");
        var wide = t.node(otherwise, "Concat", List.of(x, x), 1, Attribute.ofInt("axis", 1)).output(0);
        otherwise.addOutput(wide);
        node.setAttribute(Attribute.ofGraph("then_branch", then));
        node.setAttribute(Attribute.ofGraph("else_branch", otherwise));
        ShapeInference.infer(t.model);
        assertThat(wide.inferredType()).hasToString("float[2,6]");
        assertThat(node.output(0).inferredType()).hasToString("float[2,?]");
    }

    @Test
    void loopCarriedValuesThatGrowLoseTheirSize() {
        var x = t.input("x", FLOAT, 1, 4);
        var node = t.node(t.graph, "Loop", List.of(t.ints("m", 3), x), 2);
        node.setInput(1, null);
        node.addInput(x);
        var body = new Graph(t.graph, "body");
        var iter = TestGraphs.input(body, "i", TestGraphs.type(INT64));
        var condIn = TestGraphs.input(body, "c", TestGraphs.type(dev.loupe.model.ElementType.BOOL));
        var carried = body.valueOrCreate("acc");
        body.addInput(carried);
        var grown = t.node(body, "Concat", List.of(carried, x), 1, Attribute.ofInt("axis", 0)).output(0);
        var scanned = t.node(body, "Identity", List.of(x), 1).output(0);
        body.addOutput(t.node(body, "Identity", List.of(condIn), 1).output(0));
        body.addOutput(grown);
        body.addOutput(scanned);
        node.setAttribute(Attribute.ofGraph("body", body));
        ShapeInference.infer(t.model);
        assertThat(iter.inferredType()).hasToString("int64[]");
        assertThat(carried.inferredType()).hasToString("float[?,4]");
        assertThat(node.output(0).inferredType()).hasToString("float[?,4]");
        // The trip count is a constant and there is no condition input: three iterations.
        assertThat(node.output(1).inferredType()).hasToString("float[3,1,4]");
    }

    @Test
    void modelLocalFunctionsAreInferredPerCall() {
        var body = new Graph(null, "Scaled");
        var in = body.valueOrCreate("in");
        body.addInput(in);
        var sum = t.node(body, "Add", List.of(in, in), 1).output(0);
        var flat = t.node(body, "Flatten", List.of(sum), 1);
        flat.setAttribute(new Attribute("axis", new dev.loupe.model.AttributeValue.IntValue(1), "axis", null,
                dev.loupe.model.AttributeType.INT, dev.loupe.model.Opaque.NONE));
        body.addOutput(flat.output(0));
        var fn = new Function("Scaled", "local", body);
        fn.setOpsetImports(List.of(new OpsetId("", 17)));
        fn.setAttributeNames(List.of("axis"));
        t.model.functions().add(fn);
        t.model.opsetImports().add(new OpsetId("local", 1));
        var a = t.input("a", FLOAT, 2, 3, 4);
        var b = t.input("b", FLOAT, 5, 6);
        var first = call(a, 2);
        var second = call(b, 1);
        ShapeInference.infer(t.model);
        assertThat(first.inferredType()).hasToString("float[6,4]");
        assertThat(second.inferredType()).hasToString("float[5,6]");
        // The calls disagree about the body's shapes, so its values stay untyped.
        assertThat(sum.inferredType()).isNull();
    }

    private Value call(Value input, long axis) {
        var n = t.graph.addNode("call_" + input.name(), "Scaled", "local");
        n.addInput(input);
        n.addOutput(t.graph.valueOrCreate("out_" + input.name()));
        n.setAttribute(Attribute.ofInt("axis", axis));
        return n.output(0);
    }

    @Test
    void operatorsWithoutRulesUseTheirFunctionBody() {
        var x = t.input("x", FLOAT, "n", 3, 4, 5);
        var y = t.input("y", FLOAT, 4, 1);
        var compare = t.op("GreaterOrEqual", List.of(x, y));
        var hardSwish = t.op("HardSwish", List.of(x));
        var mvn = t.op("MeanVarianceNormalization", List.of(x), Attribute.ofInts("axes", 0, 2));
        var quantize = t.node(t.graph, "DynamicQuantizeLinear", List.of(x), 3);
        var range = t.op("Range", List.of(t.scalar("start", 2), t.scalar("limit", 11), t.scalar("delta", 3)));
        var bodiesOnly = Rules.standard().without("GreaterOrEqual", "HardSwish", "MeanVarianceNormalization",
                "DynamicQuantizeLinear", "Range");
        var problems = new ShapeInference(dev.loupe.model.schema.OpSchemas.standard(), bodiesOnly).run(t.model);
        assertThat(problems).isEmpty();
        assertThat(compare.inferredType()).hasToString("bool[n,3,4,5]");
        assertThat(hardSwish.inferredType()).hasToString("float[n,3,4,5]");
        assertThat(mvn.inferredType()).hasToString("float[n,3,4,5]");
        assertThat(quantize.outputs()).extracting(v -> String.valueOf(v.inferredType()))
                .containsExactly("uint8[n,3,4,5]", "float[]", "uint8[]");
        // Range's body is a Loop whose trip count it computes: the length is lost, the type is not.
        assertThat(range.inferredType()).hasToString("int64[?]");
        ShapeInference.infer(t.model);
        assertThat(range.inferredType()).hasToString("int64[3]");
    }

    @Test
    void operatorsWithoutRuleOrBodyGetTheirElementTypeFromTheSchema() {
        var map = t.input("map", FLOAT);
        map.setType(new dev.loupe.model.TypeInfo.MapType(INT64, TestGraphs.type(FLOAT), null));
        var n = t.graph.addNode("cast_map", "CastMap", OpsetId.ONNX_ML);
        n.addInput(map);
        n.addOutput(t.graph.valueOrCreate("y"));
        t.model.opsetImports().add(new OpsetId(OpsetId.ONNX_ML, 3));
        ShapeInference.infer(t.model);
        // CastMap's output type parameter allows string, float and int64: nothing to derive.
        assertThat(n.output(0).inferredType()).isNull();
        var size = t.op("Size", List.of(t.input("z", FLOAT, 2)));
        ShapeInference.infer(t.model);
        assertThat(size.inferredType()).hasToString("int64[]");
    }

    @Test
    void declaredTypesAreKeptAndContradictionsReported() {
        var x = t.input("x", FLOAT, 2, 3);
        var y = t.op("Transpose", List.of(x));
        y.setType(TestGraphs.type(FLOAT, 2, 3));
        var problems = ShapeInference.infer(t.model);
        assertThat(y.type()).hasToString("float[2,3]");
        assertThat(y.inferredType()).hasToString("float[3,2]");
        assertThat(problems).extracting(Problem::toString).containsExactly("WARNING graph 'test' / node 'n0' (Transpose): "
                + "output 'transpose_0_0' is declared float[2,3] but inferred float[3,2] (dimension 0 differs)");
    }

    @Test
    void inferringAgainForgetsStaleResults() {
        var x = t.input("x", FLOAT, 2, 3);
        var y = t.op("Relu", List.of(x));
        ShapeInference.infer(t.model);
        assertThat(y.inferredType()).hasToString("float[2,3]");
        x.setType(null);
        ShapeInference.infer(t.model);
        assertThat(y.inferredType()).isNull();
    }
}
