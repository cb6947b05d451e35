package dev.loupe.app.edit;

import dev.loupe.app.main.MainViewModel;
import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.OpsetId;
import dev.loupe.model.Value;
import dev.loupe.model.edit.EditException;
import dev.loupe.model.edit.NodeEdits;
import dev.loupe.model.schema.FormalParameter;
import dev.loupe.model.schema.OpSchema;
import dev.loupe.model.schema.OpSchemas;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/// The operator palette: every operator the open model's imported operator sets offer at their versions,
/// searchable by name, and "add node" for the chosen one with its inputs picked from the graph's values and
/// its attributes pre-filled with the schema's defaults (required ones without a default get a zero of
/// their type, to be edited). FX thread only.
public final class PaletteViewModel {

    /// One operator the palette offers: its schema at the model's opset.
    public record Entry(OpSchema schema) {
        /// `Conv`, or `ai.onnx.ml.TreeEnsembleClassifier` outside the default domain.
        public String label() {
            return (schema.domain().isEmpty() ? "" : schema.domain() + ".") + schema.name();
        }

        @Override
        public String toString() {
            return label() + "  (since " + schema.sinceVersion() + ", " + schema.category().name().toLowerCase(Locale.ROOT) + ")";
        }
    }

    private final MainViewModel main;
    private final ObservableList<Entry> all = FXCollections.observableArrayList();
    private final FilteredList<Entry> shown = new FilteredList<>(all);
    private final StringProperty query = new SimpleStringProperty(this, "query", "");

    public PaletteViewModel(MainViewModel main) {
        this.main = main;
        query.addListener((o, old, q) -> filter(q));
    }

    /// Fills the palette for the open model (call when it opens the palette).
    public void load() {
        var doc = main.getDocument();
        all.clear();
        if (doc == null) {
            return;
        }
        var schemas = OpSchemas.standard();
        var entries = new ArrayList<Entry>();
        for (var opset : doc.model().opsetImports()) {
            var domain = OpsetId.canonicalDomain(opset.domain());
            for (var op : schemas.opTypes(domain)) {
                schemas.find(domain, op, opset.version()).filter(s -> !s.deprecated()).map(Entry::new).ifPresent(entries::add);
            }
        }
        entries.sort(Comparator.comparing(Entry::label, String.CASE_INSENSITIVE_ORDER));
        all.setAll(entries);
        filter(query.get());
    }

    public StringProperty queryProperty() {
        return query;
    }

    /// The operators matching the query (case-insensitive substring of the name), in name order.
    public ObservableList<Entry> entries() {
        return shown;
    }

    /// The formal inputs a node of `entry` takes, in order (optional ones included).
    public List<FormalParameter> inputsOf(Entry entry) {
        return entry.schema().inputs();
    }

    /// The values of the current graph an input may read: graph inputs, initializers and node outputs.
    public List<String> availableValues() {
        var level = main.diagram().getLevel();
        if (level == null) {
            return List.of();
        }
        var graph = level.graph();
        var names = new ArrayList<String>();
        graph.inputs().forEach(v -> names.add(v.name()));
        graph.initializers().stream().map(Value::name).filter(n -> !names.contains(n)).forEach(names::add);
        for (var n : graph.nodes()) {
            n.outputs().stream().filter(v -> v != null && !v.name().isEmpty()).forEach(v -> names.add(v.name()));
        }
        return names;
    }

    /// The value input 0 should read by default: the selected node's first output, else nothing.
    public String suggestedInput() {
        var node = Selection.node(main.diagram());
        return node == null || node.outputs().isEmpty() || node.outputs().getFirst() == null ? null : node.outputs().getFirst().name();
    }

    /// Adds a node of `entry` reading `inputNames` (one per formal input; `null` or blank leaves an optional
    /// input out) into the current graph; its outputs get fresh names. Returns whether it was added.
    public boolean addNode(Entry entry, List<String> inputNames) {
        var level = main.diagram().getLevel();
        var doc = main.getDocument();
        if (level == null || doc == null) {
            return false;
        }
        var schema = entry.schema();
        var graph = level.graph();
        try {
            var inputs = resolveInputs(graph, schema, inputNames);
            var taken = takenNames(graph);
            var name = fresh(schema.name(), taken);
            var outputs = new ArrayList<String>();
            for (var p : schema.outputs()) {
                if (p.option() != FormalParameter.Option.OPTIONAL || outputs.isEmpty()) {
                    outputs.add(fresh(name + "_" + p.name(), taken));
                }
            }
            return main.execute(NodeEdits.add(doc.model(), graph, name, schema.name(), domainOf(doc.model(), schema), inputs, outputs,
                    defaultAttributes(schema)));
        } catch (EditException e) {
            main.statusProperty().set("Cannot add " + entry.label() + ": " + e.getMessage());
            return false;
        }
    }

    private static List<Value> resolveInputs(Graph graph, OpSchema schema, List<String> names) throws EditException {
        var inputs = new ArrayList<Value>();
        var formals = schema.inputs();
        for (int i = 0; i < formals.size(); i++) {
            var name = i < names.size() ? names.get(i) : null;
            var formal = formals.get(i);
            if (name == null || name.isBlank()) {
                if (formal.option() == FormalParameter.Option.SINGLE) {
                    throw new EditException("input '" + formal.name() + "' is required");
                }
                inputs.add(null);
                continue;
            }
            var value = graph.resolve(name.strip());
            if (value == null || !value.isDefined()) {
                throw new EditException("no value named '" + name.strip() + "'");
            }
            inputs.add(value);
        }
        while (!inputs.isEmpty() && inputs.getLast() == null) {
            inputs.removeLast();
        }
        return inputs;
    }

    /// Schema defaults, and a zero of the right type for each required attribute without one.
    static List<Attribute> defaultAttributes(OpSchema schema) {
        var attributes = new ArrayList<Attribute>();
        for (var spec : schema.attributes()) {
            if (spec.hasDefault()) {
                attributes.add(spec.defaultValue());
            } else if (spec.required()) {
                var zero = switch (spec.type()) {
                    case INT -> Attribute.ofInt(spec.name(), 0);
                    case FLOAT -> Attribute.ofFloat(spec.name(), 0f);
                    case STRING -> Attribute.ofString(spec.name(), "");
                    case INTS -> Attribute.ofInts(spec.name());
                    case FLOATS -> Attribute.of(spec.name(), new AttributeValue.Floats(new float[0]));
                    default -> null;
                };
                if (zero != null) {
                    attributes.add(zero);
                }
            }
        }
        return attributes;
    }

    private static String domainOf(Model model, OpSchema schema) {
        for (var opset : model.opsetImports()) {
            if (OpsetId.canonicalDomain(opset.domain()).equals(schema.domain())) {
                return opset.domain();
            }
        }
        return schema.domain();
    }

    private static Set<String> takenNames(Graph graph) {
        var taken = new HashSet<String>();
        graph.nodes().stream().map(Node::name).forEach(taken::add);
        graph.values().stream().map(Value::name).forEach(taken::add);
        return taken;
    }

    private static String fresh(String base, Set<String> taken) {
        var name = base;
        for (int i = 1; !taken.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    private void filter(String q) {
        var needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        shown.setPredicate(e -> needle.isEmpty() || e.label().toLowerCase(Locale.ROOT).contains(needle));
    }
}
