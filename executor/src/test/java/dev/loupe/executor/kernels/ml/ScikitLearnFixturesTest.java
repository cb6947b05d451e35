package dev.loupe.executor.kernels.ml;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/// The linear, SVM and preprocessing kernels against scikit-learn's own outputs, at the tolerances the
/// fixtures' manifest gives.
class ScikitLearnFixturesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "sklearn_linear_classifier, 1e-5, 1e-6",
            "sklearn_linear_regressor, 1e-5, 1e-5",
            "sklearn_svm_classifier, 1e-4, 1e-5",
            "sklearn_svm_regressor, 1e-4, 1e-5",
            "sklearn_preprocess_numeric, 1e-5, 1e-5",
            "sklearn_preprocess_categorical, 0, 0",
    })
    void matchesScikitLearn(String fixture, double rtol, double atol) {
        OnnxCase.fixture(fixture).assertPasses(rtol, atol);
    }
}
