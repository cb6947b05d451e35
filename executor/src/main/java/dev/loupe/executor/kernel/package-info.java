/// The kernel contract: [dev.loupe.executor.kernel.Kernel], its factory, the per-node
/// [dev.loupe.executor.kernel.NodeSpec], the [dev.loupe.executor.kernel.KernelContext] a running kernel sees,
/// and the [dev.loupe.executor.kernel.KernelRegistry] that resolves versions.
package dev.loupe.executor.kernel;
