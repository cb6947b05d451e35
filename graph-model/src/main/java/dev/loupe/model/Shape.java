package dev.loupe.model;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/// The shape of a tensor type: an ordered list of dimensions (empty for a scalar).
public record Shape(List<Dim> dims) {

    public Shape {
        dims = List.copyOf(dims);
    }

    public static Shape of(long... sizes) {
        return new Shape(Arrays.stream(sizes).mapToObj(Dim::of).toList());
    }

    public int rank() {
        return dims.size();
    }

    public Dim dim(int axis) {
        return dims.get(axis);
    }

    /// Whether every dimension is a known size.
    public boolean isFullyKnown() {
        return dims.stream().allMatch(d -> d instanceof Dim.Known);
    }

    /// The sizes, when every dimension is known.
    ///
    /// @throws IllegalStateException when a dimension is symbolic or unknown
    public long[] sizes() {
        var out = new long[dims.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(dims.get(i) instanceof Dim.Known(long value, String ignored))) {
                throw new IllegalStateException("dimension " + i + " of " + this + " is not a fixed size");
            }
            out[i] = value;
        }
        return out;
    }

    @Override
    public String toString() {
        return dims.stream().map(Object::toString).collect(Collectors.joining(",", "[", "]"));
    }
}
