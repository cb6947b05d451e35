package dev.loupe.executor.kernels.text;

import dev.loupe.executor.kernels.ml.OnnxCase;
import dev.loupe.executor.testdata.Tolerance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// StringNormalizer and TfIdfVectorizer on their ONNX node test cases.
class TextConformanceTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"test_strnormalizer_export_monday_casesensintive_lower",
            "test_strnormalizer_export_monday_casesensintive_nochangecase", "test_strnormalizer_export_monday_casesensintive_upper",
            "test_strnormalizer_export_monday_empty_output", "test_strnormalizer_export_monday_insensintive_upper_twodim",
            "test_strnormalizer_nostopwords_nochangecase", "test_tfidfvectorizer_tf_batch_onlybigrams_skip0",
            "test_tfidfvectorizer_tf_batch_onlybigrams_skip5", "test_tfidfvectorizer_tf_batch_uniandbigrams_skip5",
            "test_tfidfvectorizer_tf_only_bigrams_skip0", "test_tfidfvectorizer_tf_onlybigrams_levelempty",
            "test_tfidfvectorizer_tf_onlybigrams_skip5", "test_tfidfvectorizer_tf_uniandbigrams_skip5"})
    void passes(String name) {
        OnnxCase.assertCasePasses(OnnxCase.NODE_DATA.resolve(name), Tolerance.DEFAULT);
    }
}
