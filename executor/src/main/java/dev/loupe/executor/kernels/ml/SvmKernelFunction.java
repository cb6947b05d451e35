package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;

/// The kernel `K(a, b)` of the SVM operators (`kernel_type`), with `kernel_params` = `[gamma, coef0, degree]`
/// (all 0 when absent).
enum SvmKernelFunction {
    LINEAR {
        @Override
        double apply(Params p, double[] a, int aFrom, double[] b, int bFrom, int n) {
            return dot(a, aFrom, b, bFrom, n);
        }
    },
    POLY {
        @Override
        double apply(Params p, double[] a, int aFrom, double[] b, int bFrom, int n) {
            return Math.pow(dot(a, aFrom, b, bFrom, n) * p.gamma() + p.coef0(), p.degree());
        }
    },
    RBF {
        @Override
        double apply(Params p, double[] a, int aFrom, double[] b, int bFrom, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double d = a[aFrom + i] - b[bFrom + i];
                s += d * d;
            }
            return Math.exp(-p.gamma() * s);
        }
    },
    SIGMOID {
        @Override
        double apply(Params p, double[] a, int aFrom, double[] b, int bFrom, int n) {
            return Math.tanh(dot(a, aFrom, b, bFrom, n) * p.gamma() + p.coef0());
        }
    };

    /// `kernel_params`.
    ///
    /// @param gamma the scale of the dot product or distance
    /// @param coef0 the offset added before the power or tanh
    /// @param degree the polynomial degree
    record Params(double gamma, double coef0, int degree) {
    }

    /// `K(a[aFrom, aFrom + n), b[bFrom, bFrom + n))`.
    abstract double apply(Params p, double[] a, int aFrom, double[] b, int bFrom, int n);

    static SvmKernelFunction of(NodeSpec spec) {
        var name = spec.stringAttr("kernel_type", "LINEAR");
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new KernelException("kernel_type '" + name + "' is not one of LINEAR, POLY, RBF, SIGMOID");
        }
    }

    static Params params(NodeSpec spec) {
        var p = spec.floatsAttr("kernel_params", null);
        if (p == null || p.length == 0) {
            return new Params(0, 0, 0);
        }
        if (p.length != 3) {
            throw new KernelException("kernel_params has " + p.length + " values, expected 3 (gamma, coef0, degree)");
        }
        return new Params(p[0], p[1], (int) p[2]);
    }

    private static double dot(double[] a, int aFrom, double[] b, int bFrom, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[aFrom + i] * b[bFrom + i];
        }
        return s;
    }
}
