package dev.loupe.app.render;

import dev.loupe.app.diagram.DiagramBuilder;
import dev.loupe.app.diagram.GroupingState;
import dev.loupe.app.diagram.OpCatalog;
import dev.loupe.app.layout.ElkLayoutEngine;
import dev.loupe.app.layout.GraphLayout;
import dev.loupe.app.layout.LayoutThread;
import dev.loupe.model.Model;
import dev.loupe.model.infer.ShapeInference;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import javax.imageio.ImageIO;

/// Renders a model's main graph, whole, to a PNG or SVG file, with no window and without starting JavaFX
/// (`loupe render`). The window's File › Export uses the same code on its current diagram.
///
/// Large graphs (over [GroupingState#COLLAPSE_THRESHOLD] nodes) are drawn with their name-scope groups
/// collapsed unless [RenderOptions#expandAll()] is set. Every method is thread-safe.
public final class GraphRenderer {

    /// Blank space around the drawing, in diagram units.
    private static final double MARGIN = 20;

    private GraphRenderer() {
    }

    /// What was written.
    ///
    /// @param width image width in pixels (for SVG: in diagram units)
    /// @param height image height in pixels (for SVG: in diagram units)
    /// @param scale pixels per diagram unit actually used
    public record Result(int width, int height, double scale, int boxes, int edges) {}

    /// Lays out `model`'s main graph and writes it as a PNG image to `out`.
    ///
    /// @throws IOException when the file cannot be written or the model has no graph
    public static Result renderPng(Model model, Path out, RenderOptions options) throws IOException {
        return writePng(layout(model, options), out, options);
    }

    /// Lays out `model`'s main graph and writes it as an SVG document to `out`.
    ///
    /// @throws IOException when the file cannot be written or the model has no graph
    public static Result renderSvg(Model model, Path out, RenderOptions options) throws IOException {
        return writeSvg(layout(model, options), out, options);
    }

    /// The layout `renderPng` and `renderSvg` draw: the main graph, grouped as `options` says. Runs shape
    /// inference first (filling the model's inferred types) so that edges carry shapes.
    ///
    /// @throws IOException when the model has no graph or the layout fails
    public static GraphLayout layout(Model model, RenderOptions options) throws IOException {
        if (model.graph() == null) {
            throw new IOException("the model has no graph to render");
        }
        try {
            ShapeInference.infer(model);
        } catch (RuntimeException e) {
            // Edges then show the declared types only.
        }
        var builder = new DiagramBuilder(model.graph(), OpCatalog.forModel(model));
        var grouping = options.expandAll() ? GroupingState.expandedAll(builder.scopes())
                : GroupingState.initial(builder.scopes());
        var diagram = builder.build(grouping);
        try {
            return LayoutThread.call(() -> new ElkLayoutEngine().layout(diagram, () -> false));
        } catch (ExecutionException e) {
            throw new IOException("layout failed: " + e.getCause(), e.getCause());
        }
    }

    /// The scale and pixel size a PNG of `layout` gets with `options`.
    public static Result pngSize(GraphLayout layout, RenderOptions options) {
        double w = layout.width() + 2 * MARGIN;
        double h = layout.height() + 2 * MARGIN;
        double scale = options.scale();
        double pixels = w * h * scale * scale;
        if (pixels > options.maxPixels()) {
            scale *= Math.sqrt(options.maxPixels() / pixels);
        }
        scale = Math.min(scale, Math.min(32_000 / w, 32_000 / h));
        int width = Math.max(1, (int) Math.ceil(w * scale));
        int height = Math.max(1, (int) Math.ceil(h * scale));
        return new Result(width, height, scale, layout.nodeCount(), layout.edgeCount());
    }

    /// Writes `layout` as a PNG image (the whole diagram, nothing selected).
    public static Result writePng(GraphLayout layout, Path out, RenderOptions options) throws IOException {
        var size = pngSize(layout, options);
        var image = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            var palette = Palette.of(options.theme());
            g.setColor(new java.awt.Color(palette.canvas()));
            g.fillRect(0, 0, size.width(), size.height());
            g.scale(size.scale(), size.scale());
            g.translate(MARGIN - layout.minX(), MARGIN - layout.minY());
            new DiagramPainter(palette).paint(new AwtSurface(g, size.scale()), layout, null, null, Highlight.NONE);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", out.toFile())) {
            throw new IOException("no PNG writer available");
        }
        return size;
    }

    /// Writes `layout` as an SVG document (the whole diagram, nothing selected).
    public static Result writeSvg(GraphLayout layout, Path out, RenderOptions options) throws IOException {
        double w = layout.width() + 2 * MARGIN;
        double h = layout.height() + 2 * MARGIN;
        var palette = Palette.of(options.theme());
        var svg = new StringBuilder(256 + 400 * (layout.nodeCount() + layout.edgeCount()));
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(SvgSurface.num(w))
                .append("\" height=\"").append(SvgSurface.num(h)).append("\" viewBox=\"")
                .append(SvgSurface.num(layout.minX() - MARGIN)).append(' ').append(SvgSurface.num(layout.minY() - MARGIN))
                .append(' ').append(SvgSurface.num(w)).append(' ').append(SvgSurface.num(h))
                .append("\" font-family=\"DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif\">\n")
                .append("<rect x=\"").append(SvgSurface.num(layout.minX() - MARGIN)).append("\" y=\"")
                .append(SvgSurface.num(layout.minY() - MARGIN)).append("\" width=\"100%\" height=\"100%\" fill=\"")
                .append(SvgSurface.hex(palette.canvas())).append("\"/>\n");
        new DiagramPainter(palette).paint(new SvgSurface(svg), layout, null, null, Highlight.NONE);
        svg.append("</svg>\n");
        Files.writeString(out, svg, StandardCharsets.UTF_8);
        return new Result((int) Math.ceil(w), (int) Math.ceil(h), 1, layout.nodeCount(), layout.edgeCount());
    }
}
