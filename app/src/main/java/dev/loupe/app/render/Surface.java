package dev.loupe.app.render;

/// Where a [DiagramPainter] draws: a JavaFX canvas, a Java2D image or an SVG document.
///
/// Coordinates are diagram units; each surface maps them to its own pixels. Colours are ARGB integers.
/// Line widths are in screen pixels, whatever the zoom.
public interface Surface {

    /// Diagram units per screen pixel: `1 / zoom`.
    double pixel();

    void setFill(int argb);

    /// Sets the stroke colour and width in screen pixels.
    void setStroke(int argb, double pixels);

    void fillRect(double x, double y, double w, double h);

    void fillRoundRect(double x, double y, double w, double h, double arc);

    void strokeRoundRect(double x, double y, double w, double h, double arc);

    /// Strokes a polyline given as `x0, y0, x1, y1, ...`.
    void polyline(double[] points);

    void fillTriangle(double x0, double y0, double x1, double y1, double x2, double y2);

    /// Fills `text` with its baseline starting at (`x`, `y`), in the diagram font of the given size.
    void text(String text, double x, double y, double size, boolean bold);
}
