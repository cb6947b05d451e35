package dev.loupe.app.edit;

import dev.loupe.app.main.TaskRunner;
import dev.loupe.model.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/// Keeps the [RecoveryJournal] in step with the open document: after every change a dirty model is
/// journaled on the window's background runner (edits wait for it, so the model is never written while it
/// changes), and a clean, saved or discarded one is removed from the journal. FX thread only.
public final class DocumentJournal {

    private final RecoveryJournal journal;
    private final TaskRunner runner;
    private final Consumer<String> status;
    private Path warnedFor;

    public DocumentJournal(RecoveryJournal journal, TaskRunner runner, Consumer<String> status) {
        this.journal = journal;
        this.runner = runner;
        this.status = status;
    }

    /// The model of `original` changed: journal it when `dirty` (with the applied edits' descriptions), else
    /// forget its entry. A journal failure is reported in the status line only; editing goes on.
    public void changed(Path original, Model model, boolean dirty, List<String> appliedEdits) {
        if (original == null) {
            return;
        }
        if (!dirty) {
            settled(original);
            return;
        }
        if (!RecoveryJournal.accepts(model)) {
            if (!original.equals(warnedFor)) {
                warnedFor = original;
                status.accept("No crash-recovery copy for models with over " + (RecoveryJournal.MAX_BYTES >> 20)
                        + " MiB of weights: save to keep your edits");
            }
            return;
        }
        var edits = List.copyOf(appliedEdits);
        var task = new Task<Void>() {
            @Override
            protected Void call() throws IOException {
                updateMessage("Keeping a recovery copy…");
                journal.write(model, original, edits);
                return null;
            }
        };
        runner.run(task, done -> { }, failure -> status.accept("No recovery copy: " + failure.getMessage()), () -> { });
    }

    /// The document of `original` was saved, or its edits deliberately dropped: forget its entry.
    public void settled(Path original) {
        if (original == null) {
            return;
        }
        try {
            journal.discard(original);
        } catch (IOException e) {
            status.accept("Cannot remove the recovery copy: " + e.getMessage());
        }
    }

    /// Unsaved edits left by an earlier session that ended without saving or discarding them.
    public List<RecoveryJournal.Entry> pending() {
        return journal.pending();
    }
}
