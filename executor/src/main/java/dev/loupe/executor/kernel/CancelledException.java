package dev.loupe.executor.kernel;

/// The run was cancelled by its owner; not an error in the model.
public class CancelledException extends RuntimeException {

    public CancelledException() {
        super("the run was cancelled");
    }
}
