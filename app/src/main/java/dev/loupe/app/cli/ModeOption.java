package dev.loupe.app.cli;

import dev.loupe.executor.session.ExecutionMode;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/// The `--mode debug|fast` option of the subcommands that run a model to the end.
final class ModeOption {

    static final String DESCRIPTION = "fast: an optimized plan (constants folded, fused nodes, reused buffers); "
            + "debug: node by node as written (default: ${DEFAULT-VALUE}).";

    private ModeOption() {
    }

    /// The mode named `text` (either case).
    ///
    /// @throws CommandLine.ParameterException for any other name
    static ExecutionMode parse(CommandSpec spec, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "debug" -> ExecutionMode.DEBUG;
            case "fast" -> ExecutionMode.FAST;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--mode must be debug or fast, not '" + text + "'");
        };
    }
}
