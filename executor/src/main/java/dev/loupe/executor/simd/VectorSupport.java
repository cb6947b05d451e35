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

    private VectorSupport() {
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
