package dev.loupe.model.schema;

import java.util.List;
import java.util.Optional;

/// One version of an operator's signature, as the ONNX specification defines it: valid for models whose
/// opset for `domain` is at least `sinceVersion` and below the next version's `sinceVersion`.
///
/// Immutable; lists are unmodifiable.
///
/// @param domain the canonical domain: `""` for `ai.onnx`, else for example `ai.onnx.ml`
/// @param deprecated whether ONNX deprecates the operator from this version on
/// @param inputArity how many inputs a node may have
/// @param outputArity how many outputs a node may have
/// @param typeConstraints the type parameters of inputs, outputs and attributes, in declaration order
/// @param attributes the formal attributes, sorted by name
public record OpSchema(String domain, String name, long sinceVersion, boolean deprecated, Category category,
                       Arity inputArity, Arity outputArity, List<FormalParameter> inputs,
                       List<FormalParameter> outputs, List<TypeConstraint> typeConstraints,
                       List<AttributeSpec> attributes, FunctionBody functionBody) {

    public OpSchema {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        typeConstraints = List.copyOf(typeConstraints);
        attributes = List.copyOf(attributes);
    }

    public Optional<AttributeSpec> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
    }

    public Optional<TypeConstraint> typeConstraint(String typeParam) {
        return typeConstraints.stream().filter(c -> c.typeParam().equals(typeParam)).findFirst();
    }

    /// Whether the operator has a body that is the same for every node ([FunctionBody.Stored]).
    public boolean hasFunctionBody() {
        return functionBody instanceof FunctionBody.Stored;
    }

    /// Whether the operator is defined as a function at all, with a stored or a context-dependent body.
    public boolean isFunction() {
        return !(functionBody instanceof FunctionBody.None);
    }

    /// `Conv-11`, or `ai.onnx.ml.TreeEnsembleClassifier-3` outside the default domain.
    @Override
    public String toString() {
        return (domain.isEmpty() ? "" : domain + ".") + name + "-" + sinceVersion;
    }
}
