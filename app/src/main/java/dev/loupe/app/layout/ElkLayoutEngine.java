package dev.loupe.app.layout;

import dev.loupe.app.diagram.Diagram;
import java.util.ArrayList;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.eclipse.elk.alg.layered.options.CrossingMinimizationStrategy;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.LayeringStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/// Layered (Sugiyama) layout from top to bottom with Eclipse ELK.
///
/// ELK recurses deeply on long graphs: call [#layout] on a [LayoutThread]. Each call builds its own ELK
/// graph, so one engine may serve several threads.
public final class ElkLayoutEngine implements LayoutEngine {

    /// Above this many boxes, layering takes longest paths and crossing minimisation one sweep.
    private static final int LARGE = 2000;
    /// Above this many boxes, boxes keep the graph's order within a layer (no crossing minimisation):
    /// ELK's sweeps take tens of seconds on 18,000 boxes, and exporters write nodes in a sensible order.
    private static final int HUGE = 6000;

    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    /// Lays out a tiny diagram once, so that ELK's classes are loaded and compiled before the first real
    /// layout; call it from a background thread at start-up.
    public void warmUp(Diagram tiny) {
        try {
            LayoutThread.call(() -> layout(tiny, () -> false));
        } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
            // Warming up is an optimisation only.
        }
    }

    @Override
    public GraphLayout layout(Diagram diagram, BooleanSupplier cancelled) {
        int n = diagram.nodes().size();
        var root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(LayeredOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 20.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 34.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE, 10.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_EDGE, 8.0);
        if (n > LARGE) {
            root.setProperty(LayeredOptions.THOROUGHNESS, 1);
            root.setProperty(LayeredOptions.LAYERING_STRATEGY, LayeringStrategy.LONGEST_PATH);
        }
        if (n > HUGE) {
            root.setProperty(LayeredOptions.CROSSING_MINIMIZATION_STRATEGY, CrossingMinimizationStrategy.NONE);
        }

        var elkNodes = new ElkNode[n];
        for (int i = 0; i < n; i++) {
            var item = diagram.node(i);
            elkNodes[i] = ElkGraphUtil.createNode(root);
            elkNodes[i].setDimensions(item.width(), item.height());
        }
        var elkEdges = new ElkEdge[diagram.edges().size()];
        for (int k = 0; k < elkEdges.length; k++) {
            var e = diagram.edges().get(k);
            elkEdges[k] = ElkGraphUtil.createSimpleEdge(elkNodes[e.from()], elkNodes[e.to()]);
        }
        checkCancelled(cancelled);
        new RecursiveGraphLayoutEngine().layout(root, new CancellableMonitor(cancelled));
        checkCancelled(cancelled);

        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = elkNodes[i].getX();
            y[i] = elkNodes[i].getY();
        }
        var points = new ArrayList<double[]>(elkEdges.length);
        for (int k = 0; k < elkEdges.length; k++) {
            points.add(route(elkEdges[k], diagram, k, x, y));
        }
        return new GraphLayout(diagram, x, y, points);
    }

    private static double[] route(ElkEdge edge, Diagram diagram, int k, double[] x, double[] y) {
        if (edge.getSections().isEmpty()) {
            var e = diagram.edges().get(k);
            var from = diagram.node(e.from());
            var to = diagram.node(e.to());
            return new double[] {x[e.from()] + from.width() / 2, y[e.from()] + from.height(),
                    x[e.to()] + to.width() / 2, y[e.to()]};
        }
        var s = edge.getSections().getFirst();
        var bends = s.getBendPoints();
        var pts = new double[4 + 2 * bends.size()];
        pts[0] = s.getStartX();
        pts[1] = s.getStartY();
        int j = 2;
        for (var b : bends) {
            pts[j++] = b.getX();
            pts[j++] = b.getY();
        }
        pts[j++] = s.getEndX();
        pts[j] = s.getEndY();
        return pts;
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("layout cancelled");
        }
    }

    /// Lets ELK stop between its processors when the user cancels.
    private static final class CancellableMonitor extends BasicProgressMonitor {
        private final BooleanSupplier cancelled;

        CancellableMonitor(BooleanSupplier cancelled) {
            this.cancelled = cancelled;
        }

        @Override
        public boolean isCanceled() {
            return cancelled.getAsBoolean() || Thread.currentThread().isInterrupted();
        }
    }
}
