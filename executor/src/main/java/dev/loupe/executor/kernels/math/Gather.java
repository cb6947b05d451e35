package dev.loupe.executor.kernels.math;

/// Rearranges a row-major array so that, for a set of axes, the elements sharing every other index lie
/// next to each other: the result holds one contiguous run per position of the kept axes (in row-major
/// order of the kept axes), each run in row-major order of the gathered axes.
final class Gather {

    private Gather() {
    }

    static double[] runs(double[] x, long[] shape, boolean[] gathered) {
        if (alreadyGathered(gathered)) {
            return x;
        }
        var dst = destinationStrides(shape, gathered);
        var out = new double[x.length];
        var idx = new int[shape.length];
        int o = 0;
        for (int i = 0; i < x.length; i++) {
            out[o] = x[i];
            o = advance(idx, shape, dst, o);
        }
        return out;
    }

    static long[] runs(long[] x, long[] shape, boolean[] gathered) {
        if (alreadyGathered(gathered)) {
            return x;
        }
        var dst = destinationStrides(shape, gathered);
        var out = new long[x.length];
        var idx = new int[shape.length];
        int o = 0;
        for (int i = 0; i < x.length; i++) {
            out[o] = x[i];
            o = advance(idx, shape, dst, o);
        }
        return out;
    }

    /// True when the gathered axes are the trailing ones, so runs are already contiguous.
    private static boolean alreadyGathered(boolean[] gathered) {
        boolean seen = false;
        for (boolean g : gathered) {
            if (seen && !g) {
                return false;
            }
            seen |= g;
        }
        return true;
    }

    /// Where one step along each input axis moves in the output.
    private static int[] destinationStrides(long[] shape, boolean[] gathered) {
        int rank = shape.length;
        var dst = new int[rank];
        int runLength = 1;
        for (int d = rank - 1; d >= 0; d--) {
            if (gathered[d]) {
                dst[d] = runLength;
                runLength *= (int) shape[d];
            }
        }
        int keptStride = runLength;
        for (int d = rank - 1; d >= 0; d--) {
            if (!gathered[d]) {
                dst[d] = keptStride;
                keptStride *= (int) shape[d];
            }
        }
        return dst;
    }

    /// Steps the row-major index `idx` by one and returns the new output position.
    private static int advance(int[] idx, long[] shape, int[] dst, int o) {
        for (int d = idx.length - 1; d >= 0; d--) {
            o += dst[d];
            if (++idx[d] < shape[d]) {
                return o;
            }
            o -= dst[d] * (int) shape[d];
            idx[d] = 0;
        }
        return o;
    }
}
