package dev.loupe.executor.testdata;

import java.nio.file.Path;

/// The outcome of one test case folder.
public sealed interface CaseResult {

    /// The case's name: its path relative to the root that was run, or the folder name.
    String name();

    Path dir();

    /// One line for people: `PASS name`, `FAIL name: ...`, `ERROR name: ...`, `SKIP name: ...`.
    String line();

    /// Every data set gave the expected outputs.
    record Pass(String name, Path dir, int dataSets, long nanos) implements CaseResult {
        @Override
        public String line() {
            return "PASS  " + name;
        }
    }

    /// A data set's outputs differ from the expected ones (the first such data set is reported).
    record Fail(String name, Path dir, String dataSet, Mismatch mismatch) implements CaseResult {
        @Override
        public String line() {
            return "FAIL  " + name + ": " + dataSet + " " + mismatch;
        }
    }

    /// The case could not run: unreadable model or data, unsupported operator, a node failed.
    record Error(String name, Path dir, String reason) implements CaseResult {
        @Override
        public String line() {
            return "ERROR " + name + ": " + reason;
        }
    }

    /// Nothing to run (no data sets).
    record Skipped(String name, Path dir, String reason) implements CaseResult {
        @Override
        public String line() {
            return "SKIP  " + name + ": " + reason;
        }
    }

    /// The reason in one line, without the status and name: empty for a pass.
    default String reason() {
        return switch (this) {
            case Pass p -> "";
            case Fail f -> f.dataSet() + " " + f.mismatch();
            case Error e -> e.reason();
            case Skipped s -> s.reason();
        };
    }
}
