package dev.loupe.executor.kernel;

/// Builds the kernel for one node, reading and checking its attributes once.
///
/// @see KernelRegistry
@FunctionalInterface
public interface KernelFactory {

    /// @throws KernelException when an attribute is missing or invalid
    Kernel create(NodeSpec node);
}
