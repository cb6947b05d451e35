package dev.loupe.model.infer;

import dev.loupe.model.ElementType;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.schema.FormalParameter;
import dev.loupe.model.schema.OpSchema;
import java.util.List;

/// Derives output element types from an operator schema when a rule has not: a fixed output type
/// (`tensor(int64)`), the type of an input bound to the same type parameter, or a type parameter that
/// allows a single type.
final class SchemaTypes {

    private SchemaTypes() {
    }

    /// Fills in the element type of every output of `ctx` that has none yet.
    static void complete(NodeContext ctx, OpSchema schema) {
        for (int i = 0; i < ctx.outputCount(); i++) {
            if (!ctx.hasOutput(i)) {
                continue;
            }
            var current = ctx.output(i);
            boolean missing = current == null
                    || current instanceof TypeInfo.TensorType t && t.elementType() == ElementType.UNDEFINED;
            if (!missing) {
                continue;
            }
            var derived = derive(ctx, schema, i);
            if (derived == null) {
                continue;
            }
            if (current instanceof TypeInfo.TensorType t && derived instanceof TypeInfo.TensorType d) {
                ctx.set(i, d.elementType(), t.shape());
            } else if (current == null) {
                ctx.set(i, derived);
            }
        }
    }

    private static TypeInfo derive(NodeContext ctx, OpSchema schema, int output) {
        var formal = formal(schema.outputs(), output);
        if (formal == null) {
            return null;
        }
        var typeStr = formal.typeStr();
        if (typeStr.indexOf('(') >= 0) {
            return Types.parse(typeStr);
        }
        for (int j = 0; j < ctx.inputCount(); j++) {
            var in = formal(schema.inputs(), j);
            var t = ctx.type(j);
            if (in == null || t == null || !in.typeStr().equals(typeStr)) {
                continue;
            }
            if (t instanceof TypeInfo.TensorType tt) {
                if (tt.elementType() != ElementType.UNDEFINED) {
                    return new TypeInfo.TensorType(tt.elementType(), null);
                }
            } else if (!(t instanceof TypeInfo.Unspecified)) {
                return t;
            }
        }
        var constraint = schema.typeConstraint(typeStr);
        return constraint.isPresent() && constraint.get().allowedTypes().size() == 1
                ? Types.parse(constraint.get().allowedTypes().getFirst()) : null;
    }

    private static FormalParameter formal(List<FormalParameter> params, int i) {
        if (i < params.size()) {
            return params.get(i);
        }
        return !params.isEmpty() && params.getLast().option() == FormalParameter.Option.VARIADIC ? params.getLast() : null;
    }
}
