package dev.loupe.app.debug;

import dev.loupe.app.main.DiagramViewModel.BodyStep;
import dev.loupe.model.Node;
import java.util.List;

/// Where a run is, as the viewer shows the model: the bodies entered from the main graph down to the
/// graph holding the node (an `If` branch, a `Loop` body, a model-local function's body), and the node.
///
/// @param bodies    each body entered, outermost first, with the node that runs it; empty in the main graph
/// @param node      the node as the model holds it (for a function body: the body's node, not the copy the
///                  executor runs)
/// @param nodeIndex the node's position in its graph's node list
public record DebugLocation(List<BodyStep> bodies, Node node, int nodeIndex) {

    public DebugLocation {
        bodies = List.copyOf(bodies);
    }
}
