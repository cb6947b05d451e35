/// Undoable edits of a model and the [dev.loupe.model.edit.CommandStack] that records them. Every edit is
/// checked when it is built and refused with a one-line reason, leaving the model unchanged.
package dev.loupe.model.edit;
