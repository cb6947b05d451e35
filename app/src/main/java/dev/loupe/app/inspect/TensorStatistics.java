package dev.loupe.app.inspect;

/// Summary statistics of a tensor's values, computed in double precision over the finite values; NaN and
/// infinities are counted apart.
///
/// @param count all elements
/// @param finite elements that are neither NaN nor infinite
/// @param min smallest finite value (NaN when there is none)
/// @param max largest finite value (NaN when there is none)
/// @param mean mean of the finite values
/// @param std population standard deviation of the finite values
public record TensorStatistics(long count, long finite, double min, double max, double mean, double std, long zeros,
                               long nan, long posInf, long negInf) {

    public static TensorStatistics of(float[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long finite = 0;
        long zeros = 0;
        long nan = 0;
        long pos = 0;
        long neg = 0;
        for (float v : values) {
            if (Float.isNaN(v)) {
                nan++;
            } else if (v == Float.POSITIVE_INFINITY) {
                pos++;
            } else if (v == Float.NEGATIVE_INFINITY) {
                neg++;
            } else {
                finite++;
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (v == 0) {
                    zeros++;
                }
            }
        }
        double mean = finite == 0 ? Double.NaN : sum / finite;
        double sq = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                double d = v - mean;
                sq += d * d;
            }
        }
        double std = finite == 0 ? Double.NaN : Math.sqrt(sq / finite);
        return new TensorStatistics(values.length, finite, finite == 0 ? Double.NaN : min, finite == 0 ? Double.NaN : max,
                mean, std, zeros, nan, pos, neg);
    }

    /// Counts of finite values in `bins` equal-width bins from `min` to `max` (one bin when they are equal).
    public long[] histogram(float[] values, int bins) {
        var counts = new long[bins];
        if (finite == 0) {
            return counts;
        }
        double width = (max - min) / bins;
        for (float v : values) {
            if (Float.isFinite(v)) {
                int b = width == 0 ? 0 : (int) ((v - min) / width);
                counts[Math.clamp(b, 0, bins - 1)]++;
            }
        }
        return counts;
    }
}
