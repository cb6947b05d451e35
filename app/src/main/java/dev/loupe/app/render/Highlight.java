package dev.loupe.app.render;

/// What the painter emphasises: the selected box, its neighbours and the edges between them, and the other
/// boxes of a multiple selection.
///
/// @param selected the selected box, or -1
/// @param neighbours for each box, whether it is a producer or consumer of the selected one
/// @param edges for each edge, whether it touches the selected box
/// @param marked for each box, whether it is part of a multiple selection (drawn like the selected one)
public record Highlight(int selected, boolean[] neighbours, boolean[] edges, boolean[] marked) {

    /// Nothing selected.
    public static final Highlight NONE = new Highlight(-1, new boolean[0], new boolean[0], new boolean[0]);

    /// This highlight with the boxes flagged in `boxes` also drawn as selected.
    public Highlight withMarked(boolean[] boxes) {
        return new Highlight(selected, neighbours, edges, boxes.clone());
    }

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
        return new Highlight(selected, neighbours, edges, new boolean[0]);
    }

    boolean isMarked(int i) {
        return i < marked.length && marked[i];
    }

    boolean isNeighbour(int i) {
        return i < neighbours.length && neighbours[i];
    }

    boolean isHighlighted(int edge) {
        return edge < edges.length && edges[edge];
    }
}
