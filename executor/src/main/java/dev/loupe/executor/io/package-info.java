/// Reading and writing values outside a model: ONNX `.pb` value files (tensors, sequences, optionals,
/// maps), NumPy `.npy` and `.npz` files, conversion between the model's [dev.loupe.model.DataValue]s and the
/// executor's runtime values, and loading a run's inputs from files.
///
/// Every failure is a [dev.loupe.executor.io.ValueFileException] whose message is one line naming the file.
package dev.loupe.executor.io;
