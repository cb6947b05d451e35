package dev.loupe.app.canvas;

import dev.loupe.app.layout.GraphLayout;
import dev.loupe.app.render.DebugOverlay;
import dev.loupe.app.render.DiagramPainter;
import dev.loupe.app.render.FxSurface;
import dev.loupe.app.render.Highlight;
import dev.loupe.app.render.IntList;
import dev.loupe.app.render.LayoutIndex;
import dev.loupe.app.render.Palette;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Region;

/// Draws a [GraphLayout] on a canvas the size of the view, painting only the boxes and edges that the
/// [LayoutIndex] finds on screen, at most once per pulse.
///
/// Input: drag or scroll to pan, Ctrl+wheel, pinch or +/− to zoom, arrow keys to pan, F to fit; click to
/// select, double-click to open. A view transform maps diagram units to pixels:
/// `screen = diagram × zoom + translate`. FX thread only.
public final class GraphView extends Region {

    private static final double MAX_ZOOM = 4;
    private static final double MARGIN = 24;
    private static final double KEY_PAN = 60;
    private static final double ZOOM_STEP = 1.25;
    private static final long DOUBLE_CLICK_NANOS = 500_000_000L;

    private final Canvas canvas = new Canvas();
    private final Minimap minimap = new Minimap(this);
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(this, "zoom", 1);
    private final IntList visibleNodes = new IntList();
    private final IntList visibleEdges = new IntList();
    private final AnimationTimer repaint = new AnimationTimer() {
        @Override
        public void handle(long now) {
            stop();
            paint();
        }
    };

    private LayoutIndex index;
    private Palette palette;
    private DiagramPainter painter;
    private Highlight highlight = Highlight.NONE;
    private DebugOverlay overlay = DebugOverlay.NONE;
    private boolean[] problems = new boolean[0];
    private double tx;
    private double ty;
    private double pressX;
    private double pressY;
    private boolean dragged;
    private IntConsumer onSelect = i -> { };
    private IntConsumer onToggle = i -> { };
    private IntConsumer onOpen = i -> { };
    private IntConsumer onHover = i -> { };
    private IntConsumer onEdge = k -> { };
    private java.util.function.BiConsumer<Integer, Integer> onEdgeDrop = (k, box) -> { };
    private int draggedEdge = -1;
    private double dragX;
    private double dragY;
    private Predicate<KeyCode> onNavigate = k -> false;
    private long lastPaintNanos;
    private long lastClickNanos;
    private int lastClickBox = -1;
    private int hovered = -1;

    public GraphView(Palette palette) {
        getStyleClass().add("graph-view");
        setFocusTraversable(true);
        setPalette(palette);
        getChildren().addAll(canvas, minimap);
        canvas.setManaged(false);
        setMinSize(100, 100);

        addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        addEventHandler(MouseEvent.MOUSE_CLICKED, this::onClicked);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        addEventHandler(MouseEvent.MOUSE_MOVED, this::onMoved);
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(ZoomEvent.ZOOM, e -> {
            zoomAt(e.getZoomFactor(), e.getX(), e.getY());
            e.consume();
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        widthProperty().addListener((o, a, b) -> requestPaint());
        heightProperty().addListener((o, a, b) -> requestPaint());
    }

    /// Shows `layout` (indexed by `layoutIndex`); `keepView` keeps the current pan and zoom, else the view fits.
    public void setLayout(LayoutIndex layoutIndex, boolean keepView) {
        this.index = layoutIndex;
        this.highlight = Highlight.NONE;
        this.overlay = DebugOverlay.NONE;
        minimap.setLayout(layoutIndex == null ? null : layoutIndex.layout(), painter);
        if (!keepView) {
            fit();
        }
        requestPaint();
    }

    public GraphLayout getLayout() {
        return index == null ? null : index.layout();
    }

    public LayoutIndex getIndex() {
        return index;
    }

    public void setPalette(Palette palette) {
        this.palette = palette;
        this.painter = new DiagramPainter(palette);
        minimap.setLayout(getLayout(), painter);
        requestPaint();
    }

    public void setHighlight(Highlight h) {
        this.highlight = h == null ? Highlight.NONE : h;
        requestPaint();
    }

    /// Called with the box index (or -1 for empty space) when the user clicks without dragging.
    public void setOnSelect(IntConsumer handler) {
        this.onSelect = handler;
    }

    /// Called with the box index when the user clicks a box with the shortcut key (Ctrl, or Cmd) held: adds
    /// it to, or removes it from, a multiple selection.
    public void setOnToggle(IntConsumer handler) {
        this.onToggle = handler;
    }

    /// The debugger's marks, drawn over the diagram (indexed like the current layout).
    public void setOverlay(DebugOverlay newOverlay) {
        this.overlay = newOverlay == null ? DebugOverlay.NONE : newOverlay;
        requestPaint();
    }

    /// The boxes to badge with a problem mark (indexed like the current layout).
    public void setProblems(boolean[] boxes) {
        this.problems = boxes == null ? new boolean[0] : boxes.clone();
        requestPaint();
    }

    public DebugOverlay getOverlay() {
        return overlay;
    }

    /// Called with an edge index and a box index when the user drags the edge with Alt held and drops it on
    /// the box (a dashed line follows the pointer meanwhile): "feed this edge's consumer from that box".
    public void setOnEdgeDrop(java.util.function.BiConsumer<Integer, Integer> handler) {
        this.onEdgeDrop = handler;
    }

    /// Called with the edge index when the user clicks an edge (away from any box).
    public void setOnEdge(IntConsumer handler) {
        this.onEdge = handler;
    }

    /// Called with the box index when the user double-clicks a box.
    public void setOnOpen(IntConsumer handler) {
        this.onOpen = handler;
    }

    /// Called with the box under the pointer (or -1) when it changes.
    public void setOnHover(IntConsumer handler) {
        this.onHover = handler;
    }

    /// Asked first about arrow keys; returns whether it used the key (for moving a selection).
    public void setOnNavigate(Predicate<KeyCode> handler) {
        this.onNavigate = handler;
    }

    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    public double getZoom() {
        return zoom.get();
    }

    public double getTranslateXView() {
        return tx;
    }

    public double getTranslateYView() {
        return ty;
    }

    /// Sets the whole view transform.
    public void setView(double newZoom, double newTx, double newTy) {
        zoom.set(Math.clamp(newZoom, minZoom(), MAX_ZOOM));
        tx = newTx;
        ty = newTy;
        requestPaint();
    }

    /// Zooms and centres so that the whole diagram is visible.
    public void fit() {
        var layout = getLayout();
        double w = viewWidth();
        double h = viewHeight();
        if (layout == null || layout.nodeCount() == 0) {
            setView(1, 0, 0);
            return;
        }
        double z = Math.min(MAX_ZOOM / 2, Math.min((w - 2 * MARGIN) / Math.max(1, layout.width()),
                (h - 2 * MARGIN) / Math.max(1, layout.height())));
        z = Math.max(z, 1e-4);
        zoom.set(z);
        tx = (w - layout.width() * z) / 2 - layout.minX() * z;
        ty = Math.max(MARGIN, (h - layout.height() * z) / 2) - layout.minY() * z;
        requestPaint();
    }

    /// Multiplies the zoom by `factor`, keeping the point (`sx`, `sy`) of the view fixed.
    public void zoomAt(double factor, double sx, double sy) {
        double old = zoom.get();
        double z = Math.clamp(old * factor, minZoom(), MAX_ZOOM);
        tx = sx - (sx - tx) * z / old;
        ty = sy - (sy - ty) * z / old;
        zoom.set(z);
        requestPaint();
    }

    /// Zooms by `factor` about the centre of the view.
    public void zoomBy(double factor) {
        zoomAt(factor, viewWidth() / 2, viewHeight() / 2);
    }

    public void panBy(double dx, double dy) {
        tx += dx;
        ty += dy;
        requestPaint();
    }

    /// Centres the view on diagram point (`x`, `y`) without changing the zoom.
    public void centerOn(double x, double y) {
        tx = viewWidth() / 2 - x * zoom.get();
        ty = viewHeight() / 2 - y * zoom.get();
        requestPaint();
    }

    /// Centres on box `i`, zooming in to a readable size when the view is zoomed far out.
    public void centerOnBox(int i) {
        var layout = getLayout();
        if (layout == null || i < 0 || i >= layout.nodeCount()) {
            return;
        }
        if (zoom.get() < 0.8) {
            zoom.set(1);
        }
        centerOn(layout.centerX(i), layout.centerY(i));
    }

    /// Pans the least needed to bring box `i` fully into view (centring it when it is larger than the view),
    /// zooming in first when the view is too far out to read it.
    public void ensureVisible(int i) {
        var layout = getLayout();
        if (layout == null || i < 0 || i >= layout.nodeCount()) {
            return;
        }
        double z = zoom.get();
        double x0 = layout.x(i) * z + tx;
        double y0 = layout.y(i) * z + ty;
        double x1 = x0 + layout.width(i) * z;
        double y1 = y0 + layout.height(i) * z;
        double w = viewWidth();
        double h = viewHeight();
        if (z < 0.5 || x1 - x0 > w - 2 * MARGIN || y1 - y0 > h - 2 * MARGIN) {
            centerOnBox(i);
            return;
        }
        double dx = x0 < MARGIN ? MARGIN - x0 : x1 > w - MARGIN ? w - MARGIN - x1 : 0;
        double dy = y0 < MARGIN ? MARGIN - y0 : y1 > h - MARGIN ? h - MARGIN - y1 : 0;
        if (dx != 0 || dy != 0) {
            panBy(dx, dy);
        }
    }

    /// The edge passing within a few pixels of view point (`sx`, `sy`), or -1.
    public int edgeAt(double sx, double sy) {
        if (index == null) {
            return -1;
        }
        var p = toDiagram(sx, sy);
        return index.edgeNear(p.getX(), p.getY(), 5 / zoom.get());
    }

    /// The diagram point under view point (`sx`, `sy`).
    public Point2D toDiagram(double sx, double sy) {
        return new Point2D((sx - tx) / zoom.get(), (sy - ty) / zoom.get());
    }

    /// The box under view point (`sx`, `sy`), or -1.
    public int boxAt(double sx, double sy) {
        if (index == null) {
            return -1;
        }
        var p = toDiagram(sx, sy);
        return index.nodeAt(p.getX(), p.getY());
    }

    /// The view point of diagram point (`x`, `y`).
    public Point2D toView(double x, double y) {
        return new Point2D(x * zoom.get() + tx, y * zoom.get() + ty);
    }

    /// The view point of the centre of box `i`.
    public Point2D boxCenterOnScreen(int i) {
        var layout = getLayout();
        return new Point2D(layout.centerX(i) * zoom.get() + tx, layout.centerY(i) * zoom.get() + ty);
    }

    /// Schedules one repaint at the next pulse.
    public void requestPaint() {
        repaint.start();
    }

    /// Paints now and returns how long it took, in nanoseconds (for benchmarks).
    public long paint() {
        long start = System.nanoTime();
        int w = (int) Math.ceil(viewWidth());
        int h = (int) Math.ceil(viewHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
        }
        var gc = canvas.getGraphicsContext2D();
        gc.setTransform(1, 0, 0, 1, 0, 0);
        gc.setFill(javafx.scene.paint.Color.rgb(
                (palette.canvas() >> 16) & 0xFF, (palette.canvas() >> 8) & 0xFF, palette.canvas() & 0xFF));
        gc.fillRect(0, 0, w, h);
        if (index != null) {
            double z = zoom.get();
            gc.setTransform(z, 0, 0, z, tx, ty);
            var topLeft = toDiagram(0, 0);
            var bottomRight = toDiagram(w, h);
            index.query(topLeft.getX(), topLeft.getY(), bottomRight.getX(), bottomRight.getY(), visibleNodes, visibleEdges);
            painter.paint(new FxSurface(gc, z), index.layout(), visibleNodes, visibleEdges, highlight, overlay, problems);
            gc.setTransform(1, 0, 0, 1, 0, 0);
            if (draggedEdge >= 0 && dragged) {
                var to = boxCenterOnScreen(index.layout().diagram().edges().get(draggedEdge).to());
                gc.setStroke(javafx.scene.paint.Color.rgb((palette.color("selection") >> 16) & 0xFF,
                        (palette.color("selection") >> 8) & 0xFF, palette.color("selection") & 0xFF));
                gc.setLineWidth(2);
                gc.setLineDashes(6, 4);
                gc.strokeLine(dragX, dragY, to.getX(), to.getY());
                gc.setLineDashes();
            }
        }
        minimap.update();
        lastPaintNanos = System.nanoTime() - start;
        return lastPaintNanos;
    }

    /// How many boxes the last paint drew.
    public int lastVisibleBoxes() {
        return visibleNodes.size();
    }

    public long lastPaintNanos() {
        return lastPaintNanos;
    }

    Canvas canvas() {
        return canvas;
    }

    double viewWidth() {
        return Math.max(1, getWidth());
    }

    double viewHeight() {
        return Math.max(1, getHeight());
    }

    private double minZoom() {
        var layout = getLayout();
        if (layout == null) {
            return 0.01;
        }
        double fitZoom = Math.min(viewWidth() / Math.max(1, layout.width()), viewHeight() / Math.max(1, layout.height()));
        return Math.max(1e-4, Math.min(0.05, fitZoom / 2));
    }

    @Override
    protected void layoutChildren() {
        canvas.relocate(0, 0);
        minimap.autosize();
        minimap.relocate(getWidth() - minimap.getWidth() - 12, getHeight() - minimap.getHeight() - 12);
        requestPaint();
    }

    private void onPressed(MouseEvent e) {
        requestFocus();
        pressX = e.getX();
        pressY = e.getY();
        dragged = false;
        draggedEdge = e.isAltDown() && e.getButton() == MouseButton.PRIMARY && boxAt(e.getX(), e.getY()) < 0
                ? edgeAt(e.getX(), e.getY()) : -1;
    }

    private void onDragged(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY && e.getButton() != MouseButton.MIDDLE) {
            return;
        }
        if (draggedEdge >= 0) {
            dragged = true;
            dragX = e.getX();
            dragY = e.getY();
            requestPaint();
            return;
        }
        double dx = e.getX() - pressX;
        double dy = e.getY() - pressY;
        if (dragged || Math.abs(dx) + Math.abs(dy) > 3) {
            dragged = true;
            panBy(dx, dy);
            pressX = e.getX();
            pressY = e.getY();
        }
    }

    private void onReleased(MouseEvent e) {
        if (draggedEdge < 0) {
            return;
        }
        int edge = draggedEdge;
        draggedEdge = -1;
        requestPaint();
        int box = dragged ? boxAt(e.getX(), e.getY()) : -1;
        if (box >= 0) {
            onEdgeDrop.accept(edge, box);
        }
    }

    private void onClicked(MouseEvent e) {
        if (dragged || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        int box = boxAt(e.getX(), e.getY());
        long now = System.nanoTime();
        // Some platforms (the headless one among them) report every click with a count of one.
        boolean second = e.getClickCount() == 2
                || (e.getClickCount() == 1 && box == lastClickBox && now - lastClickNanos < DOUBLE_CLICK_NANOS);
        lastClickBox = box;
        lastClickNanos = second ? 0 : now;
        if (second && box >= 0) {
            onOpen.accept(box);
        } else if (e.getClickCount() == 1) {
            int edge = box < 0 ? edgeAt(e.getX(), e.getY()) : -1;
            if (edge >= 0) {
                onEdge.accept(edge);
            } else if (e.isShortcutDown() && box >= 0) {
                onToggle.accept(box);
            } else {
                onSelect.accept(box);
            }
        }
    }

    private void onMoved(MouseEvent e) {
        int box = boxAt(e.getX(), e.getY());
        if (box != hovered) {
            hovered = box;
            onHover.accept(box);
        }
    }

    private void onScroll(ScrollEvent e) {
        if (e.isControlDown() || e.isShortcutDown()) {
            zoomAt(e.getDeltaY() > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, e.getX(), e.getY());
        } else if (e.isShiftDown() && e.getDeltaX() == 0) {
            panBy(e.getDeltaY(), 0);
        } else {
            panBy(e.getDeltaX(), e.getDeltaY());
        }
        e.consume();
    }

    private void onKey(KeyEvent e) {
        var code = e.getCode();
        boolean arrow = code == KeyCode.UP || code == KeyCode.DOWN || code == KeyCode.LEFT || code == KeyCode.RIGHT;
        if (arrow && !e.isShiftDown() && onNavigate.test(code)) {
            e.consume();
            return;
        }
        switch (code) {
            case UP -> panBy(0, KEY_PAN);
            case DOWN -> panBy(0, -KEY_PAN);
            case LEFT -> panBy(KEY_PAN, 0);
            case RIGHT -> panBy(-KEY_PAN, 0);
            case PLUS, EQUALS, ADD -> zoomBy(ZOOM_STEP);
            case MINUS, SUBTRACT -> zoomBy(1 / ZOOM_STEP);
            case F -> {
                if (e.isShortcutDown()) {
                    return;
                }
                fit();
            }
            default -> {
                return;
            }
        }
        e.consume();
    }
}
