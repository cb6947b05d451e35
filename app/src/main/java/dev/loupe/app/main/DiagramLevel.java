package dev.loupe.app.main;

import dev.loupe.app.diagram.Diagram;
import dev.loupe.app.diagram.DiagramBuilder;
import dev.loupe.app.diagram.GroupingState;
import dev.loupe.app.layout.ElkLayoutEngine;
import dev.loupe.app.layout.GraphLayout;
import dev.loupe.app.layout.LayoutThread;
import dev.loupe.app.render.LayoutIndex;
import dev.loupe.model.Graph;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/// One diagram the window can show: the main graph, a subgraph or a function body, with its current
/// grouping, layout and spatial index. Immutable: opening a group yields a new level for the same graph.
///
/// @param title the breadcrumb text
public record DiagramLevel(String title, DiagramBuilder builder, GraphLayout layout, LayoutIndex index) {

    static final ElkLayoutEngine ENGINE = new ElkLayoutEngine();

    public Graph graph() {
        return builder.graph();
    }

    public Diagram diagram() {
        return layout.diagram();
    }

    public GroupingState grouping() {
        return layout.diagram().grouping();
    }

    /// Loads and compiles the layout code in the background, so that the first model opens faster.
    public static void warmUpInBackground() {
        var t = new Thread(() -> {
            var model = dev.loupe.app.bench.SyntheticModels.blocks(40);
            var builder = new DiagramBuilder(model.graph(), dev.loupe.app.diagram.OpCatalog.forModel(model));
            ENGINE.warmUp(builder.build(GroupingState.expandedAll(builder.scopes())));
        }, "loupe-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /// The same graph with another layout.
    public DiagramLevel withLayout(GraphLayout newLayout) {
        return new DiagramLevel(title, builder, newLayout, new LayoutIndex(newLayout));
    }

    /// Lays out `builder`'s graph with `grouping` on a large-stack thread. Runs off the FX thread.
    static DiagramLevel create(String title, DiagramBuilder builder, GroupingState grouping, BooleanSupplier cancelled)
            throws ExecutionException {
        return start(title, builder, grouping, cancelled).join();
    }

    /// Starts laying out `builder`'s graph on a large-stack thread and returns at once.
    static LayoutThread.Running<DiagramLevel> start(String title, DiagramBuilder builder, GroupingState grouping,
                                                    BooleanSupplier cancelled) {
        var diagram = builder.build(grouping);
        return LayoutThread.start(() -> {
            var layout = ENGINE.layout(diagram, cancelled);
            return new DiagramLevel(title, builder, layout, new LayoutIndex(layout));
        });
    }
}
