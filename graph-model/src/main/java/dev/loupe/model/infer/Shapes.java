package dev.loupe.model.infer;

import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.Shape;
import dev.loupe.model.TypeInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/// Helpers on shapes and tensor types for the rules. A `null` shape means the rank is unknown; a `null`
/// element type means it is unknown.
final class Shapes {

    private Shapes() {
    }

    static TypeInfo.TensorType tensor(ElementType type, Shape shape) {
        return new TypeInfo.TensorType(type == null ? ElementType.UNDEFINED : type, shape);
    }

    static TypeInfo.TensorType tensor(ElementType type, List<Dim> dims) {
        return tensor(type, dims == null ? null : new Shape(dims));
    }

    /// A shape of `rank` unknown dimensions, or `null` when `rank` is negative.
    static Shape unknownDims(int rank) {
        return rank < 0 ? null : new Shape(Collections.nCopies(rank, Dims.UNKNOWN));
    }

    static Shape scalar() {
        return new Shape(List.of());
    }

    /// `axis` counted from the end when negative; -1 when it lies outside `[-rank, rank)`.
    static int normalizeAxis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        return a < 0 || a >= rank ? -1 : (int) a;
    }

    /// The multidirectional (numpy) broadcast of two shapes; `null` when either rank is unknown.
    ///
    /// @param conflicts receives a message for each pair of incompatible dimensions
    static Shape broadcast(Shape a, Shape b, Consumer<String> conflicts) {
        if (a == null || b == null) {
            return null;
        }
        int rank = Math.max(a.rank(), b.rank());
        var dims = new ArrayList<Dim>(rank);
        for (int i = 0; i < rank; i++) {
            int ia = i - (rank - a.rank());
            int ib = i - (rank - b.rank());
            var da = ia < 0 ? Dims.ONE : a.dim(ia);
            var db = ib < 0 ? Dims.ONE : b.dim(ib);
            dims.add(broadcastDim(da, db, a, b, conflicts));
        }
        return new Shape(dims);
    }

    private static Dim broadcastDim(Dim da, Dim db, Shape a, Shape b, Consumer<String> conflicts) {
        if (Dims.is(da, 1)) {
            return db;
        }
        if (Dims.is(db, 1)) {
            return da;
        }
        if (Dims.isKnown(da) && Dims.isKnown(db)) {
            if (Dims.value(da) != Dims.value(db)) {
                conflicts.accept("shapes " + a + " and " + b + " do not broadcast: expected dimensions " + da + " and "
                        + db + " to be equal or 1");
                return Dims.UNKNOWN;
            }
            return da;
        }
        // A size other than 1 against a symbol: the symbol must be 1 or that size, so the result is that size.
        if (Dims.isKnown(da)) {
            return da;
        }
        if (Dims.isKnown(db)) {
            return db;
        }
        return Dims.sameSize(da, db) ? da : Dims.UNKNOWN;
    }

    /// Broadcasts any number of shapes; `null` if any rank is unknown.
    static Shape broadcastAll(List<Shape> shapes, Consumer<String> conflicts) {
        if (shapes.isEmpty()) {
            return null;
        }
        var out = shapes.getFirst();
        for (int i = 1; i < shapes.size(); i++) {
            out = broadcast(out, shapes.get(i), conflicts);
        }
        return out;
    }

    /// Dimensions `from` (inclusive) to `to` (exclusive) of `shape`.
    static List<Dim> dims(Shape shape, int from, int to) {
        return shape.dims().subList(from, to);
    }

    /// The union of two alternatives' shapes: dimensions kept where both agree.
    static Shape union(Shape a, Shape b) {
        if (a == null || b == null || a.rank() != b.rank()) {
            return null;
        }
        var dims = new ArrayList<Dim>(a.rank());
        for (int i = 0; i < a.rank(); i++) {
            dims.add(Dims.union(a.dim(i), b.dim(i)));
        }
        return new Shape(dims);
    }
}
