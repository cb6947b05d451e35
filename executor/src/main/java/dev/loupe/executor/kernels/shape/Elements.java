package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// Type-independent movement of tensor elements: every data-movement kernel describes its output as a list of
/// source positions and lets this class copy, whatever the storage array is. One `switch` on the array class
/// per call, then a flat loop.
public final class Elements {

    private Elements() {
    }

    /// Array slots per element: 2 for the complex types (interleaved), else 1.
    public static int width(ElementType type) {
        return type == ElementType.COMPLEX64 || type == ElementType.COMPLEX128 ? 2 : 1;
    }

    /// A tensor of `t`'s type and the given shape whose element `i` is `t`'s element `index[i]`.
    public static Tensor take(Tensor t, long[] shape, int[] index) {
        Operands.checkOutputSize(t.type(), shape);
        return Tensor.of(t.type(), shape, gather(t.data(), widen(index, width(t.type())), null));
    }

    /// Like [#take], with `-1` in `index` meaning the value of `fill` (a one-element tensor of the same type) or
    /// zero (empty string) when `fill` is `null`.
    public static Tensor takeOrFill(Tensor t, long[] shape, int[] index, Tensor fill) {
        Operands.checkOutputSize(t.type(), shape);
        int w = width(t.type());
        Object fillData = fill == null ? Tensor.allocate(t.type()).data() : fill.data();
        return Tensor.of(t.type(), shape, gather(t.data(), widen(index, w), fillData));
    }

    /// The source positions of an affine view in the row-major order of `shape`: element `c` (a coordinate
    /// vector) comes from `offset + sum(c[d] * strides[d])`. A stride of 0 repeats (broadcasts) a dimension.
    public static int[] strided(long[] shape, long[] strides, long offset) {
        int n = Shapes.checkedSize(shape);
        var out = new int[n];
        int rank = shape.length;
        if (n == 0) {
            return out;
        }
        if (rank == 0) {
            out[0] = (int) offset;
            return out;
        }
        var coord = new long[rank];
        long inner = shape[rank - 1];
        long innerStride = strides[rank - 1];
        long base = offset;
        for (int i = 0; i < n; ) {
            long p = base;
            for (long k = 0; k < inner; k++, p += innerStride) {
                out[i++] = (int) p;
            }
            for (int d = rank - 2; d >= 0; d--) {
                coord[d]++;
                base += strides[d];
                if (coord[d] < shape[d]) {
                    break;
                }
                base -= coord[d] * strides[d];
                coord[d] = 0;
            }
        }
        return out;
    }

    /// The source positions of a gather in which every output axis maps on its own: output coordinate `c` on
    /// axis `d` reads source coordinate `maps[d][c]`, where `-1` means "no source" and makes the whole
    /// position `-1` (to be filled). `srcStrides` are the source's row-major strides.
    public static int[] mapped(long[] outShape, int[][] maps, long[] srcStrides) {
        int n = Shapes.checkedSize(outShape);
        var out = new int[n];
        int rank = outShape.length;
        if (n == 0) {
            return out;
        }
        if (rank == 0) {
            return out;
        }
        var coord = new int[rank];
        int[] last = maps[rank - 1];
        long lastStride = srcStrides[rank - 1];
        for (int i = 0; i < n; ) {
            long base = 0;
            for (int d = 0; d < rank - 1 && base >= 0; d++) {
                int m = maps[d][coord[d]];
                base = m < 0 ? -1 : base + m * srcStrides[d];
            }
            for (int m : last) {
                out[i++] = base < 0 || m < 0 ? -1 : (int) (base + m * lastStride);
            }
            for (int d = rank - 2; d >= 0; d--) {
                if (++coord[d] < outShape[d]) {
                    break;
                }
                coord[d] = 0;
            }
        }
        return out;
    }

    /// Writes `src`'s elements into `dst` (a fresh storage array of the same class) at the positions
    /// `target[i]` (in elements), in order, so a later write to the same position wins.
    public static void scatter(Object dst, int[] target, Object src, int width) {
        for (int i = 0; i < target.length; i++) {
            System.arraycopy(src, i * width, dst, target[i] * width, width);
        }
    }

    /// `t` with its axes permuted: output axis `i` is input axis `perm[i]`.
    public static Tensor permute(Tensor t, int[] perm) {
        var shape = t.shape();
        var strides = Shapes.strides(shape);
        var outShape = new long[perm.length];
        var outStrides = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            outShape[i] = shape[perm[i]];
            outStrides[i] = strides[perm[i]];
        }
        return take(t, outShape, strided(outShape, outStrides, 0));
    }

    /// A copy of `t`'s storage (a fresh array of the same class).
    public static Object copy(Tensor t) {
        return switch (t.data()) {
            case float[] a -> a.clone();
            case double[] a -> a.clone();
            case long[] a -> a.clone();
            case int[] a -> a.clone();
            case short[] a -> a.clone();
            case byte[] a -> a.clone();
            case String[] a -> a.clone();
            default -> throw new IllegalStateException("unexpected storage for " + t.describe());
        };
    }

    private static int[] widen(int[] index, int width) {
        if (width == 1) {
            return index;
        }
        var out = new int[index.length * width];
        for (int i = 0; i < index.length; i++) {
            for (int k = 0; k < width; k++) {
                out[i * width + k] = index[i] < 0 ? -1 : index[i] * width + k;
            }
        }
        return out;
    }

    /// `out[i] = src[index[i]]`, or `fill[i % fill.length]` where `index[i]` is negative.
    private static Object gather(Object src, int[] index, Object fill) {
        int n = index.length;
        return switch (src) {
            case float[] a -> {
                var o = new float[n];
                var f = (float[]) fill;
                for (int i = 0; i < n; i++) {
                    int j = index[i];
                    o[i] = j >= 0 ? a[j] : f[i % f.length];
                }
                yield o;
            }
            case double[] a -> {
                var o = new double[n];
                var f = (double[]) fill;
                for (int i = 0; i < n; i++) {
                    int j = index[i];
                    o[i] = j >= 0 ? a[j] : f[i % f.length];
                }
                yield o;
            }
            case long[] a -> {
                var o = new long[n];
                var f = (long[]) fill;
                for (int i = 0; i < n; i++) {
                    int j = index[i];
                    o[i] = j >= 0 ? a[j] : f[i % f.length];
                }
                yield o;
            }
            case int[] a -> {
                var o = new int[n];
                var f = (int[]) fill;
                for (int i = 0; i < n; i++) {
                    int j = index[i];
                    o[i] = j >= 0 ? a[j] : f[i % f.length];
                }
                yield o;
            }
            case short[] a -> {
                var o = new short[n];
                var f = (short[]) fill;
                for (int i = 0; i < n; i++) {
                    int j = index[i];
                    o[i] = j >= 0 ? a[j] : f[i % f.length];
                }
                yield o;
            }
            case byte[] a -> {
                var o = new byte[n];
                var f = (byte[]) fill;
                for (int i = 0; i < n; i++) {
                    int j = index[i];
                    o[i] = j >= 0 ? a[j] : f[i % f.length];
                }
                yield o;
            }
            case String[] a -> {
                var o = new String[n];
                var f = (String[]) fill;
                for (int i = 0; i < n; i++) {
                    int j = index[i];
                    o[i] = j >= 0 ? a[j] : f[i % f.length];
                }
                yield o;
            }
            default -> throw new IllegalStateException("unexpected storage " + src.getClass().getSimpleName());
        };
    }
}
