package dev.loupe.app.cli;

import dev.loupe.app.render.GraphRenderer;
import dev.loupe.app.render.RenderOptions;
import dev.loupe.app.render.Theme;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/// `loupe render MODEL (--png FILE | --svg FILE) [--expand-all] [--dark] [--scale S]`: the diagram, headless.
@Command(name = "render", description = "Draw a model's whole graph to a PNG or SVG file, without a window.")
final class RenderCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "The .onnx file.")
    Path model;

    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--png", paramLabel = "FILE", required = true, description = "Write a PNG image.")
        Path png;

        @Option(names = "--svg", paramLabel = "FILE", required = true, description = "Write an SVG drawing.")
        Path svg;
    }

    @Option(names = "--expand-all", description = "Show every node, even in large graphs whose name-scope groups open collapsed.")
    boolean expandAll;

    @Option(names = "--dark", description = "Use the dark theme.")
    boolean dark;

    @Option(names = "--scale", defaultValue = "1.0", description = "Pixels per diagram unit for PNG (default: ${DEFAULT-VALUE}).")
    double scale;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var options = RenderOptions.defaults().withExpandAll(expandAll).withScale(scale).withTheme(dark ? Theme.DARK : Theme.LIGHT);
        GraphRenderer.Result result;
        try (var m = ModelOption.open(model)) {
            result = target.png != null ? GraphRenderer.renderPng(m, target.png, options) : GraphRenderer.renderSvg(m, target.svg, options);
        }
        spec.commandLine().getOut().printf("wrote %s (%d x %d, %d boxes, %d edges)%n",
                target.png != null ? target.png : target.svg, result.width(), result.height(), result.boxes(), result.edges());
        return LoupeCommand.OK;
    }
}
