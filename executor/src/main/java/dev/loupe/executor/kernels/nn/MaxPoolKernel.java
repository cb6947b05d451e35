package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.simd.Convolution;
import dev.loupe.executor.simd.MaxPooling2d;
import dev.loupe.executor.simd.Pooling;
import dev.loupe.executor.simd.Window2d;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;
import java.util.Set;

/// `MaxPool` (versions 1, 8, 10, 11, 12), float types and (version 12) int8 and uint8, 1-D to N-D: the largest
/// element of each window (padding never wins), with `kernel_shape`, `strides`, `pads`, `auto_pad`,
/// `dilations` (version 10) and `ceil_mode` (version 10). The optional `Indices` output (version 8) holds the
/// flat position of each maximum in `X`, row-major or, with `storage_order = 1`, with the spatial axes in
/// column-major order; ties go to the first window position.
///
/// float32 without the `Indices` output runs on [Pooling#max] (vector gathers), keeping the window's plan
/// while the input's spatial shape repeats; it gives the same values as the general path.
final class MaxPoolKernel extends NnKernel {

    private static final Set<ElementType> TYPES = Set.of(ElementType.FLOAT, ElementType.DOUBLE, ElementType.FLOAT16,
            ElementType.BFLOAT16, ElementType.INT8, ElementType.UINT8);

    private final WindowAttributes window;
    private final boolean columnMajor;
    private final boolean indices;
    /// The float path's last spatial shape, window and gather table; runs are serialized, so plain fields suffice.
    private long[] tableShape;
    private WindowGeometry tableGeometry;
    private Convolution.Plan plan;
    /// The direct kernel's window for 2-D planes it supports, else `null` (and [#plan] is used instead).
    private Window2d direct;

    MaxPoolKernel(NodeSpec node) {
        super("X", TYPES, 3);
        this.window = WindowAttributes.of(node);
        this.columnMajor = node.intAttr("storage_order", 0) != 0;
        this.indices = node.hasOutput(1);
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        var xs = x.shape();
        var spatialShape = Arrays.copyOfRange(xs, 2, xs.length);
        if (x.type() == ElementType.FLOAT && !indices) {
            return new RuntimeValue[] {floats(x, spatialShape, context)};
        }
        var geometry = window.geometry(spatialShape, null);
        int inSize = geometry.inputSize();
        int outSize = geometry.outputSize();
        int taps = geometry.kernelSize();
        var table = geometry.gatherTable();
        int planes = (int) (xs[0] * xs[1]);
        var xv = Numbers.toDoubles(x);
        var out = new double[planes * outSize];
        var arg = new long[planes * outSize];
        var best = new double[outSize];
        var where = new int[outSize];
        for (int plane = 0; plane < planes; plane++) {
            context.checkCancelled();
            Arrays.fill(best, Double.NEGATIVE_INFINITY);
            Arrays.fill(where, -1);
            int base = plane * inSize;
            for (int k = 0; k < taps; k++) {
                int t = k * outSize;
                for (int p = 0; p < outSize; p++) {
                    int off = table[t + p];
                    if (off >= 0 && (xv[base + off] > best[p] || where[p] < 0)) {
                        best[p] = xv[base + off];
                        where[p] = off;
                    }
                }
            }
            System.arraycopy(best, 0, out, plane * outSize, outSize);
            for (int p = 0; p < outSize; p++) {
                arg[plane * outSize + p] = (long) plane * inSize + (columnMajor ? columnMajor(where[p], spatialShape) : where[p]);
            }
        }
        var outShape = xs.clone();
        System.arraycopy(geometry.output(), 0, outShape, 2, geometry.output().length);
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), outShape, out), Tensor.ofLongs(outShape, arg)};
    }

    /// The float32 path: for each output position, the first valid tap's value, replaced by any larger one.
    private Tensor floats(Tensor x, long[] spatialShape, KernelContext context) {
        if (!Arrays.equals(spatialShape, tableShape)) {
            tableGeometry = window.geometry(spatialShape, null);
            direct = tableGeometry.window2d();
            // The gather table only for windows the direct kernel does not take.
            plan = direct != null ? null : Convolution.plan(tableGeometry.gatherTable(), tableGeometry.kernelSize(),
                    tableGeometry.inputSize(), tableGeometry.outputSize());
            tableShape = spatialShape;
        }
        var outShape = x.shape();
        System.arraycopy(tableGeometry.output(), 0, outShape, 2, spatialShape.length);
        var out = context.output(ElementType.FLOAT, outShape);
        int planes = (int) (outShape[0] * outShape[1]);
        context.checkCancelled();
        if (direct != null) {
            MaxPooling2d.forward(direct, x.floats(), 0, planes, out.floats(), 0, context.threads());
        } else {
            Pooling.max(plan, x.floats(), 0, planes, out.floats(), 0);
        }
        return out;
    }

    /// The column-major position of the row-major spatial position `p`.
    private static long columnMajor(int p, long[] shape) {
        var strides = Shapes.strides(shape);
        long result = 0;
        long step = 1;
        for (int i = 0; i < shape.length; i++) {
            long c = (p / strides[i]) % shape[i];
            result += c * step;
            step *= shape[i];
        }
        return result;
    }
}
