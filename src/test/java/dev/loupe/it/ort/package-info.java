/// Saved edits cross-checked in ONNX Runtime: the edited model, run by ORT, gives the original's outputs.
package dev.loupe.it.ort;
