package dev.loupe.app.canvas;

import dev.loupe.app.layout.GraphLayout;
import dev.loupe.app.render.DiagramPainter;
import dev.loupe.app.render.FxSurface;
import dev.loupe.app.render.Highlight;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.Image;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/// A small overview of the whole diagram in a corner of the [GraphView], with the visible part framed.
/// The overview is drawn once per layout into an image; each frame only draws that image and the frame.
/// Clicking or dragging in it moves the view there.
final class Minimap extends Region {

    private static final double MAX_SIDE = 180;

    private final GraphView view;
    private final Canvas canvas = new Canvas();
    private GraphLayout layout;
    private DiagramPainter painter;
    private Image overview;
    private double scale;

    Minimap(GraphView view) {
        this.view = view;
        getStyleClass().add("minimap");
        getChildren().add(canvas);
        setVisible(false);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::moveView);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::moveView);
        addEventHandler(MouseEvent.ANY, MouseEvent::consume);
    }

    void setLayout(GraphLayout newLayout, DiagramPainter newPainter) {
        this.layout = newLayout;
        this.painter = newPainter;
        this.overview = null;
        boolean show = newLayout != null && newLayout.nodeCount() > 0;
        setVisible(show);
        if (show) {
            scale = Math.min(MAX_SIDE / Math.max(1, newLayout.width()), MAX_SIDE / Math.max(1, newLayout.height()));
            double w = Math.max(24, Math.ceil(newLayout.width() * scale));
            double h = Math.max(24, Math.ceil(newLayout.height() * scale));
            canvas.setWidth(w);
            canvas.setHeight(h);
            setPrefSize(w + 2, h + 2);
            setMinSize(w + 2, h + 2);
            setMaxSize(w + 2, h + 2);
        }
        requestLayout();
    }

    /// Redraws the overview image (first time) and the frame of the visible part.
    void update() {
        if (layout == null || !isVisible()) {
            return;
        }
        var gc = canvas.getGraphicsContext2D();
        if (overview == null) {
            gc.setTransform(1, 0, 0, 1, 0, 0);
            gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
            gc.setTransform(scale, 0, 0, scale, -layout.minX() * scale, -layout.minY() * scale);
            painter.paint(new FxSurface(gc, scale), layout, null, null, Highlight.NONE);
            gc.setTransform(1, 0, 0, 1, 0, 0);
            var params = new javafx.scene.SnapshotParameters();
            params.setFill(Color.TRANSPARENT);
            overview = canvas.snapshot(params, null);
        }
        gc.setTransform(1, 0, 0, 1, 0, 0);
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        gc.drawImage(overview, 0, 0);
        var topLeft = view.toDiagram(0, 0);
        var bottomRight = view.toDiagram(view.viewWidth(), view.viewHeight());
        double x0 = (topLeft.getX() - layout.minX()) * scale;
        double y0 = (topLeft.getY() - layout.minY()) * scale;
        double x1 = (bottomRight.getX() - layout.minX()) * scale;
        double y1 = (bottomRight.getY() - layout.minY()) * scale;
        int c = painter.palette().color("viewport");
        gc.setStroke(Color.rgb((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF));
        gc.setLineWidth(1.5);
        gc.strokeRect(x0, y0, Math.max(2, x1 - x0), Math.max(2, y1 - y0));
    }

    @Override
    protected void layoutChildren() {
        canvas.relocate(1, 1);
    }

    private void moveView(MouseEvent e) {
        if (layout == null) {
            return;
        }
        double x = (e.getX() - 1) / scale + layout.minX();
        double y = (e.getY() - 1) / scale + layout.minY();
        view.centerOn(x, y);
        e.consume();
    }
}
