/// Shared test support: locating the ONNX backend test data.
package dev.loupe.model.testing;
