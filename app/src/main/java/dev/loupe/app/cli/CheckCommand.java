package dev.loupe.app.cli;

import dev.loupe.model.check.Checker;
import dev.loupe.model.check.Problem;
import dev.loupe.model.infer.ShapeInference;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/// `loupe check MODEL`: structural and type checks, one line per problem; exit 1 when any is an error.
@Command(name = "check", description = "Check a model against the ONNX rules; one line per problem.")
final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "The .onnx file.")
    Path model;

    @Option(names = "--json", description = "Print the problems as JSON.")
    boolean json;

    @Option(names = "--timing", description = "Print how long loading, checking and shape inference took (to stderr).")
    boolean timing;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var problems = new java.util.ArrayList<Problem>();
        long t0 = System.nanoTime();
        long t1;
        long t2;
        try (var m = ModelOption.open(model)) {
            t1 = System.nanoTime();
            problems.addAll(Checker.check(m));
            t2 = System.nanoTime();
            problems.addAll(ShapeInference.infer(m));
        }
        long t3 = System.nanoTime();
        if (timing) {
            spec.commandLine().getErr().printf("load %.0f ms, check %.0f ms, shape inference %.0f ms%n",
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
        }
        var out = spec.commandLine().getOut();
        long errors = problems.stream().filter(Problem::isError).count();
        if (json) {
            out.println(Json.write(java.util.Map.of("errors", errors, "problems", problems.stream()
                    .map(p -> java.util.Map.of("severity", p.severity().name(), "location", p.location(), "message", p.message()))
                    .toList())));
        } else {
            problems.forEach(out::println);
            out.println(errors == 0 ? "ok: no errors" + (problems.isEmpty() ? "" : ", " + problems.size() + " warnings")
                    : errors + " errors, " + (problems.size() - errors) + " warnings");
        }
        out.flush();
        return errors == 0 ? LoupeCommand.OK : LoupeCommand.FAILED;
    }
}
