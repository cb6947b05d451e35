package dev.loupe.executor.kernels.signal;

/// The discrete Fourier transform of one complex sequence, in double: an iterative radix-2 FFT when the
/// length is a power of two, else the direct sum over a precomputed table of twiddle factors.
///
/// `X[k] = Σₙ x[n] · e^(∓2πi·kn/N)` (minus for the forward transform); the inverse also divides by `N`.
/// Instances keep their tables and scratch space, so use one per thread.
final class Fourier {

    private final int n;
    private final boolean inverse;
    private final double[] cos;
    private final double[] sin;
    private final double[] re;
    private final double[] im;

    Fourier(int n, boolean inverse) {
        this.n = n;
        this.inverse = inverse;
        cos = new double[n];
        sin = new double[n];
        for (int k = 0; k < n; k++) {
            double angle = 2 * Math.PI * k / n;
            cos[k] = Math.cos(angle);
            sin[k] = inverse ? Math.sin(angle) : -Math.sin(angle);
        }
        re = new double[n];
        im = new double[n];
    }

    /// Transforms `(inRe, inIm)` (length `n`) into `(outRe, outIm)`; the outputs may be the inputs.
    void transform(double[] inRe, double[] inIm, double[] outRe, double[] outIm) {
        if (n > 0 && (n & (n - 1)) == 0) {
            System.arraycopy(inRe, 0, re, 0, n);
            System.arraycopy(inIm, 0, im, 0, n);
            radix2();
        } else {
            for (int k = 0; k < n; k++) {
                double sr = 0;
                double si = 0;
                for (int j = 0, t = 0; j < n; j++, t = (t + k) % n) {
                    sr += inRe[j] * cos[t] - inIm[j] * sin[t];
                    si += inRe[j] * sin[t] + inIm[j] * cos[t];
                }
                re[k] = sr;
                im[k] = si;
            }
        }
        double scale = inverse && n > 0 ? 1.0 / n : 1.0;
        for (int k = 0; k < n; k++) {
            outRe[k] = re[k] * scale;
            outIm[k] = im[k] * scale;
        }
    }

    private void radix2() {
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            int stride = n / len;
            for (int start = 0; start < n; start += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = cos[k * stride];
                    double wi = sin[k * stride];
                    int a = start + k;
                    int b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
