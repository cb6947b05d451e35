/// Reading and writing ONNX files: [dev.loupe.model.io.ModelReader], [dev.loupe.model.io.ModelWriter] and
/// [dev.loupe.model.io.ProtoCodec] for single messages. The protobuf classes generated from Loupe's own
/// `onnx.proto` are used only inside this package.
package dev.loupe.model.io;
