package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.TensorData;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/// Builds single nodes with the neutral model API and runs them through the built-in kernel registry.
public final class TestNodes {

    private TestNodes() {
    }

    /// A node `domain.op` at opset `version` with the given attributes (its inputs and outputs are unnamed).
    public static NodeSpec spec(String domain, String op, long version, Attribute... attributes) {
        var graph = new Graph(null, "test");
        var node = graph.addNode("n", op, domain);
        for (var a : attributes) {
            node.setAttribute(a);
        }
        return new NodeSpec(node, version, new Model(graph));
    }

    /// Creates the kernel the registry resolves for `spec` and runs it once.
    public static RuntimeValue[] run(NodeSpec spec, RuntimeValue... inputs) {
        var node = spec.node();
        var registration = BuiltinKernels.registry().resolve(node.canonicalDomain(), node.opType(), spec.opsetVersion())
                .orElseThrow(() -> new IllegalStateException("no kernel for " + node));
        return registration.factory().create(spec).run(inputs, OnnxCase.CONTEXT);
    }

    public static Attribute ints(String name, long... v) {
        return Attribute.ofInts(name, v);
    }

    public static Attribute floats(String name, float... v) {
        return Attribute.of(name, new AttributeValue.Floats(v));
    }

    public static Attribute strings(String name, String... v) {
        return Attribute.of(name, new AttributeValue.Strings(Arrays.stream(v).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList()));
    }

    public static Attribute string(String name, String v) {
        return Attribute.ofString(name, v);
    }

    public static Attribute integer(String name, long v) {
        return Attribute.ofInt(name, v);
    }

    public static Attribute real(String name, float v) {
        return Attribute.ofFloat(name, v);
    }

    public static Attribute doubles(String name, double... v) {
        var seg = java.lang.foreign.MemorySegment.ofArray(new byte[v.length * 8]);
        for (int i = 0; i < v.length; i++) {
            seg.setAtIndex(java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), i, v[i]);
        }
        return Attribute.ofTensor(name, TensorData.ofRaw(name, dev.loupe.model.ElementType.DOUBLE, new long[] {v.length}, seg));
    }
}
