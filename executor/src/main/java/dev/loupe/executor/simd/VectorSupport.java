package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/// The float vector shape this JVM's SIMD kernels use: the preferred species (16 lanes with AVX-512, 8 with
/// AVX2), chosen once. Kernels fall back to scalar loops when it has fewer than four lanes or when the
/// system property `loupe.simd` is `false`.
public final class VectorSupport {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    static final boolean ENABLED = LANES >= 4 && !"false".equalsIgnoreCase(System.getProperty("loupe.simd"));
    /// Interleaves the first halves of two vectors (`a0 b0 a1 b1 ...`), and their second halves.
    static final VectorShuffle<Float> ZIP_LOW = VectorShuffle.fromOp(SPECIES, i -> i % 2 == 0 ? i / 2 : LANES + i / 2);
    static final VectorShuffle<Float> ZIP_HIGH = VectorShuffle.fromOp(SPECIES,
            i -> i % 2 == 0 ? LANES / 2 + i / 2 : LANES + LANES / 2 + i / 2);
    /// The even lanes of two vectors one after the other (`a0 a2 ... b0 b2 ...`), and their odd lanes.
    static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(SPECIES, i -> 2 * i);
    static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(SPECIES, i -> 2 * i + 1);

    private VectorSupport() {
    }

    /// Bit `j` set for the lanes `j` of a vector from column `c0` of a row that fall inside the row's `width`
    /// columns, for a masked load ([jdk.incubator.vector.VectorMask#fromLong]). (Masks are made from bits:
    /// `VectorSpecies.indexInRange` with a negative offset is not compiled to vector code and allocates.)
    static long laneBits(int c0, int width) {
        int first = Math.max(0, -c0);
        int end = Math.min(LANES, width - c0);
        return end <= first ? 0L : ((1L << end) - 1) & (-1L << first);
    }

    /// Whether the vector kernels run (otherwise every entry point of this package takes its scalar path).
    public static boolean enabled() {
        return ENABLED;
    }

    /// Float lanes per vector.
    public static int lanes() {
        return LANES;
    }

    /// For reports, e.g. `"Species[float, 16, S_512_BIT] (vector kernels on)"`.
    public static String describe() {
        return SPECIES + (ENABLED ? " (vector kernels on)" : " (scalar fallback)");
    }
}
