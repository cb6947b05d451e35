package dev.loupe.app.cli;

import dev.loupe.app.bench.UiBenchmark;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// `loupe bench-ui MODEL [--frames N]`: time to first picture and frame times of scripted pans and zooms
/// in the real window (headless software rendering when there is no display).
@Command(name = "bench-ui", description = "Measure the viewer: time to the first picture, then frame times of scripted pans and zooms.")
final class BenchUiCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "The .onnx file.")
    Path model;

    @Option(names = "--frames", defaultValue = "200", description = "Frames per scripted view (default: ${DEFAULT-VALUE}).")
    int frames;

    @Override
    public Integer call() throws Exception {
        UiBenchmark.run(model, frames, new PrintStream(System.out, true));
        // JavaFX keeps running after the benchmark; the command ends the process itself.
        System.out.flush();
        Runtime.getRuntime().halt(LoupeCommand.OK);
        return LoupeCommand.OK;
    }
}
