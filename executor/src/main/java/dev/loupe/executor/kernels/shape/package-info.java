/// Tensor manipulation: shape, reshape, slicing, gathering and scattering, concatenation, casts, constants, index
/// ops.
///
/// Data-movement kernels describe their output as a list of source positions and let [Elements] copy them,
/// whatever the element type; numeric kernels read and write through [Numbers]. [Operands] reads kernel
/// inputs with messages that name the input and the expected type; the neural-network family uses these
/// public helpers too. Kernels are built once per node and are stateless after construction.
package dev.loupe.executor.kernels.shape;
