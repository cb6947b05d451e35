package dev.loupe.model.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.loupe.model.AttributeType;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.Node;
import dev.loupe.model.Value;
import dev.loupe.model.schema.FormalParameter.Option;
import org.junit.jupiter.api.Test;

/// The facts of single schemas. Expected values are those of the ONNX operator specification.
class OpSchemaTest {

    private static OpSchema schema(String domain, String opType, long opset) {
        return OpSchemas.standard().find(domain, opType, opset).orElseThrow();
    }

    @Test
    void convAttributesAndDefaults() {
        var conv = schema("", "Conv", 11);
        assertThat(conv.attributes()).extracting(AttributeSpec::name)
                .containsExactly("auto_pad", "dilations", "group", "kernel_shape", "pads", "strides");
        var autoPad = conv.attribute("auto_pad").orElseThrow();
        assertThat(autoPad.type()).isEqualTo(AttributeType.STRING);
        assertThat(autoPad.required()).isFalse();
        assertThat(autoPad.defaultValue().value())
                .isInstanceOfSatisfying(AttributeValue.StringValue.class, v -> assertThat(v.text()).isEqualTo("NOTSET"));
        assertThat(conv.attribute("group").orElseThrow().defaultValue().value()).isEqualTo(new AttributeValue.IntValue(1));
        var kernelShape = conv.attribute("kernel_shape").orElseThrow();
        assertThat(kernelShape.type()).isEqualTo(AttributeType.INTS);
        assertThat(kernelShape.hasDefault()).isFalse();
        assertThat(kernelShape.defaultValue()).isNull();
    }

    @Test
    void gemmDefaults() {
        var gemm = schema("", "Gemm", 13);
        var alpha = gemm.attribute("alpha").orElseThrow();
        assertThat(alpha.type()).isEqualTo(AttributeType.FLOAT);
        assertThat(alpha.defaultValue().name()).isEqualTo("alpha");
        assertThat(alpha.defaultValue().value()).isEqualTo(new AttributeValue.FloatValue(1.0f));
        assertThat(gemm.attribute("beta").orElseThrow().defaultValue().value()).isEqualTo(new AttributeValue.FloatValue(1.0f));
        assertThat(gemm.attribute("transA").orElseThrow().defaultValue().value()).isEqualTo(new AttributeValue.IntValue(0));
        assertThat(gemm.inputs()).extracting(FormalParameter::name, FormalParameter::option)
                .containsExactly(tuple("A", Option.SINGLE), tuple("B", Option.SINGLE), tuple("C", Option.OPTIONAL));
        assertThat(gemm.inputArity()).isEqualTo(new Arity(2, 3));
    }

    @Test
    void requiredAttributes() {
        var ifOp = schema("", "If", 16);
        assertThat(ifOp.attribute("then_branch").orElseThrow())
                .satisfies(a -> assertThat(a.required()).isTrue())
                .satisfies(a -> assertThat(a.type()).isEqualTo(AttributeType.GRAPH));
        assertThat(ifOp.category()).isEqualTo(Category.CONTROL);
    }

    @Test
    void concatTakesVariadicInputs() {
        var concat = schema("", "Concat", 13);
        var inputs = concat.inputs().getFirst();
        assertThat(inputs.name()).isEqualTo("inputs");
        assertThat(inputs.option()).isEqualTo(Option.VARIADIC);
        assertThat(inputs.homogeneous()).isTrue();
        assertThat(inputs.minArity()).isEqualTo(1);
        assertThat(concat.inputArity().min()).isEqualTo(1);
        assertThat(concat.inputArity().isUnbounded()).isTrue();
        assertThat(concat.inputArity().allows(5)).isTrue();
        assertThat(concat.inputArity().allows(0)).isFalse();
        assertThat(concat.attribute("axis").orElseThrow().required()).isTrue();
        assertThat(concat.category()).isEqualTo(Category.TENSOR);
    }

    @Test
    void loopTakesHeterogeneousVariadicInputsThatMayBeAbsent() {
        var loop = schema("", "Loop", 16);
        assertThat(loop.inputs()).extracting(FormalParameter::option)
                .containsExactly(Option.OPTIONAL, Option.OPTIONAL, Option.VARIADIC);
        var initial = loop.inputs().get(2);
        assertThat(initial.name()).isEqualTo("v_initial");
        assertThat(initial.homogeneous()).isFalse();
        assertThat(initial.minArity()).isZero();
        assertThat(loop.inputArity()).isEqualTo(new Arity(2, Arity.UNBOUNDED));
        assertThat(loop.outputArity()).isEqualTo(new Arity(1, Arity.UNBOUNDED));
    }

    @Test
    void dropoutHasOptionalInputsAndMask() {
        var dropout = schema("", "Dropout", 13);
        assertThat(dropout.inputs()).extracting(FormalParameter::name).containsExactly("data", "ratio", "training_mode");
        assertThat(dropout.inputs()).extracting(FormalParameter::option)
                .containsExactly(Option.SINGLE, Option.OPTIONAL, Option.OPTIONAL);
        assertThat(dropout.outputs()).extracting(FormalParameter::name).containsExactly("output", "mask");
        assertThat(dropout.outputs().get(1).option()).isEqualTo(Option.OPTIONAL);
        assertThat(dropout.outputArity()).isEqualTo(new Arity(1, 2));
        assertThat(dropout.outputs().get(1).typeStr()).isEqualTo("T2");
        assertThat(dropout.typeConstraint("T2").orElseThrow().allowedTypes()).containsExactly("tensor(bool)");
    }

    @Test
    void typeConstraintsAndFixedTypes() {
        var relu = schema("", "Relu", 14);
        assertThat(relu.typeConstraint("T").orElseThrow().allowedTypes())
                .containsExactlyInAnyOrder("tensor(float)", "tensor(int32)", "tensor(int8)", "tensor(int16)",
                        "tensor(int64)", "tensor(float16)", "tensor(double)", "tensor(bfloat16)");
        assertThat(schema("", "Relu", 13).typeConstraint("T").orElseThrow().allows("tensor(int8)")).isFalse();
        assertThat(schema("", "Reshape", 14).inputs().get(1).typeStr()).isEqualTo("tensor(int64)");
        assertThat(schema("", "SequenceConstruct", 11).typeConstraint("S").orElseThrow().allowedTypes())
                .contains("seq(tensor(int64))", "seq(tensor(float))");
    }

    @Test
    void functionBodies() {
        var mvn = schema("", "MeanVarianceNormalization", 13);
        assertThat(mvn.hasFunctionBody()).isTrue();
        assertThat(mvn.isFunction()).isTrue();
        assertThat(mvn.category()).isEqualTo(Category.NORMALIZATION);

        var conv = schema("", "Conv", 11);
        assertThat(conv.hasFunctionBody()).isFalse();
        assertThat(conv.isFunction()).isFalse();
        assertThat(conv.functionBody()).isEqualTo(new FunctionBody.None());

        var celu = schema("", "Celu", 12);
        assertThat(celu.isFunction()).isTrue();
        assertThat(celu.category()).isEqualTo(Category.ACTIVATION);
    }

    @Test
    void storedFunctionBodyDecodesToTheSpecifiedNodes() {
        var hardSwish = schema("", "HardSwish", 14);
        var body = (FunctionBody.Stored) hardSwish.functionBody();
        assertThat(body.functionProto()).isNotEmpty();
        var function = body.decode();
        assertThat(function.body().nodes()).extracting(Node::opType).containsExactly("HardSigmoid", "Mul");
        assertThat(function.body().inputs()).extracting(Value::name).containsExactly("X");
        assertThat(function.body().outputs()).extracting(Value::name).containsExactly("Y");
        assertThat(function.docString()).isNull();
        assertThat(body.decode()).isNotSameAs(function);
    }

    @Test
    void printsAsNameAndVersion() {
        assertThat(schema("", "Conv", 11)).hasToString("Conv-11");
        assertThat(schema("ai.onnx.ml", "TreeEnsembleClassifier", 3)).hasToString("ai.onnx.ml.TreeEnsembleClassifier-3");
    }
}
