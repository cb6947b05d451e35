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
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/// The tensor viewer's state: the tensor's name, type and shape, its statistics and histogram, and the 2-D
/// slice shown in the value table: the last two axes, at the indexes chosen for the leading axes.
///
/// The values are read once, widened to `float`. Statistics are computed when the view model is made:
/// build it off the FX thread for large tensors.
public final class TensorViewModel {

    /// Bins of the histogram.
    public static final int BINS = 40;

    private TensorData tensor;
    private float[] values;
    private TensorStatistics statistics;
    private long[] histogram;
    private Editor editor;
    private final long[] dims;
    private final List<IntegerProperty> leadingIndexes = new ArrayList<>();
    private final IntegerProperty sliceVersion = new SimpleIntegerProperty(this, "sliceVersion");
    private final ObjectProperty<ColorMaps.Mode> colorMode = new SimpleObjectProperty<>(this, "colorMode", ColorMaps.Mode.GREY);

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

    /// Applies an edited tensor to the model it came from.
    @FunctionalInterface
    public interface Editor {
        /// Replaces the tensor by `edited`; returns `null` when done, else the one-line reason it was refused.
        String apply(TensorData edited);
    }

    /// Makes the values editable: each change is handed to `editor` as a whole new tensor.
    public void setEditor(Editor editor) {
        this.editor = editor;
    }

    /// Whether values can be edited: an editor is set and the element type is a float or integer type.
    public boolean isEditable() {
        return editor != null && (tensor.elementType().isFloatingPoint() || tensor.elementType().isInteger());
    }

    /// Sets the value at row `r`, column `c` of the current slice from `text` (a number; integer types
    /// take integers in their range). Returns `null` when the editor applied it, else why not.
    public String setValue(int r, int c, String text) {
        if (!isEditable()) {
            return "these values cannot be edited";
        }
        var type = tensor.elementType();
        var edited = dev.loupe.executor.tensor.TensorConversion.fromTensorData(tensor);
        int index = flatIndex(r, c);
        try {
            if (type.isInteger()) {
                long v = Long.parseLong(text.strip());
                edited.setLong(index, v);
                if (edited.getLong(index) != v) {
                    return v + " does not fit " + type.onnxName();
                }
            } else {
                edited.setDouble(index, Double.parseDouble(text.strip()));
            }
        } catch (NumberFormatException e) {
            return "'" + text.strip() + "' is not a " + type.onnxName() + " number";
        }
        var data = dev.loupe.executor.tensor.TensorConversion.toTensorData(edited, tensor.name());
        var refused = editor.apply(data);
        if (refused == null) {
            tensor = data;
            values = data.toFloatArray();
            statistics = TensorStatistics.of(values);
            histogram = statistics.histogram(values, BINS);
            sliceVersion.set(sliceVersion.get() + 1);
        }
        return refused;
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
        return values[flatIndex(r, c)];
    }

    private int flatIndex(int r, int c) {
        long base = 0;
        long stride = (long) rows() * columns();
        for (int i = leadingIndexes.size() - 1; i >= 0; i--) {
            base += leadingIndexes.get(i).get() * stride;
            stride *= dims[i];
        }
        return (int) (base + (long) r * columns() + c);
    }

    /// How the image tab colours values.
    public ObjectProperty<ColorMaps.Mode> colorModeProperty() {
        return colorMode;
    }

    /// The current 2-D slice as an image under [#colorModeProperty()] (scaled between the tensor's minimum
    /// and maximum), one ARGB pixel per value, row by row: `rows() × columns()` pixels.
    public int[] sliceImage() {
        int rows = rows();
        int cols = columns();
        var out = new int[rows * cols];
        var mode = colorMode.get();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = ColorMaps.color(mode, value(r, c), statistics.min(), statistics.max());
            }
        }
        return out;
    }

    /// Whether the tensor is laid out like a batch of images (rank 4, read as NCHW) with more than one channel.
    public boolean hasChannels() {
        return dims.length == 4 && dims[1] > 1;
    }

    /// An image of every channel of one batch element of an NCHW tensor.
    ///
    /// @param columns channels per row of tiles
    /// @param argb    `width × height` pixels, row by row
    public record Mosaic(int width, int height, int columns, int[] argb) {
    }

    /// All channels of batch element `n` side by side, each an H×W tile in a near-square grid with a
    /// one-pixel gap, coloured under [#colorModeProperty()] on the whole tensor's scale, so channels compare.
    public Mosaic channelMosaic(int n) {
        int channels = (int) dims[1];
        int h = (int) dims[2];
        int w = (int) dims[3];
        int cols = (int) Math.ceil(Math.sqrt(channels));
        int rowsOfTiles = (channels + cols - 1) / cols;
        int width = cols * (w + 1) - 1;
        int height = rowsOfTiles * (h + 1) - 1;
        var out = new int[width * height];
        java.util.Arrays.fill(out, 0xFF808080);
        var mode = colorMode.get();
        long base = (long) n * channels * h * w;
        for (int c = 0; c < channels; c++) {
            int ox = (c % cols) * (w + 1);
            int oy = (c / cols) * (h + 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = values[(int) (base + ((long) c * h + y) * w + x)];
                    out[(oy + y) * width + ox + x] = ColorMaps.color(mode, v, statistics.min(), statistics.max());
                }
            }
        }
        return new Mosaic(width, height, cols, out);
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
