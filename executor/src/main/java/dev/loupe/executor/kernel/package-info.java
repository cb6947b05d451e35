/// The kernel contract: [dev.loupe.executor.kernel.Kernel], its factory, the per-node
/// [dev.loupe.executor.kernel.NodeSpec], the [dev.loupe.executor.kernel.KernelContext] a running kernel sees,
/// the optional abilities a fast plan uses ([dev.loupe.executor.kernel.ClampingKernel],
/// [dev.loupe.executor.kernel.ConstantTakingKernel]) and the [dev.loupe.executor.kernel.KernelRegistry] that
/// resolves versions.
package dev.loupe.executor.kernel;
