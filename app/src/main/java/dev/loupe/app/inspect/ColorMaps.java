package dev.loupe.app.inspect;

/// Colour ramps for drawing tensor values as images, as ARGB pixels. NaN is always magenta, infinities the
/// ends of the ramp's range (positive above, negative below).
public final class ColorMaps {

    /// How values become colours.
    public enum Mode {
        /// Minimum black, maximum white.
        GREY,
        /// A heat ramp from dark purple through red and orange to pale yellow; when the values have both
        /// signs, a diverging ramp instead: blue below zero, white at zero, red above.
        HEAT
    }

    private static final int NAN = 0xFFFF00FF;
    private static final int[] HEAT = {0x000004, 0x3b0f70, 0x8c2981, 0xde4968, 0xfe9f6d, 0xfcfdbf};
    private static final int[] DIVERGING = {0x2166ac, 0x67a9cf, 0xf7f7f7, 0xef8a62, 0xb2182b};

    private ColorMaps() {
    }

    /// The pixel of `v` between `min` and `max` under `mode`.
    public static int color(Mode mode, double v, double min, double max) {
        if (Double.isNaN(v)) {
            return NAN;
        }
        if (mode == Mode.HEAT && min < 0 && max > 0) {
            double bound = Math.max(-min, max);
            return ramp(DIVERGING, (Math.clamp(v / bound, -1, 1) + 1) / 2);
        }
        double span = max - min;
        double t = span > 0 ? Math.clamp((v - min) / span, 0, 1) : 0.5;
        if (mode == Mode.GREY) {
            int g = (int) Math.round(t * 255);
            return 0xFF000000 | g << 16 | g << 8 | g;
        }
        return ramp(HEAT, t);
    }

    /// Linear interpolation between evenly spaced RGB stops, for `t` in [0, 1].
    private static int ramp(int[] stops, double t) {
        double x = t * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) Math.floor(x));
        double f = x - i;
        int a = stops[i];
        int b = stops[i + 1];
        int r = mix(a >> 16 & 0xFF, b >> 16 & 0xFF, f);
        int g = mix(a >> 8 & 0xFF, b >> 8 & 0xFF, f);
        int bl = mix(a & 0xFF, b & 0xFF, f);
        return 0xFF000000 | r << 16 | g << 8 | bl;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
