package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/// `Einsum` (version 12): Einstein summation over any number of inputs, with repeated labels (diagonals),
/// ellipses (broadcast), and implicit output. Every combination of label values is visited once; the
/// product of the inputs' elements is added to the output element the output labels select. Computed in
/// `double` and converted to the inputs' type.
final class EinsumKernel implements Kernel {

    private final String equation;

    EinsumKernel(NodeSpec spec) {
        this.equation = spec.stringAttr("equation", null);
        if (equation == null) {
            throw new KernelException("required attribute 'equation' is missing");
        }
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var tensors = new Tensor[inputs.length];
        var ranks = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            tensors[i] = Operands.tensor("Einsum", inputs, i, "Inputs[" + i + "]");
            Operands.sameType("Einsum", tensors[0], "Inputs[0]", tensors[i], "Inputs[" + i + "]");
            ranks[i] = tensors[i].rank();
        }
        var eq = EinsumEquation.parse(equation, ranks);
        var size = new long[eq.labelCount()];
        Arrays.fill(size, -1);
        for (int t = 0; t < tensors.length; t++) {
            var labels = eq.inputs().get(t);
            for (int d = 0; d < labels.length; d++) {
                long dim = tensors[t].dim(d);
                long known = size[labels[d]];
                if (known == -1 || known == 1) {
                    size[labels[d]] = dim;
                } else if (dim != known && dim != 1) {
                    throw new KernelException("Einsum label sizes disagree: " + known + " and " + dim + " in '" + equation + "'");
                }
            }
        }
        var used = new ArrayList<Integer>();
        for (int l = 0; l < size.length; l++) {
            if (size[l] >= 0) {
                used.add(l);
            }
        }
        var outShape = new long[eq.output().length];
        for (int d = 0; d < outShape.length; d++) {
            if (size[eq.output()[d]] < 0) {
                throw new KernelException("Einsum output label in '" + equation + "' does not appear in any input");
            }
            outShape[d] = size[eq.output()[d]];
        }
        var values = new double[tensors.length][];
        var strides = new int[tensors.length][];
        for (int t = 0; t < tensors.length; t++) {
            values[t] = Numeric.doubles(tensors[t]);
            strides[t] = labelStrides(tensors[t].shape(), eq.inputs().get(t), used);
        }
        var outStrides = labelStrides(outShape, eq.output(), used);
        var out = new double[Shapes.checkedSize(outShape)];
        sum(used, size, values, strides, outStrides, out);
        return new RuntimeValue[] {Numeric.fromDoubles(tensors[0].type(), outShape, out)};
    }

    /// Visits every combination of the used labels' values (an odometer) and accumulates the products.
    private static void sum(List<Integer> used, long[] size, double[][] values, int[][] strides, int[] outStrides, double[] out) {
        int n = used.size();
        var idx = new long[n];
        var offsets = new int[values.length];
        int outOffset = 0;
        for (int l = 0; l < n; l++) {
            if (size[used.get(l)] == 0) {
                return;
            }
        }
        while (true) {
            double p = 1;
            for (int t = 0; t < values.length; t++) {
                p *= values[t][offsets[t]];
            }
            out[outOffset] += p;
            int l = n - 1;
            for (; l >= 0; l--) {
                for (int t = 0; t < values.length; t++) {
                    offsets[t] += strides[t][l];
                }
                outOffset += outStrides[l];
                if (++idx[l] < size[used.get(l)]) {
                    break;
                }
                for (int t = 0; t < values.length; t++) {
                    offsets[t] -= strides[t][l] * (int) size[used.get(l)];
                }
                outOffset -= outStrides[l] * (int) size[used.get(l)];
                idx[l] = 0;
            }
            if (l < 0) {
                return;
            }
        }
    }

    /// For each used label, how far one step of it moves in an array of `shape` whose axes carry `labels`
    /// (summed over repeated labels; 0 for a label the array lacks or has with size 1).
    private static int[] labelStrides(long[] shape, int[] labels, List<Integer> used) {
        var out = new int[used.size()];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1) {
                out[used.indexOf(labels[d])] += stride;
            }
            stride *= (int) shape[d];
        }
        return out;
    }
}
