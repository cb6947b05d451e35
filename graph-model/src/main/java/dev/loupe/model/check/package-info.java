/// Structural and schema checks of a model, like the ONNX checker: [dev.loupe.model.check.Checker] returns
/// a list of one-line [dev.loupe.model.check.Problem]s, each naming where it is and what was expected.
///
/// [dev.loupe.model.check.NodeOrder] gives the dependency order of a graph's nodes (subgraph reads of
/// enclosing values included), which shape inference and other walks reuse.
package dev.loupe.model.check;
