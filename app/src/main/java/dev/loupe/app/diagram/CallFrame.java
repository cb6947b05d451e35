package dev.loupe.app.diagram;

import dev.loupe.model.Node;

/// A call of a model-local function drawn expanded: the operators of the function's body, boxes
/// `firstBox` to `firstBox + boxCount - 1` of the diagram, shown where the call's box would be and drawn
/// inside one frame titled with the function's name.
///
/// @param callKey the key the call's own box has when it is collapsed (`n:7`)
/// @param call the calling node, in the diagram's graph
/// @param nodeIndex the calling node's index in the graph's node list
/// @param title the frame's title: the function's name
public record CallFrame(String callKey, Node call, int nodeIndex, String title, int firstBox, int boxCount) {

    /// Whether box `box` is one of the body's boxes.
    public boolean contains(int box) {
        return box >= firstBox && box < firstBox + boxCount;
    }
}
