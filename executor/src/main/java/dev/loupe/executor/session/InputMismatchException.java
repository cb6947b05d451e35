package dev.loupe.executor.session;

import java.util.List;

/// The inputs given to a run do not match the model's declared inputs. Each problem is one line, such as
/// `input 'x' expects float[1,3,224,224] but got int64[3]`; the message joins them with `"; "`.
public final class InputMismatchException extends SessionException {

    private final List<String> problems;

    InputMismatchException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /// One line per mismatch, in the order of the model's inputs.
    public List<String> problems() {
        return problems;
    }
}
