/// Shape and type inference: [dev.loupe.model.infer.ShapeInference] fills in the inferred type of every
/// value it can, through subgraphs and functions, and reports contradictions as
/// [dev.loupe.model.check.Problem]s.
///
/// Operator rules are small functions grouped by family (`ElementwiseRules`, `ReshapeRules`...) and listed
/// in one registry; an operator without a rule falls back to its function body, when ONNX defines one, and
/// then to its schema's type constraints for the element type.
package dev.loupe.model.infer;
