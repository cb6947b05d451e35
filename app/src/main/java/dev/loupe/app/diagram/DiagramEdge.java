package dev.loupe.app.diagram;

import dev.loupe.model.Value;

/// A connection between two boxes of a diagram, drawn from `from` to `to` (indexes into [Diagram#nodes()]).
///
/// @param label the element type and shape carried, or `N tensors` for an edge that stands for several
/// @param value the (first) value the edge carries
/// @param count how many value uses the edge stands for (more than one between collapsed groups)
public record DiagramEdge(int from, int to, String label, Value value, int count) {
}
