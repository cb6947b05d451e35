/// The neutral in-memory ONNX model: [dev.loupe.model.Model] → [dev.loupe.model.Graph] →
/// [dev.loupe.model.Node] → [dev.loupe.model.Value], with [dev.loupe.model.TensorData] for constants
/// and [dev.loupe.model.TypeInfo] for types. Nothing here knows about the file format or the UI.
package dev.loupe.model;
