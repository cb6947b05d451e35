package dev.loupe.executor.compare;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.model.Node;

import java.util.IdentityHashMap;
import java.util.Map;

/// Remembers the kernel a session builds for each node, with the node's spec, so that a node can be re-run
/// on other inputs with exactly the kernel (and opset version) the run used. The session's kernels are
/// the registry's own, undecorated.
final class KernelCapture {

    /// A node's kernel and what it was built from.
    record Built(NodeSpec spec, Kernel kernel) {
    }

    private final Map<Node, Built> built = new IdentityHashMap<>();

    /// Records `kernel`, built for `spec`, and returns it unchanged (a decorator for [RegistryWrapper]).
    Kernel record(NodeSpec spec, Kernel kernel) {
        built.put(spec.node(), new Built(spec, kernel));
        return kernel;
    }

    /// The kernel built for `node`, or `null` for nodes run without one (function calls expanded into
    /// their bodies).
    Built kernelOf(Node node) {
        return built.get(node);
    }
}
