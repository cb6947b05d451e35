package dev.loupe.app.debug;

import dev.loupe.app.canvas.GraphView;
import dev.loupe.app.main.DiagramViewModel;
import dev.loupe.executor.tensor.TensorConversion;
import dev.loupe.model.Node;
import dev.loupe.model.Value;
import java.util.function.ToIntFunction;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/// Connects the debugger to the diagram on screen: keeps the overlay (current node, nodes run,
/// breakpoints, live values, error heat) in step with the run and the diagram shown, switches the diagram
/// to the body the run stopped in and brings the current node into view, and opens the tensor of a clicked
/// edge or input/output box.
public final class DiagramDebugBinding {

    private final DiagramViewModel diagram;
    private final DebuggerViewModel debugger;
    private final GraphView view;
    private final ValueViewer viewer;
    private final ObjectProperty<ToIntFunction<Node>> heat = new SimpleObjectProperty<>(this, "heat");

    /// Starts following `debugger` in `view`, which shows `diagram`'s current level.
    public DiagramDebugBinding(DiagramViewModel diagram, DebuggerViewModel debugger, GraphView view, ValueViewer viewer) {
        this.diagram = diagram;
        this.debugger = debugger;
        this.view = view;
        this.viewer = viewer;
        InvalidationListener redraw = o -> refresh();
        diagram.levelProperty().addListener(redraw);
        debugger.revisionProperty().addListener(redraw);
        debugger.phaseProperty().addListener(redraw);
        debugger.breakpoints().revisionProperty().addListener(redraw);
        heat.addListener(redraw);
        debugger.stopsProperty().addListener((o, a, b) -> follow());
        view.setOnEdge(this::openEdge);
    }

    /// The error level of each node (one of the `DebugOverlay.HEAT_*` levels) to colour the diagram with,
    /// or `null` for none.
    public ObjectProperty<ToIntFunction<Node>> heatProperty() {
        return heat;
    }

    /// Redraws the overlay of the diagram shown.
    public void refresh() {
        var level = diagram.getLevel();
        view.setOverlay(level == null ? null : OverlayBuilder.build(level, debugger, heat.get()));
    }

    /// Shows the body the run stopped in and brings the current node into view.
    private void follow() {
        var loc = debugger.locationProperty().get();
        if (loc == null) {
            refresh();
            return;
        }
        diagram.showBodies(loc.bodies(), () -> {
            refresh();
            var level = diagram.getLevel();
            int box = level == null ? -1 : OverlayBuilder.currentBox(level, debugger);
            if (box >= 0) {
                view.ensureVisible(box);
            }
        });
    }

    private void openEdge(int edge) {
        var level = diagram.getLevel();
        if (level != null && edge >= 0 && edge < level.diagram().edges().size()) {
            openValue(level.diagram().edges().get(edge).value());
        }
    }

    /// Opens the run's value of `value` (or its constant) in the tensor viewer, or says why it cannot.
    public void openValue(Value value) {
        if (value == null) {
            return;
        }
        var v = debugger.valueOf(value);
        if (v != null) {
            viewer.show(value.name(), v);
        } else if (value.isInitializer()) {
            viewer.show(value.name(), TensorConversion.fromTensorData(value.initializer()));
        } else {
            viewer.message(debugger.whyNoValue(value));
        }
    }
}
