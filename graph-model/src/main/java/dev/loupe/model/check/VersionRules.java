package dev.loupe.model.check;

import dev.loupe.model.OpsetId;
import java.util.OptionalLong;

/// Facts from the ONNX versioning document: which IR versions exist and which IR version each released
/// operator set version first shipped with.
final class VersionRules {

    /// The newest IR version Loupe reads (ONNX 1.18).
    static final long MAX_IR_VERSION = 11;
    /// The first IR version whose models import operator sets (`opset_import`).
    static final long FIRST_IR_WITH_OPSET_IMPORT = 3;
    /// Up to this IR version every initializer must also be a graph input.
    static final long LAST_IR_WITH_INITIALIZERS_AS_INPUTS = 3;

    /// For `ai.onnx`: index i holds the IR version that opset i first shipped with (index 0 unused).
    private static final long[] ONNX = {0, 3, 3, 3, 3, 3, 3, 3, 3, 4, 5, 6, 7, 7, 7, 8, 8, 8, 8, 9, 9, 10, 10, 11};
    /// For `ai.onnx.ml`, likewise.
    private static final long[] ONNX_ML = {0, 3, 6, 8, 9, 10, 11};
    /// For `ai.onnx.preview.training`, likewise.
    private static final long[] TRAINING = {0, 7};

    private VersionRules() {
    }

    /// The lowest IR version a model importing `domain` at `version` must declare; empty for custom domains
    /// and for versions newer than this table.
    static OptionalLong minIrVersion(String domain, long version) {
        var table = table(domain);
        if (table == null || version < 1 || version >= table.length) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(table[(int) version]);
    }

    /// The newest version of a standard domain this table knows; -1 for custom domains.
    static long newestKnownVersion(String domain) {
        var table = table(domain);
        return table == null ? -1 : table.length - 1;
    }

    /// Whether `domain` is one of the domains ONNX itself defines.
    static boolean isStandardDomain(String domain) {
        return table(domain) != null;
    }

    private static long[] table(String domain) {
        return switch (OpsetId.canonicalDomain(domain)) {
            case OpsetId.ONNX -> ONNX;
            case OpsetId.ONNX_ML -> ONNX_ML;
            case OpsetId.TRAINING -> TRAINING;
            default -> null;
        };
    }
}
