package dev.loupe.app.diagram;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.List;

/// Sizes of the text and boxes of a diagram, shared by the layout (which sizes nodes to their content) and
/// every painter, so that a PNG, an SVG and the window draw the same boxes.
///
/// Text is measured with the platform's sans-serif font through Java2D, which needs no display. Thread-safe.
public final class DiagramMetrics {

    /// Font family every surface asks for first.
    public static final String FONT_FAMILY = "SansSerif";
    public static final double TITLE_SIZE = 12;
    public static final double LINE_SIZE = 10;
    public static final double LABEL_SIZE = 9;
    public static final double HEADER_HEIGHT = 22;
    public static final double LINE_HEIGHT = 13;
    public static final double PADDING = 8;
    public static final double MIN_WIDTH = 56;
    public static final double MAX_WIDTH = 320;
    /// Space between the frame of an expanded call and the body boxes inside it (sides and bottom).
    public static final double FRAME_PADDING = 10;
    /// Height of the title strip of an expanded call's frame, above its padding.
    public static final double FRAME_TITLE_HEIGHT = 16;

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    private static final Font TITLE_FONT = new Font(FONT_FAMILY, Font.BOLD, 1).deriveFont((float) TITLE_SIZE);
    private static final Font LABEL_FONT = new Font(FONT_FAMILY, Font.PLAIN, 1).deriveFont((float) LABEL_SIZE);
    private static final Font LINE_FONT = new Font(FONT_FAMILY, Font.PLAIN, 1).deriveFont((float) LINE_SIZE);

    private DiagramMetrics() {
    }

    public static double titleWidth(String text) {
        return TITLE_FONT.getStringBounds(text, FRC).getWidth();
    }

    public static double labelWidth(String text) {
        return LABEL_FONT.getStringBounds(text, FRC).getWidth();
    }

    public static double lineWidth(String text) {
        return LINE_FONT.getStringBounds(text, FRC).getWidth();
    }

    /// Width of a box holding a title and detail lines.
    public static double boxWidth(String title, List<String> lines) {
        double w = titleWidth(title);
        for (var l : lines) {
            w = Math.max(w, lineWidth(l));
        }
        return Math.clamp(Math.ceil(w + 2 * PADDING), MIN_WIDTH, MAX_WIDTH);
    }

    /// Height of a box with a header and `lineCount` detail lines.
    public static double boxHeight(int lineCount) {
        return lineCount == 0 ? HEADER_HEIGHT : HEADER_HEIGHT + lineCount * LINE_HEIGHT + 6;
    }
}
