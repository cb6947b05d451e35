package dev.loupe.app.diagram;

import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.schema.OpSchema;
import dev.loupe.model.schema.OpSchemas;
import java.util.Locale;
import java.util.Optional;

/// What the diagram needs to know about operators: the schema in force for a node at the model's opset,
/// the category (as a style class) and the names of formal inputs. Works without schemas too: an operator
/// without a known schema is in category `other`.
///
/// Thread-safe; the standard schemas are read once.
public final class OpCatalog {

    /// Style class of nodes that call a model-local function.
    public static final String FUNCTION_CLASS = "function";
    /// Style class of nodes whose operator is unknown.
    public static final String OTHER_CLASS = "other";

    private final Model model;
    private final OpSchemas schemas;

    private OpCatalog(Model model, OpSchemas schemas) {
        this.model = model;
        this.schemas = schemas;
    }

    /// A catalogue for `model` using the standard schemas, or none when they cannot be read.
    public static OpCatalog forModel(Model model) {
        OpSchemas standard;
        try {
            standard = OpSchemas.standard();
        } catch (RuntimeException | LinkageError e) {
            standard = null;
        }
        return new OpCatalog(model, standard);
    }

    public Model model() {
        return model;
    }

    /// The schema in force for `node` at the model's opset for its domain, if known.
    public Optional<OpSchema> schema(Node node) {
        if (schemas == null) {
            return Optional.empty();
        }
        var domain = node.canonicalDomain();
        long version = model.opsetVersion(domain).orElse(Long.MAX_VALUE);
        return schemas.find(domain, node.opType(), version);
    }

    /// The style class of `node`'s category: `layer`, `activation`..., `function` or `other`.
    public String styleClass(Node node) {
        if (model.functionFor(node).isPresent()) {
            return FUNCTION_CLASS;
        }
        if (schemas == null) {
            return OTHER_CLASS;
        }
        var versions = schemas.versions(node.canonicalDomain(), node.opType());
        return versions.isEmpty() ? OTHER_CLASS : versions.getLast().category().name().toLowerCase(Locale.ROOT);
    }

    /// The name of formal input `index` of `node`'s operator (`W`, `B`...), or `null` when unknown.
    public String inputName(Node node, int index) {
        var schema = schema(node);
        if (schema.isEmpty() || schema.get().inputs().isEmpty()) {
            return null;
        }
        var inputs = schema.get().inputs();
        return index < inputs.size() ? inputs.get(index).name() : inputs.getLast().name();
    }

    /// The name of formal output `index`, or `null` when unknown.
    public String outputName(Node node, int index) {
        var schema = schema(node);
        if (schema.isEmpty() || schema.get().outputs().isEmpty()) {
            return null;
        }
        var outputs = schema.get().outputs();
        return index < outputs.size() ? outputs.get(index).name() : outputs.getLast().name();
    }
}
