package dev.loupe.app.main;

import dev.loupe.model.edit.CommandStack;
import dev.loupe.model.edit.Edit;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// The open document's [CommandStack] seen as JavaFX properties: whether undo and redo are possible, what
/// they would do, whether the model differs from the file, and the stack's revision. The stack itself does
/// the work; this class only mirrors it. A new stack is attached for every opened document. FX thread only.
public final class EditHistory {

    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper(this, "undoText", "Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper(this, "redoText", "Redo");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final ObservableList<String> entries = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyEntries = FXCollections.unmodifiableObservableList(entries);
    private final ReadOnlyIntegerWrapper position = new ReadOnlyIntegerWrapper(this, "position");
    private CommandStack stack;

    EditHistory() {
        reset();
    }

    /// Follows a fresh, empty stack (for a newly opened document, or none).
    void reset() {
        stack = new CommandStack();
        stack.addListener(e -> sync());
        sync();
    }

    /// Marks the model as differing from its file with no edit recorded (a recovered copy).
    void markUnsaved() {
        stack.markUnsaved();
    }

    CommandStack stack() {
        return stack;
    }

    void execute(Edit edit) {
        stack.execute(edit);
    }

    void undo() {
        if (stack.canUndo()) {
            stack.undo();
        }
    }

    void redo() {
        if (stack.canRedo()) {
            stack.redo();
        }
    }

    void markSaved() {
        stack.markSaved();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /// "Undo" followed by the description of the edit undo would undo, for the menu.
    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    /// "Redo" followed by the description of the edit redo would redo, for the menu.
    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }

    /// Whether the model differs from the file it was opened from or last saved to.
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public boolean isDirty() {
        return dirty.get();
    }

    /// Descriptions of every recorded edit, oldest first (for the history panel); read-only to callers.
    public ObservableList<String> entries() {
        return readOnlyEntries;
    }

    /// How many of [#entries()] are applied: the rest were undone and can be redone.
    public ReadOnlyIntegerProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    /// Undoes or redoes edits until exactly `target` of them are applied.
    void moveTo(int target) {
        if (target < 0 || target > stack.history().size()) {
            throw new IllegalArgumentException("no history position " + target);
        }
        while (stack.position() > target) {
            stack.undo();
        }
        while (stack.position() < target) {
            stack.redo();
        }
    }

    /// The stack's revision: changes with every execute, undo and redo.
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    private void sync() {
        canUndo.set(stack.canUndo());
        canRedo.set(stack.canRedo());
        undoText.set(stack.canUndo() ? "Undo " + stack.undoDescription() : "Undo");
        redoText.set(stack.canRedo() ? "Redo " + stack.redoDescription() : "Redo");
        dirty.set(stack.isDirty());
        revision.set(stack.revision());
        var all = stack.history();
        if (!all.equals(entries)) {
            entries.setAll(all);
        }
        position.set(stack.position());
    }
}
