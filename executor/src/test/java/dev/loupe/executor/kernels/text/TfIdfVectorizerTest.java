package dev.loupe.executor.kernels.text;

import dev.loupe.executor.kernels.ml.TestNodes;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import org.junit.jupiter.api.Test;

import static dev.loupe.executor.kernels.ml.TestNodes.floats;
import static dev.loupe.executor.kernels.ml.TestNodes.integer;
import static dev.loupe.executor.kernels.ml.TestNodes.ints;
import static dev.loupe.executor.kernels.ml.TestNodes.string;
import static dev.loupe.executor.kernels.ml.TestNodes.strings;
import static org.assertj.core.api.Assertions.assertThat;

class TfIdfVectorizerTest {

    @Test
    void stringPoolWithTfIdfWeights() {
        var spec = TestNodes.spec("", "TfIdfVectorizer", 9, string("mode", "TFIDF"), integer("min_gram_length", 1),
                integer("max_gram_length", 2), integer("max_skip_count", 0), ints("ngram_counts", 0, 2),
                ints("ngram_indexes", 2, 0, 1), strings("pool_strings", "a", "b", "a", "b"), floats("weights", 0.5f, 2f, 3f));
        var x = Tensor.of(ElementType.STRING, new long[] {5}, new String[] {"a", "b", "a", "b", "c"});
        var y = (Tensor) TestNodes.run(spec, x)[0];
        assertThat(y.floats()).containsExactly(4f, 6f, 1f);
    }

    @Test
    void idfModeMarksPresence() {
        var spec = TestNodes.spec("", "TfIdfVectorizer", 9, string("mode", "IDF"), integer("min_gram_length", 1),
                integer("max_gram_length", 1), ints("ngram_counts", 0), ints("ngram_indexes", 0, 1), ints("pool_int64s", 7, 9));
        var y = (Tensor) TestNodes.run(spec, Tensor.ofLongs(new long[] {2, 2}, 7, 7, 1, 1))[0];
        assertThat(y.shape()).containsExactly(2, 2);
        assertThat(y.floats()).containsExactly(1f, 0f, 0f, 0f);
    }

    @Test
    void stringNormalizerFoldsCaseUnderTheLocale() {
        var spec = TestNodes.spec("", "StringNormalizer", 10, string("case_change_action", "LOWER"), string("locale", "tr_TR"),
                strings("stopwords", "ve"));
        var x = Tensor.of(ElementType.STRING, new long[] {3}, new String[] {"İSTANBUL", "VE", "Ankara"});
        var y = (Tensor) TestNodes.run(spec, x)[0];
        assertThat(y.strings()).containsExactly("istanbul", "ankara");
    }
}
