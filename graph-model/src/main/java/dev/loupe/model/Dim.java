package dev.loupe.model;

/// One dimension of a tensor shape: a known size, a named symbol (`batch`, `seq_len`) or unknown.
///
/// Every kind may carry a denotation (`DATA_BATCH`, `DATA_CHANNEL`...), or `null` when the file has none.
public sealed interface Dim {

    String denotation();

    /// A dimension of fixed size.
    record Known(long value, String denotation) implements Dim {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /// A dimension named by a symbol; equal names in one graph mean equal sizes.
    record Symbolic(String name, String denotation) implements Dim {
        @Override
        public String toString() {
            return name;
        }
    }

    /// A dimension whose size is not stated.
    record Unknown(String denotation) implements Dim {
        @Override
        public String toString() {
            return "?";
        }
    }

    static Dim of(long value) {
        return new Known(value, null);
    }

    static Dim symbol(String name) {
        return new Symbolic(name, null);
    }

    static Dim unknown() {
        return new Unknown(null);
    }
}
