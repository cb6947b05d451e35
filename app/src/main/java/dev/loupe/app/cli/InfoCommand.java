package dev.loupe.app.cli;

import dev.loupe.model.ModelSummary;
import dev.loupe.model.OpsetId;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/// `loupe info MODEL [--json]`: versions, producer, node count, operator histogram and the model's interface.
@Command(name = "info", description = "Show a model's versions, producer, size, operators, inputs and outputs.")
final class InfoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "The .onnx file.")
    Path model;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--timing", description = "Print how long reading the model took (to stderr).")
    boolean timing;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelSummary s;
        long start = System.nanoTime();
        try (var m = ModelOption.open(model)) {
            s = ModelSummary.of(m);
        }
        if (timing) {
            spec.commandLine().getErr().printf("read and summarized in %.0f ms%n", (System.nanoTime() - start) / 1e6);
        }
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(toMap(s)));
        } else {
            out.print(text(s));
        }
        out.flush();
        return LoupeCommand.OK;
    }

    private static String text(ModelSummary s) {
        var sb = new StringBuilder();
        sb.append("IR version:  ").append(s.irVersion() == null ? "(none)" : s.irVersion()).append('\n');
        sb.append("Opsets:      ");
        s.opsets().forEach(o -> sb.append(domainName(o)).append(' ').append(o.version()).append("  "));
        sb.append('\n');
        sb.append("Producer:    ").append(s.producer().isEmpty() ? "(none)" : s.producer()).append('\n');
        sb.append("Nodes:       ").append(s.nodeCount());
        if (s.totalNodeCount() != s.nodeCount()) {
            sb.append(" (").append(s.totalNodeCount()).append(" with subgraphs and functions)");
        }
        sb.append('\n');
        sb.append("Parameters:  ").append(s.parameterCount()).append(" in ").append(s.initializerCount())
                .append(" initializers, ").append(s.weightBytes()).append(" bytes\n");
        if (s.functionCount() > 0) {
            sb.append("Functions:   ").append(s.functionCount()).append('\n');
        }
        sb.append("Inputs:\n");
        s.inputs().forEach(p -> sb.append("  ").append(p.name()).append(": ").append(p.type()).append('\n'));
        sb.append("Outputs:\n");
        s.outputs().forEach(p -> sb.append("  ").append(p.name()).append(": ").append(p.type()).append('\n'));
        sb.append("Operators:\n");
        s.opHistogram().forEach((op, n) -> sb.append(String.format("  %6d  %s%n", n, op)));
        s.metadata().forEach(e -> sb.append("Metadata:    ").append(e.key()).append(" = ").append(e.value()).append('\n'));
        return sb.toString();
    }

    private static String domainName(OpsetId o) {
        var d = OpsetId.canonicalDomain(o.domain());
        return d.isEmpty() ? "ai.onnx" : d;
    }

    private static Map<String, Object> toMap(ModelSummary s) {
        var m = new LinkedHashMap<String, Object>();
        m.put("irVersion", s.irVersion());
        var opsets = new LinkedHashMap<String, Object>();
        s.opsets().forEach(o -> opsets.put(domainName(o), o.version()));
        m.put("opsets", opsets);
        m.put("producer", s.producer());
        m.put("nodeCount", s.nodeCount());
        m.put("totalNodeCount", s.totalNodeCount());
        m.put("initializerCount", s.initializerCount());
        m.put("parameterCount", s.parameterCount());
        m.put("weightBytes", s.weightBytes());
        m.put("functionCount", s.functionCount());
        m.put("inputs", s.inputs().stream().map(p -> Map.of("name", p.name(), "type", p.type())).toList());
        m.put("outputs", s.outputs().stream().map(p -> Map.of("name", p.name(), "type", p.type())).toList());
        m.put("operators", s.opHistogram());
        var meta = new LinkedHashMap<String, Object>();
        s.metadata().forEach(e -> meta.put(e.key(), e.value()));
        m.put("metadata", meta);
        return m;
    }
}
