/// Elementwise arithmetic, activations, comparison and logic with multidirectional broadcasting,
/// reductions, ArgMax/ArgMin, the Softmax family, CumSum, MatMul, Gemm, Einsum, Det and the classification
/// losses. Kernels are small classes on template bases ([dev.loupe.executor.kernels.math.BinaryArithmeticKernel],
/// `UnaryKernel`, `ReduceKernel`...) whose subclasses hold only the loops, one per computation type, over
/// flat primitive arrays; narrow types are widened to `float`, `int` or `long` and narrowed back.
package dev.loupe.executor.kernels.math;
