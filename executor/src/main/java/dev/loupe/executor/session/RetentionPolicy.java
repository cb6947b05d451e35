package dev.loupe.executor.session;

/// Which intermediate values a run keeps for inspection after the node that made them has moved on.
public sealed interface RetentionPolicy {

    /// Keep every value (small models, or when memory is plentiful).
    record All() implements RetentionPolicy {
    }

    /// Keep nothing beyond what the run itself needs.
    record None() implements RetentionPolicy {
    }

    /// Keep the values of the last `count` node runs.
    record LastN(int count) implements RetentionPolicy {
        public LastN {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative");
            }
        }
    }

    /// Keep the most recent values that fit in `bytes` together (a value larger than the budget is not kept).
    record ByteBudget(long bytes) implements RetentionPolicy {
        public ByteBudget {
            if (bytes < 0) {
                throw new IllegalArgumentException("budget must not be negative");
            }
        }
    }

    static RetentionPolicy all() {
        return new All();
    }

    static RetentionPolicy none() {
        return new None();
    }

    static RetentionPolicy lastN(int count) {
        return new LastN(count);
    }

    static RetentionPolicy byteBudget(long bytes) {
        return new ByteBudget(bytes);
    }
}
