/// Convolution, pooling, normalization, Dropout, LRN, Resize and other neural-network layers.
///
/// Kernels extend [NnKernel], which checks the main input's type and rank; they compute in double precision
/// on flat row-major arrays (read and written through the shape family's `Numbers`) and round to the input's
/// type at the end. Sliding windows share [WindowAttributes] and [WindowGeometry], whose tables list, for every
/// kernel tap and output position, the input position read (so convolution is im2col plus a matrix product
/// and pooling a loop over taps). `Resize` and `Upsample` share the separable [Resampler].
package dev.loupe.executor.kernels.nn;
