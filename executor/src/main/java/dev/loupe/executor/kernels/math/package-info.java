/// Elementwise arithmetic, activations, comparison and logic, reductions, Softmax family, MatMul and Gemm.
package dev.loupe.executor.kernels.math;
