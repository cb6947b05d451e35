package dev.loupe.app.layout;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/// Runs layout work on a fresh thread with a large stack: ELK's layered algorithm recurses once per node
/// along long paths and overflows an ordinary thread's stack on graphs of a few thousand nodes.
public final class LayoutThread {

    /// Stack size of the layout thread: 1 GiB of address space, touched only as deep as the recursion goes.
    private static final long STACK_BYTES = 1L << 30;

    private LayoutThread() {
    }

    /// Runs `work` on a large-stack thread and waits for it. If the calling thread is interrupted while
    /// waiting, the layout thread is interrupted too and a [CancellationException] is thrown.
    public static <T> T call(Callable<T> work) throws ExecutionException {
        var result = new AtomicReference<T>();
        var failure = new AtomicReference<Throwable>();
        var thread = new Thread(null, () -> {
            try {
                result.set(work.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "loupe-layout", STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new CancellationException("layout cancelled");
        }
        var t = failure.get();
        if (t instanceof CancellationException c) {
            throw c;
        }
        if (t != null) {
            throw new ExecutionException(t.getMessage(), t);
        }
        return result.get();
    }
}
