package dev.loupe.executor.session;

import java.util.Objects;

/// Limits and resources for a [Session].
///
/// @param maxTensorBytes the most bytes any single tensor may take; a kernel asked for more stops the run
///                       with a message naming the node and the shape
/// @param maxLiveBytes   the most bytes all values alive at once may take (initializers excluded; values
///                       shared between names counted once)
/// @param threads        threads a kernel may use for intra-op parallelism (1: none)
/// @param mode           how the session runs the model: node by node as written ([ExecutionMode#DEBUG], the
///                       default) or through an optimized plan ([ExecutionMode#FAST])
public record SessionOptions(long maxTensorBytes, long maxLiveBytes, int threads, ExecutionMode mode) {

    public SessionOptions {
        if (maxTensorBytes <= 0 || maxLiveBytes <= 0 || threads < 1) {
            throw new IllegalArgumentException("limits must be positive and threads at least 1");
        }
        Objects.requireNonNull(mode, "mode");
    }

    /// Options in [ExecutionMode#DEBUG].
    public SessionOptions(long maxTensorBytes, long maxLiveBytes, int threads) {
        this(maxTensorBytes, maxLiveBytes, threads, ExecutionMode.DEBUG);
    }

    /// Half the JVM's maximum heap per tensor, three quarters of it for all live values, one thread,
    /// [ExecutionMode#DEBUG]: limits that turn a runaway allocation into a clear error instead of an
    /// `OutOfMemoryError`.
    public static SessionOptions defaults() {
        long heap = Runtime.getRuntime().maxMemory();
        return new SessionOptions(heap / 2, heap / 4 * 3, 1, ExecutionMode.DEBUG);
    }

    public SessionOptions withMaxTensorBytes(long bytes) {
        return new SessionOptions(bytes, maxLiveBytes, threads, mode);
    }

    public SessionOptions withMaxLiveBytes(long bytes) {
        return new SessionOptions(maxTensorBytes, bytes, threads, mode);
    }

    public SessionOptions withThreads(int n) {
        return new SessionOptions(maxTensorBytes, maxLiveBytes, n, mode);
    }

    public SessionOptions withMode(ExecutionMode m) {
        return new SessionOptions(maxTensorBytes, maxLiveBytes, threads, m);
    }
}
