package dev.loupe.executor.kernel;

import dev.loupe.executor.tensor.RuntimeValue;

/// A kernel that can bound its float32 result as it writes it, so that a `Relu` or `Clip` fused after it in a
/// fast plan costs no pass over the output of its own.
///
/// The bounds have `Clip`'s arithmetic: a value below `lo` becomes `lo`, otherwise a value above `hi` becomes
/// `hi`; NaN passes unchanged (`Relu` is `lo = 0, hi = +inf`).
public interface ClampingKernel extends Kernel {

    /// The node's outputs with every element of its float32 result bounded to `[lo, hi]`, or `null`, having
    /// computed nothing, when this kernel cannot bound the result for these inputs (the caller then runs
    /// [#run] and bounds the result itself).
    RuntimeValue[] runClamped(RuntimeValue[] inputs, KernelContext context, float lo, float hi);
}
