package dev.loupe.app.main;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

/// Runs one long [Task] at a time off the FX thread and mirrors its progress and message as properties
/// (for the status bar's progress bar and Cancel button). Starting a task cancels the one running.
///
/// Methods are called on the FX thread; the callbacks run there too.
public final class TaskRunner {

    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        var t = new Thread(r, "loupe-worker");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private Task<?> current;

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /// Starts `task`, cancelling any running one; exactly one of the callbacks runs unless it is cancelled.
    public <T> void run(Task<T> task, Consumer<T> onSuccess, Consumer<Throwable> onFailure, Runnable onCancelled) {
        cancel();
        current = task;
        progress.bind(task.progressProperty());
        message.bind(task.messageProperty());
        busy.set(true);
        task.stateProperty().addListener((obs, old, state) -> {
            if (state != Worker.State.SUCCEEDED && state != Worker.State.FAILED && state != Worker.State.CANCELLED) {
                return;
            }
            if (current == task) {
                current = null;
                progress.unbind();
                message.unbind();
                progress.set(-1);
                message.set("");
                busy.set(false);
            }
            switch (state) {
                case SUCCEEDED -> onSuccess.accept(task.getValue());
                case FAILED -> onFailure.accept(task.getException());
                default -> onCancelled.run();
            }
        });
        executor.execute(task);
    }

    /// Cancels the running task, if any.
    public void cancel() {
        if (current != null) {
            current.cancel(true);
        }
    }

    /// Stops accepting work; running tasks are interrupted.
    public void shutdown() {
        cancel();
        executor.shutdownNow();
    }
}
