package dev.loupe.model.edit;

/// One undoable change to a model. An edit is built by a static factory that checks it is valid against the
/// model as it is now (throwing [EditException] with a one-line reason otherwise, with the model unchanged);
/// it is then run through a [CommandStack], which calls [#execute()] once and [#undo()] / [#execute()]
/// again as the user undoes and redoes.
///
/// `execute` and `undo` must be exact inverses given the model state the stack guarantees: `undo` runs on
/// the state `execute` left, and `execute` (redo) runs on the state `undo` left.
public interface Edit {

    /// What the edit does, for menus and the history panel, e.g. `Set attribute 'axis' of node 'Softmax_3'`.
    String description();

    void execute();

    void undo();
}
