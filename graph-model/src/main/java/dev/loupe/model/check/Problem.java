package dev.loupe.model.check;

import java.util.Objects;

/// One finding of the [Checker] or of shape inference: how serious it is, where it is and what was expected.
///
/// Both texts are single lines: line breaks in names taken from a model are replaced by spaces, so that a
/// problem always prints as one line.
///
/// @param location the path to the offending element, for example
///                 `graph 'main' / node 'conv1' (Conv) / attribute 'pads'`
/// @param message what is wrong and what was expected instead
public record Problem(Severity severity, String location, String message) {

    /// How serious a problem is.
    public enum Severity {
        /// The model breaks a rule of the ONNX specification; runtimes may refuse it.
        ERROR,
        /// Suspicious or unverifiable, but allowed by the specification.
        WARNING
    }

    public Problem {
        Objects.requireNonNull(severity, "severity");
        location = oneLine(Objects.requireNonNull(location, "location"));
        message = oneLine(Objects.requireNonNull(message, "message"));
    }

    public static Problem error(String location, String message) {
        return new Problem(Severity.ERROR, location, message);
    }

    public static Problem warning(String location, String message) {
        return new Problem(Severity.WARNING, location, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    private static String oneLine(String text) {
        return text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? text : text.replaceAll("[\\r\\n]+", " ");
    }

    /// `ERROR graph 'main' / node 'conv1' (Conv): ...`
    @Override
    public String toString() {
        return severity + " " + location + ": " + message;
    }
}
