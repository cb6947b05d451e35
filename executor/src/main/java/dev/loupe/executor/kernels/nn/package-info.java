/// Convolution, pooling, normalization, Dropout, LRN, Resize and other neural-network layers.
package dev.loupe.executor.kernels.nn;
