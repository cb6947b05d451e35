package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.tensor.MapValue;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.SequenceValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.loupe.executor.kernels.ml.TestNodes.integer;
import static dev.loupe.executor.kernels.ml.TestNodes.ints;
import static dev.loupe.executor.kernels.ml.TestNodes.string;
import static dev.loupe.executor.kernels.ml.TestNodes.strings;
import static org.assertj.core.api.Assertions.assertThat;

class MapKernelsTest {

    private static final String ML = "ai.onnx.ml";

    private static MapValue intMap(long[] keys, RuntimeValue... values) {
        return new MapValue(Tensor.ofLongs(new long[] {keys.length}, keys), List.of(values));
    }

    @Test
    void zipMapMakesOneMapPerRow() {
        var spec = TestNodes.spec(ML, "ZipMap", 1, strings("classlabels_strings", "a", "b"));
        var out = (SequenceValue) TestNodes.run(spec, Tensor.ofFloats(new long[] {2, 2}, 0.1f, 0.9f, 0.7f, 0.3f))[0];
        assertThat(out.elements()).hasSize(2);
        var second = (MapValue) out.elements().get(1);
        assertThat(second.keys().strings()).containsExactly("a", "b");
        assertThat(((Tensor) second.values().get(0)).floats()).containsExactly(0.7f);
        assertThat(((Tensor) second.values().get(1)).floats()).containsExactly(0.3f);
    }

    @Test
    void castMapDenseSortsByKeyAndSparsePads() {
        var m = intMap(new long[] {3, 1}, Tensor.scalar(2.5f), Tensor.scalar(-1f));
        var dense = (Tensor) TestNodes.run(TestNodes.spec(ML, "CastMap", 1), m)[0];
        assertThat(dense.shape()).containsExactly(1, 2);
        assertThat(dense.floats()).containsExactly(-1f, 2.5f);
        var sparse = (Tensor) TestNodes.run(TestNodes.spec(ML, "CastMap", 1, string("map_form", "SPARSE"), integer("max_map", 5),
                string("cast_to", "TO_STRING")), m)[0];
        assertThat(sparse.strings()).containsExactly("0.f", "-1.000000", "0.f", "2.500000", "0.f");
        var fromStrings = intMap(new long[] {0}, Tensor.of(ElementType.STRING, new long[0], new String[] {"42"}));
        assertThat(((Tensor) TestNodes.run(TestNodes.spec(ML, "CastMap", 1, string("cast_to", "TO_INT64")), fromStrings)[0])
                .longs()).containsExactly(42);
    }

    @Test
    void dictVectorizerPlacesValuesByVocabulary() {
        var m = new MapValue(Tensor.of(ElementType.STRING, new long[] {2}, new String[] {"b", "zz"}),
                List.of(Tensor.of(ElementType.DOUBLE, new long[0], new double[] {4}), Tensor.of(ElementType.DOUBLE, new long[0], new double[] {9})));
        var y = (Tensor) TestNodes.run(TestNodes.spec(ML, "DictVectorizer", 1, strings("string_vocabulary", "a", "b", "c")), m)[0];
        assertThat(y.type()).isEqualTo(ElementType.DOUBLE);
        assertThat(y.shape()).containsExactly(1, 3);
        assertThat(y.doubles()).containsExactly(0, 4, 0);
        var seq = new SequenceValue(List.of(intMap(new long[] {7}, Tensor.scalarLong(1)), intMap(new long[] {5}, Tensor.scalarLong(2))), null);
        var z = (Tensor) TestNodes.run(TestNodes.spec(ML, "DictVectorizer", 1, ints("int64_vocabulary", 5, 7)), seq)[0];
        assertThat(z.shape()).containsExactly(2, 2);
        assertThat(z.longs()).containsExactly(0, 1, 2, 0);
    }
}
