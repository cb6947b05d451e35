/// The ai.onnx.preview.training domain: the Adagrad, Adam and Momentum optimizers, and Gradient by
/// reverse-mode differentiation of the elementwise subgraph that computes its `y`.
package dev.loupe.executor.kernels.training;
