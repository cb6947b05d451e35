package dev.loupe.executor.tensor;

import dev.loupe.model.ElementType;

import java.util.Arrays;

/// Per-thread limits on tensor allocation, installed by a running session so that a kernel asked to make an
/// absurdly large tensor fails with a clear message instead of exhausting memory.
public final class AllocationGuard {

    private static final ThreadLocal<Long> MAX_TENSOR_BYTES = ThreadLocal.withInitial(() -> Long.MAX_VALUE);

    private AllocationGuard() {
    }

    /// Runs `body` with a cap on any single tensor's size in bytes on this thread.
    public static <T> T withLimit(long maxTensorBytes, java.util.function.Supplier<T> body) {
        long previous = MAX_TENSOR_BYTES.get();
        MAX_TENSOR_BYTES.set(maxTensorBytes);
        try {
            return body.get();
        } finally {
            MAX_TENSOR_BYTES.set(previous);
        }
    }

    /// The cap in force on this thread.
    public static long currentLimit() {
        return MAX_TENSOR_BYTES.get();
    }

    static void check(ElementType type, long[] shape) {
        long bytes = (long) Shapes.checkedSize(shape) * Math.max(1, type.bitWidth() / 8);
        if (bytes > MAX_TENSOR_BYTES.get()) {
            throw new TensorSizeException("a " + type.onnxName() + Arrays.toString(shape) + " tensor needs " + bytes
                    + " bytes, over the limit of " + MAX_TENSOR_BYTES.get() + " bytes per tensor");
        }
    }
}
