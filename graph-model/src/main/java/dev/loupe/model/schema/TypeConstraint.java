package dev.loupe.model.schema;

import java.util.List;

/// The types a type parameter of an operator may stand for.
///
/// @param typeParam the parameter's name, such as `T`
/// @param allowedTypes ONNX type strings such as `tensor(float)` or `seq(tensor(int64))`, in the order
///                     the schema lists them
public record TypeConstraint(String typeParam, List<String> allowedTypes) {

    public TypeConstraint {
        allowedTypes = List.copyOf(allowedTypes);
    }

    public boolean allows(String typeString) {
        return allowedTypes.contains(typeString);
    }
}
