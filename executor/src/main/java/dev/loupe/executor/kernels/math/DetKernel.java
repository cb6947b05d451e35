package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;

import java.util.Arrays;

/// `Det` (version 11): the determinant of each square matrix in the last two axes, by LU decomposition with
/// partial pivoting in `double`.
final class DetKernel implements Kernel {

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var x = Operands.tensor("Det", inputs, 0, "X");
        if (!x.type().isFloatingPoint()) {
            throw KernelException.unsupportedType("Det input", x.type());
        }
        int r = x.rank();
        if (r < 2 || x.dim(r - 1) != x.dim(r - 2)) {
            throw new KernelException("Det needs square matrices in the last two axes, got " + x.describe());
        }
        int n = (int) x.dim(r - 1);
        var v = Numeric.doubles(x);
        var batchShape = Arrays.copyOf(x.shape(), r - 2);
        int count = Shapes.checkedSize(batchShape);
        var out = new double[count];
        var m = new double[n * n];
        for (int i = 0; i < count; i++) {
            System.arraycopy(v, i * n * n, m, 0, n * n);
            out[i] = determinant(m, n);
        }
        return new RuntimeValue[] {Numeric.fromDoubles(x.type(), batchShape, out)};
    }

    private static double determinant(double[] m, int n) {
        double det = 1;
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int row = c + 1; row < n; row++) {
                if (Math.abs(m[row * n + c]) > Math.abs(m[pivot * n + c])) {
                    pivot = row;
                }
            }
            if (m[pivot * n + c] == 0) {
                return 0;
            }
            if (pivot != c) {
                for (int k = 0; k < n; k++) {
                    double t = m[c * n + k];
                    m[c * n + k] = m[pivot * n + k];
                    m[pivot * n + k] = t;
                }
                det = -det;
            }
            double p = m[c * n + c];
            det *= p;
            for (int row = c + 1; row < n; row++) {
                double f = m[row * n + c] / p;
                for (int k = c; k < n; k++) {
                    m[row * n + k] -= f * m[c * n + k];
                }
            }
        }
        return det;
    }
}
