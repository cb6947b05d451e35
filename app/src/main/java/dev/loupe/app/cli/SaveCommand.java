package dev.loupe.app.cli;

import dev.loupe.model.io.ModelWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/// `loupe save IN OUT [--external-data FILE]`: loads and writes back, optionally moving weights to a file.
@Command(name = "save", description = "Load a model and write it back (atomically), optionally with weights in an external file.")
final class SaveCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "The model to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Where to write it (may equal IN).")
    Path out;

    @Option(names = "--external-data", paramLabel = "FILE",
            description = "Move every tensor of 1 KiB or more into FILE, a file name in OUT's folder.")
    String externalData;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (var model = ModelOption.open(in)) {
            var options = externalData == null ? ModelWriter.Options.keepLayout() : ModelWriter.Options.externalData(externalData);
            ModelWriter.write(model, out, options);
        }
        spec.commandLine().getOut().println("saved " + out + (externalData == null ? "" : " (weights in " + externalData + ")"));
        return LoupeCommand.OK;
    }
}
