package dev.loupe.executor.kernels.random;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/// The template of the random operators: every run draws from a fresh [SplittableRandom] seeded by the
/// node's `seed` attribute, so a node gives the same values each time it runs, which is what stepping and
/// comparing runs need. A node without a seed gets one derived from the names of its outputs: reproducible
/// too, and different for different nodes of a graph.
///
/// The values follow the requested distribution but are not those of other runtimes (onnxruntime, the ONNX
/// reference, NumPy), even for the same seed: the ONNX specification leaves the generator open, so tests
/// of these kernels check shapes, types, ranges and statistics, never values.
abstract class RandomKernel implements Kernel {

    private final long seed;

    RandomKernel(NodeSpec spec) {
        seed = spec.has("seed") ? Double.doubleToLongBits(spec.floatAttr("seed", 0f)) : outputNameSeed(spec);
    }

    private static long outputNameSeed(NodeSpec spec) {
        long h = 0x9E3779B97F4A7C15L;
        for (var v : spec.node().outputs()) {
            h = h * 31 + (v == null ? 0 : v.name().hashCode());
        }
        return h;
    }

    /// Draws the node's outputs.
    protected abstract RuntimeValue[] sample(RuntimeValue[] in, RandomGenerator random);

    @Override
    public final RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        return sample(in, new SplittableRandom(seed));
    }

    /// The element type named by the `dtype` attribute, or `fallback` (which may be `null`) when absent.
    static ElementType dtype(NodeSpec spec, ElementType fallback) {
        if (!spec.has("dtype")) {
            return fallback;
        }
        long code = spec.intAttr("dtype", 0);
        return ElementType.fromCode((int) code).orElseThrow(() -> new KernelException("dtype " + code + " is not an element type"));
    }

    /// Input slot `i` as a tensor.
    static Tensor input(RuntimeValue[] in, int i, String name) {
        if (i >= in.length || !(in[i] instanceof Tensor t)) {
            throw new KernelException("input " + name + " must be a tensor, got "
                    + (i < in.length && in[i] != null ? in[i].describe() : "nothing"));
        }
        return t;
    }

    /// A tensor of a floating-point `type` holding `values`.
    static Tensor floating(ElementType type, long[] shape, double[] values) {
        var out = Tensor.allocate(type, shape);
        switch (type) {
            case DOUBLE -> System.arraycopy(values, 0, out.doubles(), 0, values.length);
            case FLOAT -> {
                var f = out.floats();
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) values[i];
                }
            }
            case FLOAT16, BFLOAT16 -> {
                for (int i = 0; i < values.length; i++) {
                    out.setDouble(i, values[i]);
                }
            }
            default -> throw new KernelException("dtype " + type.onnxName() + " is not supported; expected float, double, float16 or bfloat16");
        }
        return out;
    }
}
