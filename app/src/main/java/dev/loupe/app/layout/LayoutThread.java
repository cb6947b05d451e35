package dev.loupe.app.layout;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/// Runs layout work on a fresh thread with a large stack: ELK's layered algorithm recurses once per node
/// along long paths and overflows an ordinary thread's stack on graphs of a few thousand nodes.
public final class LayoutThread {

    /// Stack size of the layout thread: 1 GiB of address space, touched only as deep as the recursion goes.
    private static final long STACK_BYTES = 1L << 30;

    private LayoutThread() {
    }

    /// A started layout: its result, and the thread to interrupt to cancel it.
    public record Running<T>(CompletableFuture<T> result, Thread thread) {

        /// Waits for the result. If the waiting thread is interrupted, the layout thread is interrupted
        /// too and a [CancellationException] is thrown.
        public T join() throws ExecutionException {
            try {
                return result.get();
            } catch (InterruptedException e) {
                thread.interrupt();
                Thread.currentThread().interrupt();
                throw new CancellationException("layout cancelled");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CancellationException c) {
                    throw c;
                }
                throw e;
            }
        }
    }

    /// Starts `work` on a large-stack thread and returns at once.
    public static <T> Running<T> start(Callable<T> work) {
        var result = new CompletableFuture<T>();
        var thread = new Thread(null, () -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "loupe-layout", STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        return new Running<>(result, thread);
    }

    /// Runs `work` on a large-stack thread and waits for it (see [Running#join()]).
    public static <T> T call(Callable<T> work) throws ExecutionException {
        return start(work).join();
    }
}
