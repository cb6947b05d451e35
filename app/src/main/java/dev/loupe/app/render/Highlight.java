package dev.loupe.app.render;

/// What the painter emphasises: the selected box, its neighbours and the edges between them.
///
/// @param selected the selected box, or -1
/// @param neighbours for each box, whether it is a producer or consumer of the selected one
/// @param edges for each edge, whether it touches the selected box
public record Highlight(int selected, boolean[] neighbours, boolean[] edges) {

    /// Nothing selected.
    public static final Highlight NONE = new Highlight(-1, new boolean[0], new boolean[0]);

    /// The highlight of box `selected` in the indexed layout.
    public static Highlight of(LayoutIndex index, int selected) {
        var layout = index.layout();
        if (selected < 0 || selected >= layout.nodeCount()) {
            return NONE;
        }
        var neighbours = new boolean[layout.nodeCount()];
        var edges = new boolean[layout.edgeCount()];
        for (int k : index.outEdges(selected)) {
            edges[k] = true;
            neighbours[layout.diagram().edges().get(k).to()] = true;
        }
        for (int k : index.inEdges(selected)) {
            edges[k] = true;
            neighbours[layout.diagram().edges().get(k).from()] = true;
        }
        return new Highlight(selected, neighbours, edges);
    }

    boolean isNeighbour(int i) {
        return i < neighbours.length && neighbours[i];
    }

    boolean isHighlighted(int edge) {
        return edge < edges.length && edges[edge];
    }
}
