package dev.loupe.executor.io;

import java.io.IOException;
import java.nio.file.Path;

/// A value file cannot be read or written: missing, truncated, of an unsupported dtype, not matching the
/// declared input. The message is one line that starts with the file's name.
public final class ValueFileException extends IOException {

    public ValueFileException(String message) {
        super(message);
    }

    public ValueFileException(String message, Throwable cause) {
        super(message, cause);
    }

    static ValueFileException of(Path file, String reason) {
        return new ValueFileException(file.getFileName() + ": " + reason);
    }
}
