/// Undoable edits of a model and the [dev.loupe.model.edit.CommandStack] that records them. Every edit is
/// checked when it is built and refused with a one-line reason, leaving the model unchanged.
///
/// - [dev.loupe.model.edit.NodeEdits]: attributes (checked against the operator's schema), rename, delete,
///   delete with descendants, add, replace a node's operator, duplicate.
/// - [dev.loupe.model.edit.ValueEdits]: rename a value everywhere, declared types, graph outputs (promote a
///   value, remove one), initializers (replace, from a Constant node and back), reconnect a node input.
/// - [dev.loupe.model.edit.GraphInputEdits]: add, remove and retype the main graph's inputs.
///
/// Whole-model transformations (functions, clean-up, shapes, opset upgrades) live in
/// `dev.loupe.model.transform`.
package dev.loupe.model.edit;
