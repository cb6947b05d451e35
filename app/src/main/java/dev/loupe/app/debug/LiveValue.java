package dev.loupe.app.debug;

import dev.loupe.app.diagram.ValueText;
import dev.loupe.executor.session.FramePath;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// What a run last computed for one value: its name and frame (to fetch it from the debugger's retained
/// values) and a short label for the diagram's edge, such as `float[4,8] −1.2…3.4`.
///
/// @param name  the value's name in the run
/// @param frame where it was computed
/// @param label type, shape and range, with the count of NaN and infinite elements when there are any
public record LiveValue(String name, FramePath frame, String label) {

    /// Describes `value` (computed on the run's thread: it reads every element once).
    static LiveValue of(String name, FramePath frame, RuntimeValue value) {
        return new LiveValue(name, frame, label(value));
    }

    static String label(RuntimeValue value) {
        if (value == null) {
            return "none";
        }
        if (!(value instanceof Tensor t) || t.size() == 0 || t.type() == ElementType.STRING
                || t.type().kind() == ElementType.Kind.COMPLEX) {
            return value.describe();
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long nonFinite = 0;
        if (t.data() instanceof float[] f) {
            for (float v : f) {
                if (Float.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                } else {
                    nonFinite++;
                }
            }
        } else {
            for (int i = 0; i < t.size(); i++) {
                double v = t.getDouble(i);
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                } else {
                    nonFinite++;
                }
            }
        }
        var range = min > max ? "" : t.size() == 1 || min == max ? " = " + ValueText.number(min)
                : " " + ValueText.number(min) + "…" + ValueText.number(max);
        return t.describe() + range + (nonFinite > 0 ? " (" + nonFinite + " NaN/Inf)" : "");
    }
}
