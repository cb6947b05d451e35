package dev.loupe.app.inspect;

import dev.loupe.app.diagram.ValueText;
import dev.loupe.model.ElementType;
import dev.loupe.model.TensorData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/// The tensor viewer's state: the tensor's name, type and shape, its statistics and histogram, and the 2-D
/// slice shown in the value table: the last two axes, at the indexes chosen for the leading axes.
///
/// The values are read once, widened to `float`. Statistics are computed when the view model is made:
/// build it off the FX thread for large tensors.
public final class TensorViewModel {

    /// Bins of the histogram.
    public static final int BINS = 40;

    private final TensorData tensor;
    private final float[] values;
    private final TensorStatistics statistics;
    private final long[] histogram;
    private final long[] dims;
    private final List<IntegerProperty> leadingIndexes = new ArrayList<>();
    private final IntegerProperty sliceVersion = new SimpleIntegerProperty(this, "sliceVersion");

    /// @throws UnsupportedOperationException for string tensors and tensors too large to copy
    public TensorViewModel(TensorData tensor) {
        if (tensor.elementType() == ElementType.STRING) {
            throw new UnsupportedOperationException("tensor '" + tensor.name() + "' holds strings");
        }
        this.tensor = tensor;
        this.values = tensor.toFloatArray();
        this.statistics = TensorStatistics.of(values);
        this.histogram = statistics.histogram(values, BINS);
        this.dims = tensor.dims();
        for (int i = 0; i + 2 < dims.length; i++) {
            var p = new SimpleIntegerProperty(this, "index" + i, 0);
            p.addListener((o, a, b) -> sliceVersion.set(sliceVersion.get() + 1));
            leadingIndexes.add(p);
        }
    }

    public TensorData tensor() {
        return tensor;
    }

    public String name() {
        return tensor.name() == null || tensor.name().isEmpty() ? "(unnamed tensor)" : tensor.name();
    }

    public String typeText() {
        return tensor.elementType().onnxName() + "  " + ValueText.shape(tensor.shape()) + "  ("
                + String.format(Locale.ROOT, "%,d", tensor.elementCount()) + " elements)";
    }

    public TensorStatistics statistics() {
        return statistics;
    }

    /// Counts per bin of [#BINS] equal bins between the minimum and maximum.
    public long[] histogram() {
        return histogram.clone();
    }

    /// The lower edge of histogram bin `b`.
    public double binStart(int b) {
        return statistics.min() + (statistics.max() - statistics.min()) * b / BINS;
    }

    /// The chosen index of each axis before the last two (empty for rank 2 or less).
    public List<IntegerProperty> leadingIndexes() {
        return leadingIndexes;
    }

    /// The size of leading axis `axis`.
    public int axisSize(int axis) {
        return (int) dims[axis];
    }

    /// Changes whenever the slice moves, for views to refresh.
    public IntegerProperty sliceVersionProperty() {
        return sliceVersion;
    }

    /// Rows of the 2-D slice: the second-to-last axis (1 for rank 0 or 1).
    public int rows() {
        return dims.length >= 2 ? (int) dims[dims.length - 2] : 1;
    }

    /// Columns of the 2-D slice: the last axis (1 for a scalar).
    public int columns() {
        return dims.length >= 1 ? (int) dims[dims.length - 1] : 1;
    }

    /// The value at row `r`, column `c` of the current slice.
    public float value(int r, int c) {
        long base = 0;
        long stride = (long) rows() * columns();
        for (int i = leadingIndexes.size() - 1; i >= 0; i--) {
            base += leadingIndexes.get(i).get() * stride;
            stride *= dims[i];
        }
        return values[(int) (base + (long) r * columns() + c)];
    }

    /// The current 2-D slice as grey levels (minimum black, maximum white; NaN red), one ARGB pixel per
    /// value, row by row: `rows() × columns()` pixels.
    public int[] sliceImage() {
        int rows = rows();
        int cols = columns();
        var out = new int[rows * cols];
        double lo = statistics.min();
        double span = statistics.max() - lo;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = value(r, c);
                int argb;
                if (Float.isNaN(v)) {
                    argb = 0xFFFF0000;
                } else {
                    int g = span > 0 ? (int) Math.round(Math.clamp((v - lo) / span, 0, 1) * 255) : 128;
                    argb = 0xFF000000 | g << 16 | g << 8 | g;
                }
                out[r * cols + c] = argb;
            }
        }
        return out;
    }

    /// Statistics as label/value pairs for the header.
    public List<String[]> statisticRows() {
        var s = statistics;
        return List.of(
                new String[] {"min", ValueText.number(s.min())},
                new String[] {"max", ValueText.number(s.max())},
                new String[] {"mean", ValueText.number(s.mean())},
                new String[] {"std", ValueText.number(s.std())},
                new String[] {"zeros", String.format(Locale.ROOT, "%,d", s.zeros())},
                new String[] {"NaN", String.format(Locale.ROOT, "%,d", s.nan())},
                new String[] {"+Inf / −Inf", s.posInf() + " / " + s.negInf()});
    }

    /// Saves the tensor as a NumPy `.npy` file.
    public void saveNpy(Path out) throws IOException {
        NpyWriter.write(tensor, out);
    }
}
