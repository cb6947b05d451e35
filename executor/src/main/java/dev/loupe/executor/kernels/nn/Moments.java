package dev.loupe.executor.kernels.nn;

/// Mean and (population) variance of a run of values, and normalization by them.
final class Moments {

    private Moments() {
    }

    static double mean(double[] v, int from, int size) {
        double sum = 0;
        for (int i = from; i < from + size; i++) {
            sum += v[i];
        }
        return sum / size;
    }

    static double variance(double[] v, int from, int size, double mean) {
        double sum = 0;
        for (int i = from; i < from + size; i++) {
            double d = v[i] - mean;
            sum += d * d;
        }
        return sum / size;
    }

    /// Writes `scale * (x - mean) / sqrt(var + epsilon) + bias` for the run `[from, from + size)` of `x` into the
    /// same positions of `y`.
    static void normalize(double[] x, double[] y, int from, int size, double epsilon, double scale, double bias) {
        double mean = mean(x, from, size);
        double a = scale / Math.sqrt(variance(x, from, size, mean) + epsilon);
        double b = bias - a * mean;
        for (int i = from; i < from + size; i++) {
            y[i] = a * x[i] + b;
        }
    }
}
