package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.AllocationGuard;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorSizeException;
import dev.loupe.model.ElementType;

import java.util.Arrays;
import java.util.Set;

/// Reading a kernel's inputs: required and optional tensors, integer lists and scalars, with errors that name
/// the input and the type it should have. Shared by the kernel families of this module.
public final class Operands {

    /// The floating-point types that neural-network kernels accept.
    public static final Set<ElementType> FLOATS = Set.of(ElementType.FLOAT, ElementType.DOUBLE, ElementType.FLOAT16,
            ElementType.BFLOAT16);

    private Operands() {
    }

    /// Input `i` as a tensor; it must be present.
    public static Tensor tensor(RuntimeValue[] inputs, int i, String name) {
        if (i >= inputs.length || inputs[i] == null) {
            throw new KernelException("input " + i + " (" + name + ") is required but missing");
        }
        if (!(inputs[i] instanceof Tensor t)) {
            throw new KernelException("input " + i + " (" + name + ") must be a tensor, got " + inputs[i].describe());
        }
        return t;
    }

    /// Input `i` as a tensor, or `null` when the slot is absent.
    public static Tensor optional(RuntimeValue[] inputs, int i, String name) {
        return i < inputs.length && inputs[i] != null ? tensor(inputs, i, name) : null;
    }

    /// Input `i` as a tensor of one of `types`.
    public static Tensor tensor(RuntimeValue[] inputs, int i, String name, Set<ElementType> types) {
        var t = tensor(inputs, i, name);
        requireType(t, name, types);
        return t;
    }

    /// Fails unless `t` has one of `types`.
    public static void requireType(Tensor t, String name, Set<ElementType> types) {
        if (!types.contains(t.type())) {
            throw new KernelException(name + " must be a tensor of " + typeList(types) + ", got " + t.describe());
        }
    }

    /// Fails unless `t` has rank `rank`.
    public static void requireRank(Tensor t, String name, int rank) {
        if (t.rank() != rank) {
            throw new KernelException(name + " must have rank " + rank + ", got " + t.describe());
        }
    }

    /// The values of an int32 or int64 tensor (of any shape) as longs.
    public static long[] longs(Tensor t, String name) {
        return switch (t.type()) {
            case INT64 -> t.longs().clone();
            case INT32 -> Arrays.stream(t.ints()).asLongStream().toArray();
            default -> throw new KernelException(name + " must be a tensor of int32 or int64, got " + t.describe());
        };
    }

    /// The single value of an integer tensor of one element.
    public static long scalarLong(Tensor t, String name) {
        if (t.size() != 1 || !(t.type().isInteger() || t.type() == ElementType.BOOL)) {
            throw new KernelException(name + " must be an integer scalar, got " + t.describe());
        }
        return t.getLong(0);
    }

    /// The single value of a numeric tensor of one element.
    public static double scalarDouble(Tensor t, String name) {
        if (t.size() != 1 || t.type() == ElementType.STRING) {
            throw new KernelException(name + " must be a numeric scalar, got " + t.describe());
        }
        return t.getDouble(0);
    }

    /// Axis values checked against `rank` and made non-negative, refusing duplicates.
    public static int[] axes(long[] axes, int rank, String name) {
        var out = new int[axes.length];
        var seen = new boolean[rank];
        for (int i = 0; i < axes.length; i++) {
            long a = axes[i] < 0 ? axes[i] + rank : axes[i];
            if (a < 0 || a >= rank) {
                throw new KernelException(name + " value " + axes[i] + " is out of range for rank " + rank);
            }
            if (seen[(int) a]) {
                throw new KernelException(name + " " + Arrays.toString(axes) + " repeats axis " + a);
            }
            seen[(int) a] = true;
            out[i] = (int) a;
        }
        return out;
    }

    /// A single axis checked against `rank` and made non-negative.
    public static int axis(long axis, int rank, String name) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new KernelException(name + " " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }

    /// Fails with a [TensorSizeException] when a result of `type` and `shape` would break the size limits (the
    /// Java array limit and the session's per-tensor byte cap, see [AllocationGuard]). Kernels whose output can
    /// be far larger than their inputs call this before building it.
    public static void checkOutputSize(ElementType type, long[] shape) {
        long bytes = (long) Shapes.checkedSize(shape) * Math.max(1, type.bitWidth() / 8);
        if (bytes > AllocationGuard.currentLimit()) {
            throw new TensorSizeException("a " + type.onnxName() + Arrays.toString(shape) + " tensor needs " + bytes
                    + " bytes, over the limit of " + AllocationGuard.currentLimit() + " bytes per tensor");
        }
    }

    /// Converts a shape to `int` dimensions (each tensor has fewer than 2^31 elements).
    public static int[] dims(long[] shape) {
        var out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = Math.toIntExact(shape[i]);
        }
        return out;
    }

    private static String typeList(Set<ElementType> types) {
        return types.stream().map(ElementType::onnxName).sorted().reduce((a, b) -> a + ", " + b).orElse("");
    }
}
