package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.IndexSort;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;

/// `NonMaxSuppression` (versions 10, 11), float boxes and scores: for each batch and class, greedily selects
/// boxes in order of decreasing score (ties by box index), skipping those whose score is not above
/// `score_threshold` and those whose intersection over union with a selected box exceeds `iou_threshold`,
/// up to `max_output_boxes_per_class` (0, the default, selects none). Boxes are corners `[y1, x1, y2, x2]`
/// in either order, or with `center_point_box = 1` `[x_center, y_center, width, height]`. The result lists
/// `[batch, class, box]` rows as int64, by batch, then class, then selection order.
final class NonMaxSuppressionKernel extends NnKernel {

    private final boolean centerPoint;

    NonMaxSuppressionKernel(NodeSpec node) {
        super("boxes", 3);
        this.centerPoint = node.intAttr("center_point_box", 0) != 0;
    }

    @Override
    RuntimeValue[] compute(Tensor boxesTensor, RuntimeValue[] inputs, KernelContext context) {
        var scoresTensor = Operands.tensor(inputs, 1, "scores", Operands.FLOATS);
        var maxTensor = Operands.optional(inputs, 2, "max_output_boxes_per_class");
        var iouTensor = Operands.optional(inputs, 3, "iou_threshold");
        var scoreTensor = Operands.optional(inputs, 4, "score_threshold");
        int batches = (int) boxesTensor.dim(0);
        int count = (int) boxesTensor.dim(1);
        if (boxesTensor.rank() != 3 || boxesTensor.dim(2) != 4 || scoresTensor.rank() != 3
                || scoresTensor.dim(0) != batches || scoresTensor.dim(2) != count) {
            throw new KernelException("boxes must be [batches, boxes, 4] and scores [batches, classes, boxes], got "
                    + boxesTensor.describe() + " and " + scoresTensor.describe());
        }
        int classes = (int) scoresTensor.dim(1);
        long maxPerClass = maxTensor == null || maxTensor.size() == 0 ? 0 : Operands.scalarLong(maxTensor, "max_output_boxes_per_class");
        double iouThreshold = iouTensor == null || iouTensor.size() == 0 ? 0 : Operands.scalarDouble(iouTensor, "iou_threshold");
        boolean filterScores = scoreTensor != null && scoreTensor.size() > 0;
        double scoreThreshold = filterScores ? Operands.scalarDouble(scoreTensor, "score_threshold") : 0;
        var corners = corners(Numbers.toDoubles(boxesTensor), batches * count);
        var scores = Numbers.toDoubles(scoresTensor);
        var selected = new ArrayList<long[]>();
        var picked = new int[count];
        for (int b = 0; b < batches; b++) {
            for (int cl = 0; cl < classes; cl++) {
                int scoreBase = (b * classes + cl) * count;
                int candidates = 0;
                var order = new int[count];
                for (int i = 0; i < count; i++) {
                    if (!filterScores || scores[scoreBase + i] > scoreThreshold) {
                        order[candidates++] = i;
                    }
                }
                order = Arrays.copyOf(order, candidates);
                IndexSort.sort(order, (p, q) -> Double.compare(scores[scoreBase + q], scores[scoreBase + p]));
                int kept = 0;
                for (int r = 0; r < candidates && kept < maxPerClass; r++) {
                    int box = b * count + order[r];
                    boolean suppressed = false;
                    for (int s = 0; s < kept && !suppressed; s++) {
                        suppressed = iou(corners, box, b * count + picked[s]) > iouThreshold;
                    }
                    if (!suppressed) {
                        picked[kept++] = order[r];
                        selected.add(new long[] {b, cl, order[r]});
                    }
                }
            }
        }
        var out = new long[selected.size() * 3];
        for (int i = 0; i < selected.size(); i++) {
            System.arraycopy(selected.get(i), 0, out, i * 3, 3);
        }
        return new RuntimeValue[] {Tensor.ofLongs(new long[] {selected.size(), 3}, out)};
    }

    /// Each box as `[ymin, xmin, ymax, xmax]`.
    private double[] corners(double[] boxes, int n) {
        var out = new double[n * 4];
        for (int i = 0; i < n; i++) {
            double a = boxes[i * 4];
            double b = boxes[i * 4 + 1];
            double c = boxes[i * 4 + 2];
            double d = boxes[i * 4 + 3];
            if (centerPoint) {
                out[i * 4] = b - d / 2;
                out[i * 4 + 1] = a - c / 2;
                out[i * 4 + 2] = b + d / 2;
                out[i * 4 + 3] = a + c / 2;
            } else {
                out[i * 4] = Math.min(a, c);
                out[i * 4 + 1] = Math.min(b, d);
                out[i * 4 + 2] = Math.max(a, c);
                out[i * 4 + 3] = Math.max(b, d);
            }
        }
        return out;
    }

    private static double iou(double[] c, int p, int q) {
        double ih = Math.min(c[p * 4 + 2], c[q * 4 + 2]) - Math.max(c[p * 4], c[q * 4]);
        double iw = Math.min(c[p * 4 + 3], c[q * 4 + 3]) - Math.max(c[p * 4 + 1], c[q * 4 + 1]);
        if (ih <= 0 || iw <= 0) {
            return 0;
        }
        double inter = ih * iw;
        double areaP = (c[p * 4 + 2] - c[p * 4]) * (c[p * 4 + 3] - c[p * 4 + 1]);
        double areaQ = (c[q * 4 + 2] - c[q * 4]) * (c[q * 4 + 3] - c[q * 4 + 1]);
        double union = areaP + areaQ - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
