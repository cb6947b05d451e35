package dev.loupe.executor.simd;

/// Per-thread scratch arrays for packing and partial tiles. They grow to the largest request seen and are
/// then reused, so steady-state calls allocate nothing. Only the owning thread asks for arrays; the
/// Winograd buffers it hands to the parts of a call it waits for.
final class Workspace {

    private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);

    /// The growing arrays, one of each per thread.
    private enum Use { PACKED_A, PACKED_B, COLUMNS, WINOGRAD_COLUMNS, WINOGRAD_PRODUCTS, WINOGRAD_SCRATCH, EDGE, TRANSPOSED_OUTPUT, TRANSPOSE_ROUNDS, EXPANDED }

    private final float[][] arrays = new float[Use.values().length][0];
    private final float[] tile = new float[MicroKernels.MR * MicroKernels.NR];

    private Workspace() {
    }

    static Workspace current() {
        return LOCAL.get();
    }

    /// Room for a packed left operand.
    float[] packedA(int size) {
        return atLeast(Use.PACKED_A, size);
    }

    /// Room for a packed block of the right operand.
    float[] packedB(int size) {
        return atLeast(Use.PACKED_B, size);
    }

    /// Room for im2col columns (already in packed panel layout).
    float[] columns(int size) {
        return atLeast(Use.COLUMNS, size);
    }

    /// Room for the transformed inputs of a [Winograd] call (its packed right operands, one per product), which
    /// the call's parts on other threads write while the owner waits for them.
    float[] winogradColumns(int size) {
        return atLeast(Use.WINOGRAD_COLUMNS, size);
    }

    /// Room for one thread's products in a [Winograd] call (a chunk of output channels, all elements).
    float[] winogradProducts(int size) {
        return atLeast(Use.WINOGRAD_PRODUCTS, size);
    }

    /// Room for one thread's input phases and staging rows in a [Winograd] input transform, or its output
    /// transform's work area.
    float[] winogradScratch(int size) {
        return atLeast(Use.WINOGRAD_SCRATCH, size);
    }

    /// Room for one thread's planes of a chunk of expanded channels ([ExpandedDepthwise]).
    float[] expanded(int size) {
        return atLeast(Use.EXPANDED, size);
    }

    /// Room for the last, partial column panel of a product, computed whole ([GemmDriver]).
    float[] edge(int size) {
        return atLeast(Use.EDGE, size);
    }

    /// Room for the interleaving rounds of a [Transposition] tile.
    float[] transposeRounds(int size) {
        return atLeast(Use.TRANSPOSE_ROUNDS, size);
    }

    /// Room for a chunk of the transposed output of a [NarrowConvolution] (positions by output channels).
    float[] transposedOutput(int size) {
        return atLeast(Use.TRANSPOSED_OUTPUT, size);
    }

    /// A `MR x NR` scratch tile (a panel of window inputs, the last vectors of a row).
    float[] tile() {
        return tile;
    }

    /// The array for `use`, replaced by a larger one when shorter than `size` (its contents are then lost).
    private float[] atLeast(Use use, int size) {
        int i = use.ordinal();
        if (arrays[i].length < size) {
            arrays[i] = new float[size];
        }
        return arrays[i];
    }
}
