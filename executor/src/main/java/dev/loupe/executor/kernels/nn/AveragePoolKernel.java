package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.simd.AveragePooling;
import dev.loupe.executor.simd.Convolution;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;

/// `AveragePool` (versions 1, 7, 10, 11, 19), float types, 1-D to N-D: the mean of each window, with
/// `kernel_shape`, `strides`, `pads`, `auto_pad`, `ceil_mode` (version 10) and `dilations` (version 19). The
/// mean divides by the number of window positions inside the input, or with `count_include_pad = 1` (version
/// 7) inside the padded input.
///
/// float32 runs on [AveragePooling#average] (vector gathers, sums in float), keeping the window's plan and
/// divisors while the input's spatial shape repeats; other types are summed in double.
final class AveragePoolKernel extends NnKernel {

    private final WindowAttributes window;
    private final boolean countPadding;
    /// The float path's last spatial shape, window, plan and divisors; runs are serialized, so plain fields suffice.
    private long[] planShape;
    private WindowGeometry planGeometry;
    private Convolution.Plan plan;
    private float[] planDivisor;

    AveragePoolKernel(NodeSpec node) {
        super("X", 3);
        this.window = WindowAttributes.of(node);
        this.countPadding = node.intAttr("count_include_pad", 0) != 0;
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        var xs = x.shape();
        var spatialShape = Arrays.copyOfRange(xs, 2, xs.length);
        if (x.type() == ElementType.FLOAT) {
            return new RuntimeValue[] {floats(x, spatialShape, context)};
        }
        var geometry = window.geometry(spatialShape, null);
        int inSize = geometry.inputSize();
        int outSize = geometry.outputSize();
        int taps = geometry.kernelSize();
        var table = geometry.gatherTable();
        var divisor = divisors(geometry);
        int planes = (int) (xs[0] * xs[1]);
        var xv = Numbers.toDoubles(x);
        var out = new double[planes * outSize];
        for (int plane = 0; plane < planes; plane++) {
            context.checkCancelled();
            int base = plane * inSize;
            int o = plane * outSize;
            for (int k = 0; k < taps; k++) {
                int t = k * outSize;
                for (int p = 0; p < outSize; p++) {
                    int off = table[t + p];
                    if (off >= 0) {
                        out[o + p] += xv[base + off];
                    }
                }
            }
            for (int p = 0; p < outSize; p++) {
                out[o + p] /= divisor[p];
            }
        }
        var outShape = xs.clone();
        System.arraycopy(geometry.output(), 0, outShape, 2, geometry.output().length);
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), outShape, out)};
    }

    /// How many taps each output position averages: those inside the input, or with `count_include_pad`
    /// inside the padded input.
    private double[] divisors(WindowGeometry geometry) {
        int outSize = geometry.outputSize();
        var table = geometry.gatherTable();
        var counted = countPadding ? geometry.paddedTable() : null;
        var divisor = new double[outSize];
        for (int k = 0; k < geometry.kernelSize(); k++) {
            for (int p = 0; p < outSize; p++) {
                divisor[p] += countPadding ? counted[k * outSize + p] : table[k * outSize + p] >= 0 ? 1 : 0;
            }
        }
        return divisor;
    }

    private Tensor floats(Tensor x, long[] spatialShape, KernelContext context) {
        if (!Arrays.equals(spatialShape, planShape)) {
            planGeometry = window.geometry(spatialShape, null);
            plan = Convolution.plan(planGeometry.gatherTable(), planGeometry.kernelSize(), planGeometry.inputSize(),
                    planGeometry.outputSize());
            var divisor = divisors(planGeometry);
            planDivisor = new float[divisor.length];
            for (int p = 0; p < divisor.length; p++) {
                planDivisor[p] = (float) divisor[p];
            }
            planShape = spatialShape;
        }
        var outShape = x.shape();
        System.arraycopy(planGeometry.output(), 0, outShape, 2, spatialShape.length);
        var out = context.output(ElementType.FLOAT, outShape);
        context.checkCancelled();
        AveragePooling.average(plan, x.floats(), 0, (int) (outShape[0] * outShape[1]), planDivisor, out.floats(), 0);
        return out;
    }
}
