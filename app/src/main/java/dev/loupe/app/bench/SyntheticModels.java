package dev.loupe.app.bench;

import dev.loupe.model.Attribute;
import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.OpsetId;
import dev.loupe.model.Shape;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import java.util.List;

/// Models built in memory for tests and benchmarks of the viewer.
public final class SyntheticModels {

    /// Operators in each block of [#blocks(int)].
    public static final int NODES_PER_BLOCK = 9;
    private static final int WIDTH = 8;
    private static final int HIDDEN = 16;

    private SyntheticModels() {
    }

    /// A chain of `count` residual blocks of 9 operators each (`MatMul`, `Add`, `Relu`, `MatMul`, `Add`,
    /// residual `Add`, `ReduceMean`, `Sub`, `Mul`), with scoped names (`/blocks.7/fc1/MatMul`), small float
    /// weights and declared intermediate types, so that edges carry shapes with a symbolic batch dimension.
    /// 2,000 blocks make the 18,000-node graph of the viewer's performance targets.
    public static Model blocks(int count) {
        var g = new Graph(null, "blocks_" + count);
        var batch = Dim.symbol("batch");
        var x = g.valueOrCreate("input");
        x.setType(type(batch, WIDTH));
        g.addInput(x);
        for (int b = 0; b < count; b++) {
            var p = "/blocks." + b + "/";
            var w1 = weight(g, "blocks." + b + ".fc1.weight", WIDTH, HIDDEN);
            var b1 = weight(g, "blocks." + b + ".fc1.bias", HIDDEN);
            var w2 = weight(g, "blocks." + b + ".fc2.weight", HIDDEN, WIDTH);
            var b2 = weight(g, "blocks." + b + ".fc2.bias", WIDTH);
            var gamma = weight(g, "blocks." + b + ".norm.weight", WIDTH);
            var h1 = op(g, p + "fc1/MatMul", "MatMul", type(batch, HIDDEN), x, w1);
            var h2 = op(g, p + "fc1/Add", "Add", type(batch, HIDDEN), h1, b1);
            var h3 = op(g, p + "act/Relu", "Relu", type(batch, HIDDEN), h2);
            var h4 = op(g, p + "fc2/MatMul", "MatMul", type(batch, WIDTH), h3, w2);
            var h5 = op(g, p + "fc2/Add", "Add", type(batch, WIDTH), h4, b2);
            var r = op(g, p + "Add", "Add", type(batch, WIDTH), x, h5);
            var mean = op(g, p + "norm/ReduceMean", "ReduceMean", type(batch, 1), r);
            mean.producer().setAttribute(Attribute.ofInts("axes", -1));
            mean.producer().setAttribute(Attribute.ofInt("keepdims", 1));
            var centered = op(g, p + "norm/Sub", "Sub", type(batch, WIDTH), r, mean);
            x = op(g, p + "norm/Mul", "Mul", type(batch, WIDTH), centered, gamma);
        }
        g.addOutput(x);
        var model = new Model(g);
        model.setIrVersion(8L);
        model.opsetImports().add(new OpsetId(OpsetId.ONNX, 17));
        model.setProducerName("loupe-synthetic");
        return model;
    }

    private static TypeInfo type(Dim batch, long width) {
        return new TypeInfo.TensorType(ElementType.FLOAT, new Shape(List.of(batch, Dim.of(width))));
    }

    private static Value weight(Graph g, String name, long... dims) {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        var values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) Math.sin(i * 0.37 + name.length()) * 0.1f;
        }
        var v = g.valueOrCreate(name);
        g.setInitializer(v, TensorData.ofFloats(name, dims, values));
        return v;
    }

    private static Value op(Graph g, String name, String opType, TypeInfo outType, Value... inputs) {
        var node = g.addNode(name, opType, "");
        for (var in : inputs) {
            node.addInput(in);
        }
        var out = g.valueOrCreate(name + "_output_0");
        out.setType(outType);
        g.addValueInfo(out);
        node.addOutput(out);
        return out;
    }
}
