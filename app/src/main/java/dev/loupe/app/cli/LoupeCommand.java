package dev.loupe.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/// The root `loupe` command. Without a subcommand it opens the window (with MODEL if given); each
/// subcommand runs headless on the same engine.
///
/// Exit codes follow the command-line contract: 0 success, 1 a check or comparison failed, 2 bad usage or
/// unreadable input. Errors are one line on stderr; `--verbose` adds the stack trace.
@Command(name = "loupe", mixinStandardHelpOptions = true, versionProvider = LoupeCommand.Version.class,
        description = "Inspect, run, debug and edit ONNX models.",
        subcommands = {InfoCommand.class, CheckCommand.class, SaveCommand.class, RunCommand.class, TestDataCommand.class,
                CompareCommand.class, RenderCommand.class, BenchCommand.class, BenchUiCommand.class,
                SurgeryCommands.Extract.class, SurgeryCommands.Fold.class, SurgeryCommands.ToFunction.class,
                SurgeryCommands.Inline.class, SurgeryCommands.SetShape.class, SurgeryCommands.Merge.class,
                SurgeryCommands.Upgrade.class,
                CommandLine.HelpCommand.class})
public final class LoupeCommand implements Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    /// Returned when the window was opened: the process lives on until the window closes.
    public static final int WINDOW_OPENED = -1;

    @Parameters(arity = "0..1", paramLabel = "MODEL", description = "Model to open in the window.")
    private Path model;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() {
        WindowLauncher.launch(model);
        return WINDOW_OPENED;
    }

    /// Runs the command line and returns its exit code (or [#WINDOW_OPENED]).
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /// Runs the command line with the given output streams (for tests).
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        var root = new LoupeCommand();
        var cl = new CommandLine(root);
        // Every subcommand answers -h/--help (its usage) and -V/--version, as the errors' hint promises.
        cl.getSubcommands().values().stream().filter(sub -> !(sub.getCommand() instanceof CommandLine.HelpCommand))
                .forEach(sub -> sub.getCommandSpec().mixinStandardHelpOptions(true));
        cl.setOut(out).setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("loupe: " + ex.getMessage());
            err.println("Try 'loupe " + (ex.getCommandLine() == cl ? "" : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("loupe: " + oneLine(ex));
            if (root.verbose) {
                ex.printStackTrace(err);
            }
            return BAD_INPUT;
        });
        return cl.execute(args);
    }

    static String oneLine(Throwable e) {
        var msg = e.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = e.getClass().getSimpleName();
        }
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }

    /// The version from the jar manifest, or "development" when run from classes.
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            var v = LoupeCommand.class.getPackage().getImplementationVersion();
            return new String[] {"loupe " + (v == null ? "development" : v)};
        }
    }
}
