package dev.loupe.executor.tensor;

/// A value flowing through a running graph: a tensor, a sequence of values, a map or an optional.
public sealed interface RuntimeValue permits Tensor, SequenceValue, MapValue, OptionalValue {

    /// Bytes held by this value's storage (for retention budgets and size guards).
    long byteSize();

    /// A short description for messages and views, e.g. `float[2,3]` or `seq(3)`.
    String describe();
}
