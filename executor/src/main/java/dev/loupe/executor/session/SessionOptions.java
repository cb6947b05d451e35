package dev.loupe.executor.session;

/// Limits and resources for a [Session].
///
/// @param maxTensorBytes the most bytes any single tensor may take; a kernel asked for more stops the run
///                       with a message naming the node and the shape
/// @param maxLiveBytes   the most bytes all values alive at once may take (initializers excluded; values
///                       shared between names counted once)
/// @param threads        threads a kernel may use for intra-op parallelism (1: none)
public record SessionOptions(long maxTensorBytes, long maxLiveBytes, int threads) {

    public SessionOptions {
        if (maxTensorBytes <= 0 || maxLiveBytes <= 0 || threads < 1) {
            throw new IllegalArgumentException("limits must be positive and threads at least 1");
        }
    }

    /// Half the JVM's maximum heap per tensor, three quarters of it for all live values, one thread: limits
    /// that turn a runaway allocation into a clear error instead of an `OutOfMemoryError`.
    public static SessionOptions defaults() {
        long heap = Runtime.getRuntime().maxMemory();
        return new SessionOptions(heap / 2, heap / 4 * 3, 1);
    }

    public SessionOptions withMaxTensorBytes(long bytes) {
        return new SessionOptions(bytes, maxLiveBytes, threads);
    }

    public SessionOptions withMaxLiveBytes(long bytes) {
        return new SessionOptions(maxTensorBytes, bytes, threads);
    }

    public SessionOptions withThreads(int n) {
        return new SessionOptions(maxTensorBytes, maxLiveBytes, n);
    }
}
