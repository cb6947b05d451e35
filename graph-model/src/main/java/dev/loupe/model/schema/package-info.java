/// Operator schemas: the signature of every version of every standard ONNX operator (domains `ai.onnx`,
/// `ai.onnx.ml` and `ai.onnx.preview.training`), read from a catalogue bundled with Loupe.
///
/// [dev.loupe.model.schema.OpSchemas#standard()] is the entry point; it resolves an operator used by a
/// model to the [dev.loupe.model.schema.OpSchema] in force at the model's opset version. The catalogue
/// is written by `tools/gen_op_schemas.py` from the onnx package's registry; its protobuf classes stay in
/// this module's internal `proto` subpackage.
package dev.loupe.model.schema;
