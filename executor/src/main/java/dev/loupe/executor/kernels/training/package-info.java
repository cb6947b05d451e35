/// The ai.onnx.preview.training domain: optimizers and gradients.
package dev.loupe.executor.kernels.training;
