package dev.loupe.model.schema;

/// How many inputs (or outputs) an operator takes: from `min` to `max` inclusive, where `max` is
/// [#UNBOUNDED] when the last formal parameter is variadic.
public record Arity(int min, int max) {

    /// The `max` of an arity without an upper bound.
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    public Arity {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("invalid arity " + min + ".." + max);
        }
    }

    public boolean isUnbounded() {
        return max == UNBOUNDED;
    }

    /// Whether a node may have `count` inputs (or outputs).
    public boolean allows(int count) {
        return count >= min && count <= max;
    }

    @Override
    public String toString() {
        return min == max ? Integer.toString(min) : min + ".." + (isUnbounded() ? "∞" : Integer.toString(max));
    }
}
