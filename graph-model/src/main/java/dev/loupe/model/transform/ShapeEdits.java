package dev.loupe.model.transform;

import dev.loupe.model.Dim;
import dev.loupe.model.Model;
import dev.loupe.model.Shape;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import dev.loupe.model.edit.Edit;
import dev.loupe.model.edit.EditException;
import dev.loupe.model.infer.ShapeInference;
import java.util.ArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/// Pinning or freeing the shape of a main-graph input: `x=batch,3,224,224` makes input `x` a tensor of
/// shape `[batch, 3, 224, 224]` (a number is a fixed size, a name a symbolic dimension, `?` an unknown
/// one), keeping its element type. Shape inference runs again after the edit and after its undo, so every
/// value's inferred type follows.
public final class ShapeEdits {

    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]*");

    private ShapeEdits() {
    }

    /// Sets an input's shape from a `NAME=DIMS` request.
    ///
    /// @throws EditException when the request is malformed, names no input of the main graph, or the input
    ///                       is not a tensor
    public static Edit setInputShape(Model model, String request) throws EditException {
        int eq = request.indexOf('=');
        if (eq <= 0) {
            throw new EditException("expected NAME=DIMS (e.g. x=batch,3,224,224), got '" + request + "'");
        }
        var name = request.substring(0, eq).trim();
        var input = model.graph().inputs().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new EditException("'" + name + "' is not an input of the main graph (inputs: "
                        + model.graph().inputs().stream().map(Value::name).collect(Collectors.joining(", ")) + ")"));
        return setInputShape(model, input, parseDims(name, request.substring(eq + 1)));
    }

    /// Sets the shape of main-graph input `input`, keeping its element type.
    ///
    /// @throws EditException when `input` is not a tensor input of the main graph or already has that shape
    public static Edit setInputShape(Model model, Value input, Shape shape) throws EditException {
        if (!model.graph().inputs().contains(input)) {
            throw new EditException("'" + input.name() + "' is not an input of the main graph");
        }
        if (!(input.bestType() instanceof TypeInfo.TensorType tensor)) {
            throw new EditException("input '" + input.name() + "' is not a tensor (" + input.bestType() + "): it has no shape to set");
        }
        if (input.type() instanceof TypeInfo.TensorType declared && shape.equals(declared.shape())) {
            throw new EditException("input '" + input.name() + "' already has shape " + shape);
        }
        return new SetType(model, input, input.type(), new TypeInfo.TensorType(tensor.elementType(), shape, tensor.denotation()));
    }

    /// Makes dimension `axis` of main-graph input `input` fixed (`Dim.of(8)`), symbolic (`Dim.symbol("batch")`,
    /// a dynamic size) or unknown (`Dim.unknown()`), keeping the other dimensions and the element type.
    ///
    /// @throws EditException when `input` is not a tensor input of the main graph, its rank is unknown,
    ///                       `axis` is out of range, or the dimension already is `dim`
    public static Edit setInputDim(Model model, Value input, int axis, Dim dim) throws EditException {
        if (!(input.bestType() instanceof TypeInfo.TensorType tensor) || tensor.shape() == null) {
            throw new EditException("input '" + input.name() + "' has no known rank: set its whole shape instead");
        }
        var dims = new ArrayList<>(tensor.shape().dims());
        if (axis < 0 || axis >= dims.size()) {
            throw new EditException("input '" + input.name() + "' has rank " + dims.size() + ", so no axis " + axis);
        }
        dims.set(axis, dim);
        return setInputShape(model, input, new Shape(dims));
    }

    /// Parses `DIMS`: comma-separated sizes, symbols and `?`; an empty string is a scalar.
    ///
    /// @throws EditException naming the first dimension that is neither
    public static Shape parseDims(String input, String dims) throws EditException {
        var out = new ArrayList<Dim>();
        if (dims.isBlank()) {
            return new Shape(out);
        }
        for (var token : dims.split(",", -1)) {
            var t = token.trim();
            if (t.equals("?")) {
                out.add(Dim.unknown());
            } else if (t.matches("\\d+")) {
                try {
                    out.add(Dim.of(Long.parseLong(t)));
                } catch (NumberFormatException e) {
                    throw new EditException("dimension '" + t + "' of '" + input + "' is too large");
                }
            } else if (SYMBOL.matcher(t).matches()) {
                out.add(Dim.symbol(t));
            } else {
                throw new EditException("dimension '" + t + "' of '" + input
                        + "' is neither a size, a symbol (a name such as batch) nor ?");
            }
        }
        return new Shape(out);
    }

    /// Declares `type` for `input` (undo: `old`) and re-infers the model's types after both.
    private record SetType(Model model, Value input, TypeInfo old, TypeInfo type) implements Edit {

        @Override
        public String description() {
            return "Set the type of input '" + input.name() + "' to " + type;
        }

        @Override
        public void execute() {
            input.setType(type);
            ShapeInference.infer(model);
        }

        @Override
        public void undo() {
            input.setType(old);
            ShapeInference.infer(model);
        }
    }
}
