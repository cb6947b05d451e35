package dev.loupe.executor.kernels.ml;

/// Class probabilities from one-vs-one SVM decision values, as libsvm computes them: each pairwise value is
/// mapped through Platt's sigmoid (`prob_a`, `prob_b`), then the pairwise probabilities are coupled into one
/// distribution by the iterative method of Wu, Lin and Weng (2004).
final class PairwiseCoupling {

    private final int k;
    private final double[] probA;
    private final double[] probB;
    private final double[] r;
    private final double[] q;
    private final double[] qp;

    PairwiseCoupling(int classes, double[] probA, double[] probB) {
        this.k = classes;
        this.probA = probA;
        this.probB = probB;
        this.r = new double[k * k];
        this.q = new double[k * k];
        this.qp = new double[k];
    }

    /// Writes the `k` class probabilities for the `k(k-1)/2` decision values `scores[from, ...)` (pairs in
    /// the order (0,1), (0,2), ..., (1,2), ...) into `p[to, to + k)`.
    void probabilities(double[] scores, int from, double[] p, int to) {
        int pair = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                double v = 1 - PostTransform.logistic(scores[from + pair] * probA[pair] + probB[pair]);
                v = Math.min(Math.max(v, 1e-7), 1 - 1e-7);
                r[i * k + j] = v;
                r[j * k + i] = 1 - v;
                pair++;
            }
        }
        couple(p, to);
    }

    private void couple(double[] p, int to) {
        for (int t = 0; t < k; t++) {
            p[to + t] = 1.0 / k;
            double diag = 0;
            for (int j = 0; j < k; j++) {
                if (j != t) {
                    diag += r[j * k + t] * r[j * k + t];
                }
            }
            q[t * k + t] = diag;
            for (int j = 0; j < k; j++) {
                if (j != t) {
                    q[t * k + j] = -r[j * k + t] * r[t * k + j];
                }
            }
        }
        int maxIter = Math.max(100, k);
        double eps = 0.005 / k;
        for (int iter = 0; iter < maxIter; iter++) {
            double pqp = 0;
            for (int t = 0; t < k; t++) {
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += q[t * k + j] * p[to + j];
                }
                qp[t] = s;
                pqp += p[to + t] * s;
            }
            double maxError = 0;
            for (int t = 0; t < k; t++) {
                maxError = Math.max(maxError, Math.abs(qp[t] - pqp));
            }
            if (maxError < eps) {
                return;
            }
            for (int t = 0; t < k; t++) {
                double diff = (-qp[t] + pqp) / q[t * k + t];
                p[to + t] += diff;
                pqp = (pqp + diff * (diff * q[t * k + t] + 2 * qp[t])) / (1 + diff) / (1 + diff);
                for (int j = 0; j < k; j++) {
                    qp[j] = (qp[j] + diff * q[t * k + j]) / (1 + diff);
                    p[to + j] /= 1 + diff;
                }
            }
        }
    }
}
