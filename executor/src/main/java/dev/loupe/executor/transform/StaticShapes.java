package dev.loupe.executor.transform;

import dev.loupe.model.Node;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import java.util.Arrays;

/// `Shape` and `Size` of a tensor whose shape inference found every dimension: known without running
/// anything, even though the tensor itself is not constant. This is what lets `Shape → Gather → Concat`
/// chains fold once the input shapes are pinned.
final class StaticShapes {

    private StaticShapes() {
    }

    /// The value of `node` (a standard `Shape` or `Size`) when its input's shape is fully known, else `null`.
    static TensorData evaluate(Node node) {
        if (!node.canonicalDomain().isEmpty() || node.input(0) == null
                || !(node.input(0).bestType() instanceof TypeInfo.TensorType t) || t.shape() == null
                || !t.shape().isFullyKnown()) {
            return null;
        }
        var dims = t.shape().sizes();
        var name = node.output(0).name();
        return switch (node.opType()) {
            case "Shape" -> {
                int rank = dims.length;
                int start = clamp(node.intAttr("start", 0), rank);
                int end = clamp(node.intAttr("end", rank), rank);
                var slice = Arrays.copyOfRange(dims, start, Math.max(start, end));
                yield TensorData.ofLongs(name, new long[] {slice.length}, slice);
            }
            case "Size" -> TensorData.ofLongs(name, new long[0], Arrays.stream(dims).reduce(1, Math::multiplyExact));
            default -> null;
        };
    }

    private static int clamp(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        return (int) Math.max(0, Math.min(rank, a));
    }
}
