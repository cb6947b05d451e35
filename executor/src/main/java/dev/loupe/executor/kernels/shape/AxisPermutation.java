package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.simd.Parallel;
import dev.loupe.executor.simd.Transposition;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;

/// A tensor's elements copied into a new axis order, by blocks rather than one index per element.
///
/// The permutation is first reduced: size-1 axes are dropped and output axes that are adjacent in the input
/// too are merged, so `[1, 128, 8, 64]` with `perm = [0, 2, 1, 3]` becomes a `[128, 8] → [8, 128]` swap of
/// 64-element blocks. When the last output axis is contiguous in the input the copy moves whole blocks
/// ([System#arraycopy], any element type); otherwise float tensors swap the input's contiguous axis with the
/// output's by [Transposition] (vector-wide square tiles, so both sides are read and written along cache
/// lines), and other types take [Elements#permute].
final class AxisPermutation {

    private AxisPermutation() {
    }

    /// `x` with output axis `i` taken from input axis `perm[i]`, in storage from `context` (every element
    /// is written).
    static Tensor apply(Tensor x, int[] perm, KernelContext context) {
        var shape = x.shape();
        var inStrides = Shapes.strides(shape);
        var outShape = new long[perm.length];
        var dims = new int[perm.length];
        var strides = new int[perm.length];
        int r = 0;
        for (int i = 0; i < perm.length; i++) {
            outShape[i] = shape[perm[i]];
            if (shape[perm[i]] == 1) {
                continue;
            }
            int d = (int) shape[perm[i]];
            int s = (int) inStrides[perm[i]];
            if (r > 0 && strides[r - 1] == (long) s * d) {
                dims[r - 1] *= d;
                strides[r - 1] = s;
            } else {
                dims[r] = d;
                strides[r] = s;
                r++;
            }
        }
        dims = Arrays.copyOf(dims, r);
        strides = Arrays.copyOf(strides, r);
        if (x.type().kind() == ElementType.Kind.COMPLEX || (r > 1 && strides[r - 1] != 1 && x.type() != ElementType.FLOAT)) {
            return Elements.permute(x, perm);
        }
        var out = context.output(x.type(), outShape);
        if (x.size() == 0) {
            return out;
        }
        if (r <= 1) {
            System.arraycopy(x.data(), 0, out.data(), 0, x.size());
        } else if (strides[r - 1] == 1) {
            copyBlocks(x.data(), out.data(), dims, strides, context.threads());
        } else {
            transposeTiles(x.floats(), out.floats(), dims, strides, context.threads());
        }
        return out;
    }

    /// Output axes `0 .. r-2` by an odometer, each step one block of `dims[r-1]` contiguous elements; runs of
    /// blocks in pieces on up to `threads` threads when there are enough elements.
    private static void copyBlocks(Object src, Object dst, int[] dims, int[] strides, int threads) {
        int r = dims.length;
        int block = dims[r - 1];
        Parallel.forRows(size(dims) / block, block, threads, (first, end) -> {
            var index = new int[r - 1];
            int in = position(index, dims, strides, first);
            for (int b = first, out = first * block; b < end; b++, out += block) {
                System.arraycopy(src, in, dst, out, block);
                in = advance(index, dims, strides, in, r - 2);
            }
        });
    }

    /// The output's last axis (`b`, strided in the input) against the output axis `q` that is contiguous in
    /// the input (`a`): tiles of `a x b` per position of the other axes (runs of positions in pieces on up to
    /// `threads` threads when there are enough elements).
    private static void transposeTiles(float[] src, float[] dst, int[] dims, int[] strides, int threads) {
        int r = dims.length;
        int q = 0;
        while (strides[q] != 1) {
            q++;
        }
        var outStrides = new int[r];
        outStrides[r - 1] = 1;
        for (int i = r - 2; i >= 0; i--) {
            outStrides[i] = outStrides[i + 1] * dims[i + 1];
        }
        int na = dims[q];
        int nb = dims[r - 1];
        int sb = strides[r - 1];
        int oa = outStrides[q];
        // the odometer runs over every axis but q and r - 1, with their sizes set to 1
        var rest = dims.clone();
        rest[q] = 1;
        rest[r - 1] = 1;
        Parallel.forRows(size(rest), na * nb, threads, (first, end) -> {
            var index = new int[r];
            int in = position(index, rest, strides, first);
            int out = 0;
            for (int axis = 0; axis < r; axis++) {
                out += index[axis] * outStrides[axis];
            }
            for (int n = first; n < end; n++) {
                // Output [a][b] from input [b][a]: an nb x na matrix (rows sb apart) transposed.
                Transposition.block(src, in, sb, dst, out, oa, nb, na);
                for (int axis = r - 1; axis >= 0; axis--) {
                    if (++index[axis] < rest[axis]) {
                        in += strides[axis];
                        out += outStrides[axis];
                        break;
                    }
                    in -= (rest[axis] - 1) * strides[axis];
                    out -= (rest[axis] - 1) * outStrides[axis];
                    index[axis] = 0;
                }
            }
        });
    }

    /// Sets the odometer `index` over the first `index.length` axes of `dims` to step `step` (as many steps
    /// from all zeros) and returns the input offset there.
    private static int position(int[] index, int[] dims, int[] strides, int step) {
        int in = 0;
        for (int axis = index.length - 1, rest = step; axis >= 0; axis--) {
            index[axis] = rest % dims[axis];
            rest /= dims[axis];
            in += index[axis] * strides[axis];
        }
        return in;
    }

    /// Steps the odometer over axes `0 .. last` and returns the new input offset.
    private static int advance(int[] index, int[] dims, int[] strides, int in, int last) {
        for (int axis = last; axis >= 0; axis--) {
            if (++index[axis] < dims[axis]) {
                return in + strides[axis];
            }
            in -= (dims[axis] - 1) * strides[axis];
            index[axis] = 0;
        }
        return in;
    }

    private static int size(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }
}
