package dev.loupe.model.edit;

import dev.loupe.model.ElementType;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import dev.loupe.model.schema.FormalParameter;
import dev.loupe.model.schema.OpSchema;
import dev.loupe.model.schema.OpSchemas;
import java.util.List;
import java.util.Map;

/// Reading an operator's schema the way edits need it: the schema in force for a node, the formal parameter
/// behind an input or output slot, and whether a value's type fits that parameter.
///
/// Types are compared as ONNX type strings (`tensor(float)`); a value whose type is unknown, or is not a
/// tensor, fits any parameter (the checker reports the rest after the edit).
final class SchemaSignature {

    private SchemaSignature() {
    }

    /// The schema of `opType` in `domain` at the version `model` imports, or `null` when the model does not
    /// import the domain or the standard schemas do not know the operator there.
    static OpSchema find(Model model, String domain, String opType) {
        var version = model.opsetVersion(domain);
        return version.isEmpty() ? null : OpSchemas.standard().find(domain, opType, version.get()).orElse(null);
    }

    static OpSchema of(Model model, Node node) {
        return find(model, node.canonicalDomain(), node.opType());
    }

    /// The formal parameter behind slot `i`: the `i`-th, or the trailing variadic one; `null` beyond them.
    static FormalParameter formal(List<FormalParameter> params, int i) {
        if (i < params.size()) {
            return params.get(i);
        }
        return !params.isEmpty() && params.getLast().option() == FormalParameter.Option.VARIADIC ? params.getLast() : null;
    }

    /// `tensor(float)` for a tensor of known element type, else `null`.
    static String typeString(TypeInfo type) {
        return type instanceof TypeInfo.TensorType t && t.elementType() != ElementType.UNDEFINED
                ? "tensor(" + t.elementType().onnxName() + ")" : null;
    }

    static String typeString(Value value) {
        return value == null ? null : typeString(value.bestType());
    }

    /// Why a value of type `actual` cannot fill `formal` of `schema`, or `null` when it can. `bound` maps the
    /// type parameters already fixed by other slots to their type; the call binds `formal`'s parameter.
    static String mismatch(OpSchema schema, FormalParameter formal, String actual, Map<String, String> bound) {
        if (actual == null || formal == null) {
            return null;
        }
        var typeStr = formal.typeStr();
        if (typeStr.indexOf('(') >= 0) {
            return typeStr.equals(actual) ? null : "'" + formal.name() + "' of " + schema + " is " + typeStr;
        }
        var constraint = schema.typeConstraint(typeStr).orElse(null);
        if (constraint != null && !constraint.allows(actual)) {
            return "'" + formal.name() + "' of " + schema + " takes " + typeStr + " in {"
                    + String.join(", ", constraint.allowedTypes()) + "}";
        }
        var earlier = bound.putIfAbsent(typeStr, actual);
        if (earlier != null && !earlier.equals(actual)) {
            return "'" + formal.name() + "' of " + schema + " is " + typeStr + ", already bound to " + earlier
                    + " by another input";
        }
        return null;
    }
}
