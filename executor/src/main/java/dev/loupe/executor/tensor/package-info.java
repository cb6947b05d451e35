/// Runtime values: dense [dev.loupe.executor.tensor.Tensor]s over primitive arrays, sequences, maps and
/// optionals, shape arithmetic, and conversion from and to the model's constant tensors.
package dev.loupe.executor.tensor;
