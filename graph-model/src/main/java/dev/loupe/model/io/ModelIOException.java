package dev.loupe.model.io;

import java.io.IOException;

/// A model, tensor or data file that cannot be read or written. The message is one line that says what is
/// wrong and where (file, tensor, node), fit to show a user as it is.
public class ModelIOException extends IOException {

    public ModelIOException(String message) {
        super(message);
    }

    public ModelIOException(String message, Throwable cause) {
        super(message, cause);
    }
}
