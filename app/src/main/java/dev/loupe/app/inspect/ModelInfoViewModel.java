package dev.loupe.app.inspect;

import dev.loupe.app.diagram.ValueText;
import dev.loupe.model.Model;
import dev.loupe.model.ModelSummary;
import java.util.ArrayList;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// The model panel's content: IR version, producer, opsets, metadata, graph inputs and outputs, counts of
/// nodes by op type, parameters and bytes of weights. FX thread only.
public final class ModelInfoViewModel {

    private final ObservableList<PropertyRow> rows = FXCollections.observableArrayList();

    public ObservableList<PropertyRow> rows() {
        return rows;
    }

    /// Describes `model` (`null` clears the panel).
    public void show(Model model) {
        if (model == null || model.graph() == null) {
            rows.clear();
            return;
        }
        var s = ModelSummary.of(model);
        var out = new ArrayList<PropertyRow>();
        out.add(PropertyRow.heading("Model"));
        out.add(PropertyRow.of("Model", "IR version", s.irVersion() == null ? "(not set)" : s.irVersion().toString()));
        out.add(PropertyRow.of("Model", "producer", s.producer().isEmpty() ? "(unknown)" : s.producer()));
        if (model.domain() != null && !model.domain().isEmpty()) {
            out.add(PropertyRow.of("Model", "domain", model.domain()));
        }
        if (model.modelVersion() != null) {
            out.add(PropertyRow.of("Model", "model version", model.modelVersion().toString()));
        }
        out.add(PropertyRow.of("Model", "graph", model.graph().name()));
        for (var o : s.opsets()) {
            var domain = dev.loupe.model.OpsetId.canonicalDomain(o.domain());
            out.add(PropertyRow.of("Model", "opset " + (domain.isEmpty() ? "ai.onnx" : domain), Long.toString(o.version())));
        }
        if (model.docString() != null && !model.docString().isBlank()) {
            out.add(PropertyRow.of("Model", "doc string", model.docString().strip()));
        }
        if (!s.metadata().isEmpty()) {
            out.add(PropertyRow.heading("Metadata"));
            s.metadata().forEach(m -> out.add(PropertyRow.of("Metadata", m.key(), m.value())));
        }
        out.add(PropertyRow.heading("Inputs"));
        for (var v : model.graph().inputs()) {
            if (!v.isInitializer()) {
                out.add(PropertyRow.of("Inputs", v.name(), ValueText.type(v.bestType())));
            }
        }
        out.add(PropertyRow.heading("Outputs"));
        model.graph().outputs().forEach(v -> out.add(PropertyRow.of("Outputs", v.name(), ValueText.type(v.bestType()))));
        out.add(PropertyRow.heading("Counts"));
        out.add(PropertyRow.of("Counts", "nodes", String.format(Locale.ROOT, "%,d", s.nodeCount())));
        if (s.totalNodeCount() != s.nodeCount()) {
            out.add(PropertyRow.of("Counts", "nodes with subgraphs and functions", String.format(Locale.ROOT, "%,d", s.totalNodeCount())));
        }
        out.add(PropertyRow.of("Counts", "initializers", String.format(Locale.ROOT, "%,d", s.initializerCount())));
        out.add(PropertyRow.of("Counts", "parameters", String.format(Locale.ROOT, "%,d", s.parameterCount())));
        out.add(PropertyRow.of("Counts", "weight bytes", bytes(s.weightBytes())));
        out.add(PropertyRow.of("Counts", "local functions", Integer.toString(s.functionCount())));
        out.add(PropertyRow.heading("Operators"));
        s.opHistogram().forEach((op, n) -> out.add(PropertyRow.of("Operators", op, Integer.toString(n))));
        rows.setAll(out);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s (%,d bytes)", v, units[u], n);
    }
}
