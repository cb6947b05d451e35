/// Tensor manipulation: shape, reshape, slicing, gathering and scattering, concatenation, casts, constants, index ops.
package dev.loupe.executor.kernels.shape;
