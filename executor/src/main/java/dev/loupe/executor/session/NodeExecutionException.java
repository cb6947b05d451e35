package dev.loupe.executor.session;

import dev.loupe.model.Node;

/// A node failed while running: its kernel rejected the inputs, a size guard stopped it, or it ran out of
/// memory. The message names the node, its operator and, inside a subgraph or function, the frame.
public final class NodeExecutionException extends SessionException {

    private final transient Node node;
    private final FramePath frame;

    NodeExecutionException(Node node, FramePath frame, String reason, Throwable cause) {
        super(where(node, frame) + ": " + reason, cause);
        this.node = node;
        this.frame = frame;
    }

    public Node node() {
        return node;
    }

    public FramePath frame() {
        return frame;
    }

    static String where(Node node, FramePath frame) {
        var domain = node.canonicalDomain();
        return "node '" + node.displayName() + "' (" + (domain.isEmpty() ? "" : domain + ".") + node.opType() + ")"
                + (frame.isRoot() ? "" : " in " + frame);
    }
}
