package dev.loupe.executor.session;

/// A session could not be created or a run could not complete. The message is one line that says what is
/// wrong and where (node, operator, value, expected type), fit to show a user as is.
public class SessionException extends RuntimeException {

    public SessionException(String message) {
        super(message);
    }

    public SessionException(String message, Throwable cause) {
        super(message, cause);
    }

    /// The first line of a throwable's message, or its class name when it has none.
    static String firstLine(Throwable e) {
        var msg = e.getMessage();
        if (msg == null || msg.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }
}
