/// Random number operators. Each node draws reproducibly from its seed (or from one derived from its output
/// names); the values are not those of other runtimes, which the ONNX specification does not require.
package dev.loupe.executor.kernels.random;
