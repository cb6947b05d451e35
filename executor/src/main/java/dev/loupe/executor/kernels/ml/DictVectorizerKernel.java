package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.MapValue;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.SequenceValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.List;

/// `ai.onnx.ml.DictVectorizer` 1 · X: map(string or int64, int64, float, double or string), or a sequence of
/// such maps → Y: the map's value type, `[1, V]` (or `[N, V]` for N maps).
///
/// Column `j` holds the value of the map's key `string_vocabulary[j]` or `int64_vocabulary[j]`, 0 (or the
/// empty string) when the map lacks it; keys outside the vocabulary are ignored.
final class DictVectorizerKernel implements Kernel {

    private final KeyPositions vocabulary;
    private final int size;
    private final boolean stringKeys;

    DictVectorizerKernel(NodeSpec spec) {
        var strings = spec.stringsAttr("string_vocabulary", null);
        var ints = spec.intsAttr("int64_vocabulary", null);
        if ((strings == null) == (ints == null)) {
            throw new KernelException("exactly one of string_vocabulary and int64_vocabulary must be given");
        }
        stringKeys = strings != null;
        vocabulary = stringKeys ? KeyPositions.ofStrings(strings) : KeyPositions.ofInts(ints);
        size = stringKeys ? strings.size() : ints.length;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        List<MapValue> maps;
        if (inputs.length > 0 && inputs[0] instanceof SequenceValue s) {
            maps = s.elements().stream().map(e -> e instanceof MapValue m ? m : null).toList();
            if (maps.contains(null)) {
                throw new KernelException("input X must be a map or a sequence of maps");
            }
        } else {
            maps = List.of(MapEntries.map(inputs, 0, "X"));
        }
        var type = maps.isEmpty() ? ElementType.FLOAT : MapEntries.valueType(maps.getFirst());
        var out = Tensor.allocate(type, maps.size(), size);
        for (int r = 0; r < maps.size(); r++) {
            var m = maps.get(r);
            if ((m.keys().type() == ElementType.STRING) != stringKeys) {
                throw new KernelException("the map keys of type " + m.keys().type().onnxName() + " do not match the "
                        + (stringKeys ? "string" : "int64") + " vocabulary");
            }
            var columns = vocabulary.positions(m.keys(), "X keys", false);
            for (int i = 0; i < columns.length; i++) {
                if (columns[i] >= 0) {
                    var v = MapEntries.value(m, i);
                    if (v.type() != type) {
                        throw new KernelException("map value " + i + " is " + v.type().onnxName() + ", the others " + type.onnxName());
                    }
                    System.arraycopy(v.data(), 0, out.data(), r * size + columns[i], 1);
                }
            }
        }
        return new RuntimeValue[] {out};
    }
}
