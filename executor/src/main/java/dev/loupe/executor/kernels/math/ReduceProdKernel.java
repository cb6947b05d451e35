package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.simd.Reductions;

/// `ReduceProd` (versions 1, 11, 13, 18): the product.
final class ReduceProdKernel extends ReduceKernel {

    ReduceProdKernel(NodeSpec spec) {
        super("ReduceProd", spec);
    }

    @Override
    double fold(double[] x, int from, int n) {
        double p = 1;
        for (int i = from; i < from + n; i++) {
            p *= x[i];
        }
        return p;
    }

    @Override
    boolean foldsIntegers() {
        return true;
    }

    @Override
    long fold(long[] x, int from, int n) {
        long p = 1;
        for (int i = from; i < from + n; i++) {
            p *= x[i];
        }
        return p;
    }

    @Override
    Reductions.Fold floatFold() {
        return Reductions.Fold.PRODUCT;
    }
}
