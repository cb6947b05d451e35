package dev.loupe.app.diagram;

import dev.loupe.model.Graph;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// The boxes and edges to draw for one graph in one grouping state. Immutable.
///
/// Nodes come inputs first, then operators and groups in the graph's order, then outputs: the layout keeps
/// that order where it can. The body of a call drawn expanded takes the call's place in that order, its
/// boxes listed together and described by a [CallFrame].
public final class Diagram {

    private final Graph graph;
    private final GroupingState grouping;
    private final List<DiagramNode> nodes;
    private final List<DiagramEdge> edges;
    private final Map<String, Integer> indexByKey = new HashMap<>();
    private final int[] itemOfNode;
    private final List<CallFrame> frames;

    Diagram(Graph graph, GroupingState grouping, List<DiagramNode> nodes, List<DiagramEdge> edges, int[] itemOfNode,
            List<CallFrame> frames) {
        this.graph = graph;
        this.grouping = grouping;
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.itemOfNode = itemOfNode;
        this.frames = List.copyOf(frames);
        for (int i = 0; i < this.nodes.size(); i++) {
            indexByKey.put(this.nodes.get(i).key(), i);
        }
    }

    public Graph graph() {
        return graph;
    }

    public GroupingState grouping() {
        return grouping;
    }

    public List<DiagramNode> nodes() {
        return nodes;
    }

    public List<DiagramEdge> edges() {
        return edges;
    }

    public DiagramNode node(int index) {
        return nodes.get(index);
    }

    /// The index of the box with `key`, or -1.
    public int indexOf(String key) {
        return indexByKey.getOrDefault(key, -1);
    }

    /// The box that shows graph node `nodeIndex`: the node itself or the collapsed group holding it; -1 for
    /// a node drawn inside its consumers (a constant) and for a call drawn expanded (see [#frameOfCall(int)]).
    public int itemOfNode(int nodeIndex) {
        return itemOfNode[nodeIndex];
    }

    /// The calls drawn expanded, in graph order.
    public List<CallFrame> frames() {
        return frames;
    }

    /// The frame of graph node `nodeIndex` when it is a call drawn expanded, else `null`.
    public CallFrame frameOfCall(int nodeIndex) {
        for (var f : frames) {
            if (f.nodeIndex() == nodeIndex) {
                return f;
            }
        }
        return null;
    }

    /// The frame holding box `box` (a body node shown in place), else `null`.
    public CallFrame frameOfBox(int box) {
        for (var f : frames) {
            if (f.contains(box)) {
                return f;
            }
        }
        return null;
    }

    /// The diagram of just the boxes `indexes` (in that order) and the edges between them, without frames.
    public Diagram subset(int[] indexes) {
        var newIndex = new HashMap<Integer, Integer>();
        var subNodes = new java.util.ArrayList<DiagramNode>();
        for (int i : indexes) {
            newIndex.put(i, subNodes.size());
            subNodes.add(nodes.get(i));
        }
        var subEdges = new java.util.ArrayList<DiagramEdge>();
        for (var e : edges) {
            var from = newIndex.get(e.from());
            var to = newIndex.get(e.to());
            if (from != null && to != null) {
                subEdges.add(new DiagramEdge(from, to, e.label(), e.value(), e.count()));
            }
        }
        var none = new int[itemOfNode.length];
        java.util.Arrays.fill(none, -1);
        return new Diagram(graph, grouping, subNodes, subEdges, none, List.of());
    }

    @Override
    public String toString() {
        return "diagram of " + graph + ": " + nodes.size() + " boxes, " + edges.size() + " edges";
    }
}
