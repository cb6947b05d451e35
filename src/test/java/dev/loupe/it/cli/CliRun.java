package dev.loupe.it.cli;

import dev.loupe.app.cli.LoupeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;

/// One run of the `loupe` command line in-process, with its exit code and both output streams.
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = LoupeCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
