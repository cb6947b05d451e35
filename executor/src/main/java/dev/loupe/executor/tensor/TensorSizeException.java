package dev.loupe.executor.tensor;

/// A tensor would be larger than Loupe can hold or than the session's size guard allows.
public class TensorSizeException extends RuntimeException {

    public TensorSizeException(String message) {
        super(message);
    }
}
