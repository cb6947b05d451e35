package dev.loupe.app.inspect;

import dev.loupe.app.diagram.DiagramBuilder;
import dev.loupe.app.diagram.DiagramNode;
import dev.loupe.app.diagram.OpCatalog;
import dev.loupe.app.diagram.ValueText;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.Node;
import dev.loupe.model.OpsetId;
import dev.loupe.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// The properties panel's content for the selected box: for an operator its op type and domain, the
/// schema version in force at the model's opset, attributes with their types, inputs and outputs with
/// types and shapes, and documentation; for a group its size and operators; for an input or output its type.
/// FX thread only.
public final class PropertiesViewModel {

    private static final String DOCS = "https://onnx.ai/onnx/operators/";

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper(this, "subtitle", "");
    private final ReadOnlyStringWrapper category = new ReadOnlyStringWrapper(this, "category", "");
    private final ReadOnlyStringWrapper docUrl = new ReadOnlyStringWrapper(this, "docUrl", "");
    private final ObservableList<PropertyRow> rows = FXCollections.observableArrayList();

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty subtitleProperty() {
        return subtitle.getReadOnlyProperty();
    }

    /// The category style class of the selection (`layer`, `group`...), empty when nothing is selected.
    public ReadOnlyStringProperty categoryProperty() {
        return category.getReadOnlyProperty();
    }

    /// The operator's page in the ONNX documentation, empty when there is none.
    public ReadOnlyStringProperty docUrlProperty() {
        return docUrl.getReadOnlyProperty();
    }

    public ObservableList<PropertyRow> rows() {
        return rows;
    }

    /// Describes `item` (`null` clears the panel).
    public void show(DiagramNode item, OpCatalog catalog) {
        if (item == null) {
            title.set("");
            subtitle.set("");
            category.set("");
            docUrl.set("");
            rows.clear();
            return;
        }
        title.set(item.title());
        category.set(item.styleClass());
        var out = new ArrayList<PropertyRow>();
        switch (item.kind()) {
            case OPERATOR -> {
                subtitle.set(item.node().displayName());
                docUrl.set(docUrl(item.node()));
                describeOperator(item.node(), catalog, out);
            }
            case GROUP -> {
                subtitle.set("/" + item.scope().path());
                docUrl.set("");
                describeGroup(item, out);
            }
            default -> {
                subtitle.set(item.kind().name().toLowerCase(Locale.ROOT));
                docUrl.set("");
                describeValue(item.value(), out);
            }
        }
        rows.setAll(out);
    }

    /// `https://onnx.ai/onnx/operators/onnx__Conv.html` for standard operators; empty for others.
    public static String docUrl(Node node) {
        return switch (node.canonicalDomain()) {
            case OpsetId.ONNX -> DOCS + "onnx__" + node.opType() + ".html";
            case OpsetId.ONNX_ML -> DOCS + "onnx_aionnxml_" + node.opType() + ".html";
            case OpsetId.TRAINING -> DOCS + "onnx_aionnxpreviewtraining_" + node.opType() + ".html";
            default -> "";
        };
    }

    private static void describeOperator(Node node, OpCatalog catalog, List<PropertyRow> out) {
        var s = "Node";
        out.add(PropertyRow.heading(s));
        out.add(PropertyRow.of(s, "name", node.name() == null ? "(none)" : node.name()));
        out.add(PropertyRow.of(s, "op type", node.opType()));
        out.add(PropertyRow.of(s, "domain", node.canonicalDomain().isEmpty() ? "ai.onnx" : node.canonicalDomain()));
        if (catalog != null) {
            var opset = catalog.model().opsetVersion(node.canonicalDomain());
            var schema = catalog.schema(node);
            out.add(PropertyRow.of(s, "since version", schema.map(x -> x.sinceVersion() + opset.map(v -> " (model opset " + v + ")").orElse(""))
                    .orElse(catalog.model().functionFor(node).isPresent() ? "model-local function" : "unknown operator")));
            out.add(PropertyRow.of(s, "category", catalog.styleClass(node)));
        }

        if (!node.attributes().isEmpty()) {
            out.add(PropertyRow.heading("Attributes"));
            for (var a : node.attributes().values()) {
                var value = a.isReference() ? "→ " + a.refAttrName() : ValueText.attribute(a.value(), 400);
                var type = a.type().name().toLowerCase(Locale.ROOT);
                if (a.value() instanceof AttributeValue.TensorValue(var t)) {
                    out.add(new PropertyRow("Attributes", a.name() + " (" + type + ")", value, t));
                } else {
                    out.add(PropertyRow.of("Attributes", a.name() + " (" + type + ")", value));
                }
            }
        }
        describePorts("Inputs", node, node.inputs(), catalog, true, out);
        describePorts("Outputs", node, node.outputs(), catalog, false, out);
        if (node.docString() != null && !node.docString().isBlank()) {
            out.add(PropertyRow.heading("Documentation"));
            out.add(PropertyRow.of("Documentation", "doc string", node.docString().strip()));
        }
    }

    private static void describePorts(String section, Node node, List<Value> values, OpCatalog catalog, boolean inputs,
                                      List<PropertyRow> out) {
        if (values.isEmpty()) {
            return;
        }
        out.add(PropertyRow.heading(section));
        for (int i = 0; i < values.size(); i++) {
            var v = values.get(i);
            var formal = catalog == null ? null : inputs ? catalog.inputName(node, i) : catalog.outputName(node, i);
            var label = formal == null ? "#" + i : formal;
            if (v == null) {
                out.add(PropertyRow.of(section, label, "(absent)"));
                continue;
            }
            var tensor = DiagramBuilder.constantOf(v);
            var text = v.name() + " : " + ValueText.type(v.bestType());
            if (tensor != null) {
                out.add(new PropertyRow(section, label, text + (v.isInitializer() ? " (initializer)" : " (constant)"), tensor));
            } else {
                out.add(PropertyRow.of(section, label, text));
            }
        }
    }

    private static void describeGroup(DiagramNode item, List<PropertyRow> out) {
        var scope = item.scope();
        out.add(PropertyRow.heading("Group"));
        out.add(PropertyRow.of("Group", "scope", "/" + scope.path()));
        out.add(PropertyRow.of("Group", "nodes", Integer.toString(scope.size())));
        out.add(PropertyRow.of("Group", "sub-groups", Long.toString(scope.children().stream().filter(dev.loupe.app.diagram.Scope::isGroup).count())));
        out.add(PropertyRow.of("Group", "open", "double-click the group"));
    }

    private static void describeValue(Value v, List<PropertyRow> out) {
        out.add(PropertyRow.heading("Value"));
        out.add(PropertyRow.of("Value", "name", v.name()));
        out.add(PropertyRow.of("Value", "type", ValueText.type(v.bestType())));
        if (v.type() != null && v.inferredType() != null) {
            out.add(PropertyRow.of("Value", "declared type", ValueText.type(v.type())));
        }
        out.add(PropertyRow.of("Value", "consumers", Integer.toString(v.consumers().size())));
        if (v.docString() != null && !v.docString().isBlank()) {
            out.add(PropertyRow.of("Value", "doc string", v.docString().strip()));
        }
    }
}
