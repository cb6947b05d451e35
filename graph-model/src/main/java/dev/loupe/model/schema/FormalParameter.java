package dev.loupe.model.schema;

/// A formal input or output of an operator.
///
/// @param typeStr a type parameter such as `T`, resolved through [OpSchema#typeConstraint(String)], or a
///                fixed type such as `tensor(int64)`
/// @param homogeneous for a [Option#VARIADIC] parameter, whether all its values must have the same type
/// @param minArity for a [Option#VARIADIC] parameter, the least number of values it takes (may be 0);
///                 1 otherwise
public record FormalParameter(String name, String typeStr, Option option, boolean homogeneous, int minArity) {

    /// Whether a node must, may, or may repeatedly give the parameter a value.
    public enum Option {
        /// Exactly one value.
        SINGLE,
        /// One value or none (an empty name, or omitted when trailing).
        OPTIONAL,
        /// Any number of values from `minArity`; only the last parameter may be variadic.
        VARIADIC
    }
}
