package dev.loupe.model.infer;

import dev.loupe.model.AttributeValue;
import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.Shape;
import dev.loupe.model.TypeInfo;
import java.util.ArrayList;

/// Sequence and optional containers: the element type follows the tensors put in, shapes are kept where
/// all elements agree.
final class SequenceRules {

    private SequenceRules() {
    }

    static void register(Rules r) {
        r.add(c -> c.set(0, sequenceOf(Shapes.tensor(c.typeAttr("dtype", ElementType.FLOAT), (Shape) null))), "SequenceEmpty");
        r.add(SequenceRules::construct, "SequenceConstruct");
        r.add(c -> c.set(0, sequenceOf(c.isEmptySequence(0) ? c.type(1) : Types.union(element(c.type(0)), c.type(1)))),
                "SequenceInsert");
        r.add(c -> c.set(0, element(c.type(0))), "SequenceAt");
        r.add(c -> c.copy(0, 0), "SequenceErase");
        r.add(c -> c.set(0, ElementType.INT64, Shapes.scalar()), "SequenceLength");
        r.add(SequenceRules::splitToSequence, "SplitToSequence");
        r.add(SequenceRules::concatFromSequence, "ConcatFromSequence");
        r.add(SequenceRules::optional, "Optional");
        r.add(c -> c.set(0, ElementType.BOOL, Shapes.scalar()), "OptionalHasElement");
        r.add(c -> c.set(0, c.type(0) instanceof TypeInfo.OptionalType o ? o.elementType() : c.type(0)), "OptionalGetElement");
    }

    private static TypeInfo sequenceOf(TypeInfo element) {
        return new TypeInfo.SequenceType(element, null);
    }

    /// The element type of a sequence type, else `null`.
    private static TypeInfo element(TypeInfo type) {
        return type instanceof TypeInfo.SequenceType s ? s.elementType() : null;
    }

    private static void construct(NodeContext c) {
        TypeInfo element = c.type(0);
        for (int i = 1; i < c.inputCount(); i++) {
            element = Types.union(element, c.type(i));
        }
        c.set(0, sequenceOf(element));
    }

    private static void splitToSequence(NodeContext c) {
        var in = c.shape(0);
        if (in == null) {
            c.set(0, sequenceOf(Shapes.tensor(c.elem(0), (Shape) null)));
            return;
        }
        int axis = Shapes.normalizeAxis(c.intAttr("axis", 0), in.rank());
        if (axis < 0) {
            c.problem("axis " + c.intAttr("axis", 0) + " is out of range for input of rank " + in.rank());
            return;
        }
        var dims = new ArrayList<>(in.dims());
        if (!c.has(1)) {
            if (c.intAttr("keepdims", 1) != 0) {
                dims.set(axis, Dims.ONE);
            } else {
                dims.remove(axis);
            }
        } else {
            var split = c.data(1);
            Dim part = Dims.UNKNOWN;
            if (split != null && split.scalar()) {
                var whole = in.dim(axis);
                var size = split.values().getFirst();
                part = Dims.isKnown(whole) && Dims.isKnown(size) && Dims.value(size) > 0
                        && Dims.value(whole) % Dims.value(size) == 0 ? size : Dims.UNKNOWN;
            } else if (split != null && split.values().stream().distinct().count() == 1) {
                part = split.values().getFirst();
            }
            dims.set(axis, part);
        }
        c.set(0, sequenceOf(Shapes.tensor(c.elem(0), dims)));
    }

    private static void concatFromSequence(NodeContext c) {
        var element = element(c.type(0));
        var shape = element instanceof TypeInfo.TensorType t ? t.shape() : null;
        var elem = Types.elementType(element);
        if (shape == null) {
            c.setElem(0, elem);
            return;
        }
        boolean newAxis = c.intAttr("new_axis", 0) != 0;
        int rank = shape.rank() + (newAxis ? 1 : 0);
        int axis = Shapes.normalizeAxis(c.intAttr("axis", 0), rank);
        if (axis < 0) {
            c.problem("axis " + c.intAttr("axis", 0) + " is out of range for output of rank " + rank);
            return;
        }
        var dims = new ArrayList<>(shape.dims());
        if (newAxis) {
            dims.add(axis, Dims.UNKNOWN);
        } else {
            dims.set(axis, Dims.UNKNOWN);
        }
        c.set(0, elem, dims);
    }

    private static void optional(NodeContext c) {
        var attr = c.attr("type");
        var element = attr != null && attr.value() instanceof AttributeValue.TypeValue(TypeInfo t) ? t : c.type(0);
        c.set(0, new TypeInfo.OptionalType(element, null));
    }
}
