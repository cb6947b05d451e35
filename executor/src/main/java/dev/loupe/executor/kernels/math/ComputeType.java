package dev.loupe.executor.kernels.math;

import dev.loupe.model.ElementType;

/// The array type an element type is computed in: narrow floats in `float`, narrow integers in `int`,
/// uint32 in `long` (so that unsigned values stay exact and non-negative), uint64 in `long` with unsigned
/// semantics, bool in `int` (0 or 1).
enum ComputeType {
    FLOAT, DOUBLE, INT, LONG, ULONG, STRING, NONE;

    static ComputeType of(ElementType t) {
        return switch (t) {
            case FLOAT, FLOAT16, BFLOAT16 -> FLOAT;
            case DOUBLE -> DOUBLE;
            case INT8, INT16, INT32, UINT8, UINT16, BOOL -> INT;
            case INT64, UINT32 -> LONG;
            case UINT64 -> ULONG;
            case STRING -> STRING;
            default -> NONE;
        };
    }
}
