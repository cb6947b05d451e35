package dev.loupe.executor.simd;

/// Per-thread scratch arrays for packing and partial tiles. They grow to the largest request seen and are
/// then reused, so steady-state calls allocate nothing. Only the owning thread touches its workspace.
final class Workspace {

    private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);

    private float[] packedA = new float[0];
    private float[] packedB = new float[0];
    private float[] columns = new float[0];
    private final float[] tile = new float[MicroKernels.MR * MicroKernels.NR];

    private Workspace() {
    }

    static Workspace current() {
        return LOCAL.get();
    }

    /// Room for a packed left operand.
    float[] packedA(int size) {
        if (packedA.length < size) {
            packedA = new float[size];
        }
        return packedA;
    }

    /// Room for a packed block of the right operand.
    float[] packedB(int size) {
        if (packedB.length < size) {
            packedB = new float[size];
        }
        return packedB;
    }

    /// Room for im2col columns (already in packed panel layout).
    float[] columns(int size) {
        if (columns.length < size) {
            columns = new float[size];
        }
        return columns;
    }

    /// A `MR x NR` scratch tile for partial tiles.
    float[] tile() {
        return tile;
    }
}
