package dev.loupe.model.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/// The undo/redo history of one model.
///
/// Keeps executed edits in order with a cursor; executing a new edit discards the edits after the cursor.
/// Tracks a revision counter (incremented by every execute, undo and redo) and the position of the last
/// save, so that [#isDirty()] is false exactly when the model is as it was saved. An edit may not run another
/// edit through the stack while it executes or undoes (that would corrupt the history): such a call throws.
///
/// Not thread-safe: use it from one thread (the UI thread in the app). Listeners are called on that thread
/// after each change.
public final class CommandStack {

    /// What changed: `kind` is EXECUTE, UNDO or REDO; `edit` the edit concerned.
    public record Event(Kind kind, Edit edit, long revision) {
        public enum Kind { EXECUTE, UNDO, REDO, SAVED }
    }

    private final List<Edit> edits = new ArrayList<>();
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private int cursor;
    private int savedAt;
    private long revision;
    private boolean busy;

    /// Runs `edit` and records it.
    public void execute(Edit edit) {
        enter();
        try {
            edit.execute();
        } finally {
            busy = false;
        }
        edits.subList(cursor, edits.size()).clear();
        if (savedAt > cursor) {
            savedAt = -1;
        }
        edits.add(edit);
        cursor++;
        fire(Event.Kind.EXECUTE, edit);
    }

    public boolean canUndo() {
        return cursor > 0;
    }

    public boolean canRedo() {
        return cursor < edits.size();
    }

    /// Undoes the most recent edit.
    ///
    /// @throws IllegalStateException when there is nothing to undo
    public void undo() {
        if (!canUndo()) {
            throw new IllegalStateException("nothing to undo");
        }
        enter();
        var edit = edits.get(cursor - 1);
        try {
            edit.undo();
        } finally {
            busy = false;
        }
        cursor--;
        fire(Event.Kind.UNDO, edit);
    }

    /// Redoes the most recently undone edit.
    ///
    /// @throws IllegalStateException when there is nothing to redo
    public void redo() {
        if (!canRedo()) {
            throw new IllegalStateException("nothing to redo");
        }
        enter();
        var edit = edits.get(cursor);
        try {
            edit.execute();
        } finally {
            busy = false;
        }
        cursor++;
        fire(Event.Kind.REDO, edit);
    }

    /// The description of the edit [#undo()] would undo, or `null`.
    public String undoDescription() {
        return canUndo() ? edits.get(cursor - 1).description() : null;
    }

    /// The description of the edit [#redo()] would redo, or `null`.
    public String redoDescription() {
        return canRedo() ? edits.get(cursor).description() : null;
    }

    /// Descriptions of all recorded edits, oldest first; the first [#position()] of them are applied.
    public List<String> history() {
        return edits.stream().map(Edit::description).toList();
    }

    /// How many recorded edits are applied.
    public int position() {
        return cursor;
    }

    /// A counter that changes with every execute, undo and redo (for caches keyed on the model's state).
    public long revision() {
        return revision;
    }

    /// Records that the model was saved in its current state.
    public void markSaved() {
        savedAt = cursor;
        fire(Event.Kind.SAVED, null);
    }

    /// Records that the model as it is now differs from its file although no edit is recorded (a copy
    /// recovered after a crash): dirty until the next [#markSaved()].
    public void markUnsaved() {
        savedAt = -1;
        fire(Event.Kind.SAVED, null);
    }

    /// Whether the model differs from the last save (or from how it was opened).
    public boolean isDirty() {
        return savedAt != cursor;
    }

    public void addListener(Consumer<Event> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Event> listener) {
        listeners.remove(listener);
    }

    private void enter() {
        if (busy) {
            throw new IllegalStateException("an edit cannot run another edit through the command stack");
        }
        busy = true;
    }

    private void fire(Event.Kind kind, Edit edit) {
        revision++;
        var event = new Event(kind, edit, revision);
        listeners.forEach(l -> l.accept(event));
    }
}
