package dev.loupe.app.cli;

import dev.loupe.executor.transform.FoldFile;
import dev.loupe.model.transform.TransformFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/// The graph-surgery subcommands. Each reads MODEL, applies one transformation through the same undoable
/// edits the window uses, and writes OUT atomically (OUT may be MODEL). A refused transformation is a
/// one-line reason with exit code 2, and nothing is written.
final class SurgeryCommands {

    private SurgeryCommands() {
    }

    /// Shared printing of a transformation's outcome.
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        abstract TransformFiles.Outcome apply() throws Exception;

        @Override
        public Integer call() throws Exception {
            var outcome = apply();
            spec.commandLine().getOut().println(outcome.summary());
            return LoupeCommand.OK;
        }
    }

    @Command(name = "extract", description = "Extract the subgraph computing --outputs from --inputs as a new model.")
    static final class Extract extends Base {
        @Parameters(index = "0", paramLabel = "MODEL") Path model;
        @Parameters(index = "1", paramLabel = "OUT") Path out;
        @Option(names = "--inputs", split = ",", required = true, paramLabel = "A,B", description = "Tensors that become the new model's inputs.")
        List<String> inputs = new ArrayList<>();
        @Option(names = "--outputs", split = ",", required = true, paramLabel = "C,D", description = "Tensors that become its outputs.")
        List<String> outputs = new ArrayList<>();

        @Override
        TransformFiles.Outcome apply() throws Exception {
            return TransformFiles.extract(model, inputs, outputs, out);
        }
    }

    @Command(name = "fold", description = "Fold constants (evaluating them with the executor) and remove dead code.")
    static final class Fold extends Base {
        @Parameters(index = "0", paramLabel = "MODEL") Path model;
        @Parameters(index = "1", paramLabel = "OUT") Path out;

        @Override
        TransformFiles.Outcome apply() throws Exception {
            return FoldFile.fold(model, out);
        }
    }

    @Command(name = "to-function", description = "Turn a convex set of nodes into a model-local function and call it.")
    static final class ToFunction extends Base {
        @Parameters(index = "0", paramLabel = "MODEL") Path model;
        @Parameters(index = "1", paramLabel = "OUT") Path out;
        @Option(names = "--nodes", split = ",", required = true, paramLabel = "N1,N2,...", description = "Names of the nodes to fold in.")
        List<String> nodes = new ArrayList<>();
        @Option(names = "--name", required = true, description = "The function's name.") String name;
        @Option(names = "--domain", description = "The function's domain (default: local).") String domain;
        @Option(names = "--replace-others", description = "Also replace other node sets of the same structure by calls.")
        boolean replaceOthers;

        @Override
        TransformFiles.Outcome apply() throws Exception {
            return TransformFiles.toFunction(model, nodes, name, domain, replaceOthers, out);
        }
    }

    @Command(name = "inline", description = "Inline the calls of one local function (--function), or of all of them.")
    static final class Inline extends Base {
        @Parameters(index = "0", paramLabel = "MODEL") Path model;
        @Parameters(index = "1", paramLabel = "OUT") Path out;
        @Option(names = "--function", paramLabel = "NAME", description = "NAME or DOMAIN:NAME; all functions when left out.") String function;

        @Override
        TransformFiles.Outcome apply() throws Exception {
            return TransformFiles.inline(model, function, out);
        }
    }

    @Command(name = "set-shape", description = "Set graph input shapes, e.g. --input x=batch,3,224,224 (numbers or symbols).")
    static final class SetShape extends Base {
        @Parameters(index = "0", paramLabel = "MODEL") Path model;
        @Parameters(index = "1", paramLabel = "OUT") Path out;
        @Option(names = "--input", required = true, paramLabel = "NAME=DIMS", description = "Repeatable.") List<String> inputs = new ArrayList<>();

        @Override
        TransformFiles.Outcome apply() throws Exception {
            return TransformFiles.setShape(model, inputs, out);
        }
    }

    @Command(name = "merge", description = "Merge two models, feeding outputs of the first into inputs of the second.")
    static final class Merge extends Base {
        @Parameters(index = "0", paramLabel = "A") Path first;
        @Parameters(index = "1", paramLabel = "B") Path second;
        @Parameters(index = "2", paramLabel = "OUT") Path out;
        @Option(names = "--map", split = ",", required = true, paramLabel = "A_OUT=B_IN",
                description = "Output of A feeding input of B (names before prefixing); comma-separated or repeated.")
        List<String> map = new ArrayList<>();
        @Option(names = "--prefix1", paramLabel = "P", description = "Prefix for every name of A.") String prefix1;
        @Option(names = "--prefix2", paramLabel = "Q", description = "Prefix for every name of B.") String prefix2;

        @Override
        TransformFiles.Outcome apply() throws Exception {
            return TransformFiles.merge(first, second, map, prefix1, prefix2, out);
        }
    }

    @Command(name = "upgrade", description = "Upgrade to a newer ai.onnx opset, rewriting the operators that changed; --dry-run lists the changes.")
    static final class Upgrade extends Base {
        @Parameters(index = "0", paramLabel = "MODEL") Path model;
        @Parameters(index = "1", arity = "0..1", paramLabel = "OUT", description = "Where to write; not needed with --dry-run.") Path out;
        @Option(names = "--to", paramLabel = "VERSION", description = "Target ai.onnx version (default: 13).") long target = 13;
        @Option(names = "--dry-run", description = "List what would change, node by node, and write nothing.") boolean dryRun;

        @Override
        TransformFiles.Outcome apply() throws Exception {
            if (out == null && !dryRun) {
                throw new ParameterException(spec.commandLine(), "Missing OUT: give a file to write, or --dry-run");
            }
            return TransformFiles.upgrade(model, target, dryRun, out);
        }
    }
}
