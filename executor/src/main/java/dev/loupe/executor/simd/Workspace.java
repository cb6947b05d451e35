package dev.loupe.executor.simd;

/// Per-thread scratch arrays for packing and partial tiles. They grow to the largest request seen and are
/// then reused, so steady-state calls allocate nothing. Only the owning thread asks for arrays; the
/// Winograd buffers it hands to the parts of a call it waits for.
final class Workspace {

    private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);

    private float[] packedA = new float[0];
    private float[] packedB = new float[0];
    private float[] columns = new float[0];
    private float[] winogradColumns = new float[0];
    private float[] winogradProducts = new float[0];
    private float[] winogradScratch = new float[0];
    private float[] edge = new float[0];
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

    /// Room for the transformed inputs of a [Winograd] call (its 16 packed right operands), which the call's
    /// parts on other threads write while the owner waits for them.
    float[] winogradColumns(int size) {
        if (winogradColumns.length < size) {
            winogradColumns = new float[size];
        }
        return winogradColumns;
    }

    /// Room for the 16 products of a [Winograd] call, shared with its parts like [#winogradColumns].
    float[] winogradProducts(int size) {
        if (winogradProducts.length < size) {
            winogradProducts = new float[size];
        }
        return winogradProducts;
    }

    /// Room for one thread's input planes and staging rows in a [Winograd] input transform.
    float[] winogradScratch(int size) {
        if (winogradScratch.length < size) {
            winogradScratch = new float[size];
        }
        return winogradScratch;
    }

    /// Room for the last, partial column panel of a product, computed whole ([GemmDriver]).
    float[] edge(int size) {
        if (edge.length < size) {
            edge = new float[size];
        }
        return edge;
    }

    /// A `MR x NR` scratch tile (a panel of window inputs, the last vectors of a row).
    float[] tile() {
        return tile;
    }
}
