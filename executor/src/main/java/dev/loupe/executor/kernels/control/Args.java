package dev.loupe.executor.kernels.control;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.SequenceValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// Access to a node's inputs with messages that name the operator, the input and the expected kind.
final class Args {

    private Args() {
    }

    static Tensor tensor(String op, RuntimeValue[] inputs, int i, String name) {
        var v = i < inputs.length ? inputs[i] : null;
        if (v instanceof Tensor t) {
            return t;
        }
        throw new KernelException(op + " input " + i + " (" + name + ") must be a tensor but is "
                + (v == null ? "missing" : v.describe()));
    }

    static Tensor optionalTensor(String op, RuntimeValue[] inputs, int i, String name) {
        return i < inputs.length && inputs[i] != null ? tensor(op, inputs, i, name) : null;
    }

    static SequenceValue sequence(String op, RuntimeValue[] inputs, int i, String name) {
        var v = i < inputs.length ? inputs[i] : null;
        if (v instanceof SequenceValue s) {
            return s;
        }
        throw new KernelException(op + " input " + i + " (" + name + ") must be a sequence but is "
                + (v == null ? "missing" : v.describe()));
    }

    /// The single integer of a scalar (or one-element) int32/int64 tensor.
    static long scalarLong(String op, Tensor t, String name) {
        if (t.size() != 1 || (t.type() != ElementType.INT64 && t.type() != ElementType.INT32)) {
            throw new KernelException(op + " input " + name + " must be one int32 or int64 value but is " + t.describe());
        }
        return t.getLong(0);
    }

    /// The single value of a scalar (or one-element) bool tensor.
    static boolean scalarBool(String op, Tensor t, String name) {
        if (t.size() != 1 || t.type() != ElementType.BOOL) {
            throw new KernelException(op + " input " + name + " must be one bool value but is " + t.describe());
        }
        return t.bytes()[0] != 0;
    }

    /// A sequence position, negative counting from the end, checked to lie in `[0, size)` (or `[0, size]`
    /// when `inclusiveEnd`, for insertion).
    static int position(String op, long position, int size, boolean inclusiveEnd) {
        long p = position < 0 ? position + size : position;
        if (p < 0 || p > size || (p == size && !inclusiveEnd)) {
            throw new KernelException(op + " position " + position + " is out of range for a sequence of " + size);
        }
        return (int) p;
    }

    static Tensor boolScalar(boolean v) {
        return Tensor.of(ElementType.BOOL, new long[0], new byte[] {(byte) (v ? 1 : 0)});
    }
}
