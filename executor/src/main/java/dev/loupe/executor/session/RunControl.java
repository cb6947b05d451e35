package dev.loupe.executor.session;

import dev.loupe.executor.kernel.CancelledException;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/// The handle of one run: the listeners it notifies and its cancellation flag.
///
/// Threading: [#cancel()] may be called from any thread; the run notices it before its next node, or
/// sooner inside a long kernel that calls [dev.loupe.executor.kernel.KernelContext#checkCancelled()], and
/// ends with [CancelledException]. Listeners added after the run started are seen from the next event on.
public final class RunControl {

    private final List<ExecutionListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    public RunControl addListener(ExecutionListener listener) {
        listeners.add(listener);
        return this;
    }

    public void removeListener(ExecutionListener listener) {
        listeners.remove(listener);
    }

    /// Asks the run to stop as soon as it can.
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /// @throws CancelledException when [#cancel()] was called
    public void checkCancelled() {
        if (cancelled) {
            throw new CancelledException();
        }
    }

    List<ExecutionListener> listeners() {
        return listeners;
    }
}
