package dev.loupe.app.render;

/// How [GraphRenderer] draws a whole model.
///
/// @param theme the colour theme
/// @param scale pixels per diagram unit for PNG (1 is 100% zoom); lowered automatically to fit `maxPixels`
/// @param expandAll show every node even in large graphs, instead of opening with groups collapsed
/// @param maxPixels the largest PNG, in pixels (width × height), to bound memory use
public record RenderOptions(Theme theme, double scale, boolean expandAll, long maxPixels) {

    /// 32 megapixels: 128 MiB of image memory.
    public static final long DEFAULT_MAX_PIXELS = 32L << 20;

    public RenderOptions {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive, was " + scale);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive, was " + maxPixels);
        }
    }

    /// Light theme, 100% zoom, groups collapsed in large graphs, at most 32 megapixels.
    public static RenderOptions defaults() {
        return new RenderOptions(Theme.LIGHT, 1.0, false, DEFAULT_MAX_PIXELS);
    }

    public RenderOptions withTheme(Theme t) {
        return new RenderOptions(t, scale, expandAll, maxPixels);
    }

    public RenderOptions withScale(double s) {
        return new RenderOptions(theme, s, expandAll, maxPixels);
    }

    public RenderOptions withExpandAll(boolean e) {
        return new RenderOptions(theme, scale, e, maxPixels);
    }

    public RenderOptions withMaxPixels(long m) {
        return new RenderOptions(theme, scale, expandAll, m);
    }
}
