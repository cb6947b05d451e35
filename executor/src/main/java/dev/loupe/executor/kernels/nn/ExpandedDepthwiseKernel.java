package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.ClampingKernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.simd.Clamp;
import dev.loupe.executor.simd.ExpandedDepthwise;
import dev.loupe.executor.simd.VectorSupport;
import dev.loupe.executor.simd.Window2d;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;
import java.util.Set;

/// Two float `Conv` nodes of a fast plan as one step ([ExpandedDepthwise]): a pointwise one (1x1 kernel, one
/// group, unit strides, no padding), optionally bounded by a fused `Relu` or `Clip`, whose result only a 2-D
/// depthwise one reads (as many groups as channels, one filter each, a horizontal stride of 1 or 2) — a MobileNet
/// block's expansion and its depthwise layer. The expanded tensor is never stored whole. Both nodes' weights
/// and biases are constants taken when the plan is made; the step reads only the pointwise node's `X`.
///
/// Runs are serialized (a step runs once at a time), so the window of the last input shape is a plain field.
public final class ExpandedDepthwiseKernel implements ClampingKernel {

    private final WindowAttributes depthwise;
    private final long[] kernel;
    private final ExpandedDepthwise.Weights weights;
    private final Clamp expansionBound;
    private long[] windowShape;
    private Window2d window;

    private ExpandedDepthwiseKernel(WindowAttributes depthwise, long[] kernel, ExpandedDepthwise.Weights weights,
                                    Clamp expansionBound) {
        this.depthwise = depthwise;
        this.kernel = kernel;
        this.weights = weights;
        this.expansionBound = expansionBound;
    }

    /// The step for `pointwise` (weights `wA`, bias `bA` or `null`, its result bounded by `bound` or `null`)
    /// feeding `depthwise` (weights `wB`, bias `bB` or `null`), or `null` when the pair is not one this kernel
    /// computes: the vector kernels off, another element type or shape of weights, or attributes other than
    /// those above.
    public static ExpandedDepthwiseKernel of(NodeSpec pointwise, Tensor wA, Tensor bA, Clamp bound, NodeSpec depthwise,
                                             Tensor wB, Tensor bB) {
        if (!VectorSupport.enabled() || wA == null || wB == null || !allFloat(wA, bA, wB, bB)) {
            return null;
        }
        var as = wA.shape();
        var bs = wB.shape();
        if (as.length != 4 || as[2] != 1 || as[3] != 1 || bs.length != 4 || bs[0] != as[0] || bs[1] != 1
                || pointwise.intAttr("group", 1) != 1 || depthwise.intAttr("group", 1) != as[0]
                || (bA != null && bA.size() != as[0]) || (bB != null && bB.size() != as[0])) {
            return null;
        }
        var pointwiseWindow = WindowAttributes.of(pointwise);
        if (!pointwiseWindow.unitStridesAndDilations() || !unpadded(pointwiseWindow)
                || (pointwiseWindow.kernelShape() != null && !Arrays.equals(pointwiseWindow.kernelShape(), new long[] {1, 1}))) {
            return null;
        }
        var kernel = new long[] {bs[2], bs[3]};
        var depthwiseWindow = WindowAttributes.of(depthwise);
        var strides = depthwiseWindow.strides();
        // The direct kernel takes horizontal strides of 1 and 2 (Window2d#supported).
        if ((depthwiseWindow.kernelShape() != null && !Arrays.equals(depthwiseWindow.kernelShape(), kernel))
                || (strides != null && (strides.length != 2 || strides[1] < 1 || strides[1] > 2))) {
            return null;
        }
        var weights = ExpandedDepthwise.Weights.of((int) as[1], (int) as[0], wA.floats(), bA == null ? null : bA.floats(),
                wB.floats(), bB == null ? null : bB.floats());
        return new ExpandedDepthwiseKernel(depthwiseWindow, kernel, weights, bound);
    }

    /// Whether every one of `tensors` that is present holds float32.
    private static boolean allFloat(Tensor... tensors) {
        for (var t : tensors) {
            if (t != null && t.type() != ElementType.FLOAT) {
                return false;
            }
        }
        return true;
    }

    private static boolean unpadded(WindowAttributes window) {
        return window.autoPad() == WindowAttributes.AutoPad.VALID || (window.autoPad() == WindowAttributes.AutoPad.NOTSET
                && (window.pads() == null || Arrays.stream(window.pads()).allMatch(p -> p == 0)));
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        return compute(inputs, context, null);
    }

    @Override
    public RuntimeValue[] runClamped(RuntimeValue[] inputs, KernelContext context, float lo, float hi) {
        return compute(inputs, context, new Clamp(lo, hi));
    }

    private RuntimeValue[] compute(RuntimeValue[] inputs, KernelContext context, Clamp bound) {
        var x = Operands.tensor(inputs, 0, "X", Set.of(ElementType.FLOAT));
        var xs = x.shape();
        if (xs.length != 4 || xs[1] != weights.channels()) {
            throw new KernelException("X " + x.describe() + " must be N x " + weights.channels() + " x H x W");
        }
        var g = window(xs);
        long[] outShape = {xs[0], weights.expanded(), g.outHeight(), g.outWidth()};
        Operands.checkOutputSize(ElementType.FLOAT, outShape);
        var out = context.output(ElementType.FLOAT, outShape);
        int inPlane = weights.channels() * g.height() * g.width();
        int outPlane = weights.expanded() * g.outHeight() * g.outWidth();
        for (int img = 0; img < xs[0]; img++) {
            context.checkCancelled();
            ExpandedDepthwise.forward(g, x.floats(), img * inPlane, weights, expansionBound, bound, out.floats(),
                    img * outPlane, context.threads());
        }
        return new RuntimeValue[] {out};
    }

    /// The depthwise window over an input of spatial shape `xs[2..]`, kept while that shape repeats.
    private Window2d window(long[] xs) {
        var spatial = Arrays.copyOfRange(xs, 2, 4);
        if (!Arrays.equals(spatial, windowShape)) {
            var g = depthwise.geometry(spatial, kernel).window2d();
            if (g == null) {
                throw new KernelException("the depthwise window over " + Arrays.toString(spatial) + " is not one the direct kernel computes");
            }
            window = g;
            windowShape = spatial;
        }
        return window;
    }
}
