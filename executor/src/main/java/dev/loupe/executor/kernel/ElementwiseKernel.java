package dev.loupe.executor.kernel;

/// A kernel of a unary operator that maps each float32 element on its own (`Erf`, `Tanh`, `Relu`...) and
/// can do so over any range of an array, so that a fast plan may run several such nodes block by block of a
/// tensor, each block passing through all of them while it is in the core's cache.
public interface ElementwiseKernel extends Kernel {

    /// Whether the operator takes float32 inputs ([#floats] may be called).
    boolean takesFloats();

    /// `o[i] = f(x[i])` for `from <= i < to`, what [#run] computes for a float32 input element by element
    /// (`x` and `o` may be the same array).
    void floats(float[] x, float[] o, int from, int to);
}
