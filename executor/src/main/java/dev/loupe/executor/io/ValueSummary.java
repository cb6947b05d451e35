package dev.loupe.executor.io;

import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Locale;

/// A one-line description of a value for people: type, shape and, for numeric tensors, the minimum,
/// maximum and mean of the finite elements and the count of NaNs.
///
/// @param min      `NaN` when the value is not numeric or has no finite element (likewise `max`, `mean`)
/// @param nanCount elements that are NaN
public record ValueSummary(String name, String type, double min, double max, double mean, long nanCount) {

    public static ValueSummary of(String name, RuntimeValue value) {
        if (!(value instanceof Tensor t) || t.type() == ElementType.STRING || t.type().kind() == ElementType.Kind.COMPLEX
                || t.size() == 0) {
            return new ValueSummary(name, value == null ? "none" : value.describe(), Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long finite = 0;
        long nans = 0;
        for (int i = 0; i < t.size(); i++) {
            double v = t.getDouble(i);
            if (Double.isNaN(v)) {
                nans++;
                continue;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (Double.isFinite(v)) {
                sum += v;
                finite++;
            }
        }
        if (nans == t.size()) {
            return new ValueSummary(name, t.describe(), Double.NaN, Double.NaN, Double.NaN, nans);
        }
        return new ValueSummary(name, t.describe(), min, max, finite == 0 ? Double.NaN : sum / finite, nans);
    }

    /// For example `y  float[1,1000]  min -3.2  max 9.1  mean 0.0012`.
    @Override
    public String toString() {
        if (Double.isNaN(min) && nanCount == 0) {
            return name + "  " + type;
        }
        return String.format(Locale.ROOT, "%s  %s  min %.6g  max %.6g  mean %.6g%s", name, type, min, max, mean,
                nanCount > 0 ? "  NaN " + nanCount : "");
    }
}
