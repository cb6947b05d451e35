package dev.loupe.executor.testdata;

import java.util.List;

/// The results of a test-data run, in the order the cases ran.
public record Report(List<CaseResult> cases) {

    public Report {
        cases = List.copyOf(cases);
    }

    public long passed() {
        return count(CaseResult.Pass.class);
    }

    /// Cases whose outputs differed.
    public long failed() {
        return count(CaseResult.Fail.class);
    }

    /// Cases that could not run.
    public long errors() {
        return count(CaseResult.Error.class);
    }

    public long skipped() {
        return count(CaseResult.Skipped.class);
    }

    /// Whether every case that ran passed.
    public boolean allPassed() {
        return failed() == 0 && errors() == 0;
    }

    /// `N passed, N failed, N skipped`, where failed counts both failures and errors.
    public String summaryLine() {
        return passed() + " passed, " + (failed() + errors()) + " failed, " + skipped() + " skipped";
    }

    private long count(Class<? extends CaseResult> kind) {
        return cases.stream().filter(kind::isInstance).count();
    }
}
