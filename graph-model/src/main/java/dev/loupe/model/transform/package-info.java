/// Whole-model transformations, each an undoable [dev.loupe.model.edit.Edit] built by a factory that checks
/// the request first and refuses it with a one-line [dev.loupe.model.edit.EditException]: dead-code removal
/// and topological sorting ([dev.loupe.model.transform.Cleanup]), functions made from selected nodes and
/// inlined again ([dev.loupe.model.transform.FunctionEdits]), input shapes ([dev.loupe.model.transform.ShapeEdits])
/// and opset upgrades ([dev.loupe.model.transform.OpsetAdapters]). [dev.loupe.model.transform.Extraction]
/// and [dev.loupe.model.transform.ModelMerge] instead produce a new model. [dev.loupe.model.transform.TransformFiles] runs them file to file for the
/// command line.
///
/// Structural changes are undone by restoring snapshots ([dev.loupe.model.transform.SnapshotEdit]), so an
/// undo gives back a model that writes the very same bytes.
package dev.loupe.model.transform;
