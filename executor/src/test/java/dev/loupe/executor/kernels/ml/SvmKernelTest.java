package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static dev.loupe.executor.kernels.ml.TestNodes.floats;
import static dev.loupe.executor.kernels.ml.TestNodes.integer;
import static dev.loupe.executor.kernels.ml.TestNodes.ints;
import static dev.loupe.executor.kernels.ml.TestNodes.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// SVMs against scikit-learn 1.2.1 (`SVC(probability=True)` and `SVR` with polynomial and sigmoid kernels,
/// attributes copied from the fitted models, expected values from `predict_proba` and `predict`).
class SvmKernelTest {

    private static final Tensor X = Tensor.ofFloats(new long[] {4, 2}, 0.1f, 0.2f, 1.4f, 1.9f, -1.2f, -1.7f, 0.8f, -0.3f);
    private static final Tensor X1 = Tensor.ofFloats(new long[] {4, 1}, 0.1f, 1.4f, -1.2f, 0.8f);

    @Test
    void oneVsOneProbabilitiesMatchLibsvm() {
        var spec = TestNodes.spec("ai.onnx.ml", "SVMClassifier", 1, string("kernel_type", "RBF"),
                floats("kernel_params", 0.7f, 0, 3), ints("classlabels_ints", 0, 1, 2), ints("vectors_per_class", 8, 5, 8),
                floats("support_vectors", 2.03999996f, -2.55999994f, 0.419999987f, -0.569999993f, -0.449999988f,
                        -0.219999999f, -2.01999998f, -0.230000004f, -0.870000005f, 3.31999993f, 0.230000004f, -0.349999994f,
                        -0.280000001f, -0.670000017f, -1.05999994f, -0.389999986f, 1.51999998f, 3.04999995f, 2.04999995f,
                        0.99000001f, 3.44000006f, 1.23000002f, 1.25999999f, 2.5f, 0.610000014f, 1.21000004f, -0.620000005f,
                        -0.920000017f, -1.40999997f, -0.829999983f, -4.32999992f, -0.479999989f, -2.46000004f, -3.17000008f,
                        -1.22000003f, -0.800000012f, -1.94000006f, -2.57999992f, -1.47000003f, -1.54999995f, -0.0900000036f,
                        -0.75f),
                floats("coefficients", 0.856234908f, 0.381444365f, 0.205908358f, 0.749112487f, 0.890369296f, 0.478083551f,
                        0f, 0.114489615f, -1f, -0.646915913f, -0.966313004f, -0.0624136776f, -1f, -1f, -1f, -1f, -0.89018023f,
                        -1f, -0.461602032f, -0f, -1f, 0.788747013f, 0.836529374f, 0.931960344f, 1f, 0.794545531f, 0f, 1f, 1f,
                        0.990953743f, 0.602535605f, 0.918075502f, 0.0102844601f, 0.924206436f, -0f, -0.44569695f,
                        -0.919211447f, -0.702737689f, -0f, -0.29072684f, -0.304066658f, -0.783616126f),
                floats("rho", 0.138150349f, 0.205885142f, -0.0789201483f),
                floats("prob_a", -2.75910878f, -0.577651381f, -2.64429784f),
                floats("prob_b", -0.25711599f, 0.0155111002f, 0.0414682627f));
        var out = TestNodes.run(spec, X);
        assertThat(((Tensor) out[0]).longs()).containsExactly(0, 1, 2, 0);
        assertThat(((Tensor) out[1]).floats()).containsExactly(new float[] {0.591474295f, 0.134656653f, 0.273869067f,
                0.0619413406f, 0.879267156f, 0.0587915145f, 0.323098928f, 0.0646813661f, 0.612219691f, 0.581846833f,
                0.105925508f, 0.312227637f}, within(2e-4f));
    }

    @Test
    void polynomialKernelRegression() {
        var spec = TestNodes.spec("ai.onnx.ml", "SVMRegressor", 1, string("kernel_type", "POLY"),
                floats("kernel_params", 0.5f, 1f, 3f), integer("n_supports", 23),
                floats("support_vectors", 2.03999996f, 0.419999987f, -0.449999988f, -2.01999998f, -0.870000005f,
                        0.230000004f, -0.280000001f, -1.05999994f, 1.98000002f, 1.51999998f, 2.04999995f, 1.32000005f,
                        3.44000006f, 1.25999999f, 0.610000014f, -0.620000005f, -1.40999997f, -4.32999992f, -2.46000004f,
                        -1.22000003f, -1.94000006f, -1.47000003f, -0.0900000036f),
                floats("coefficients", -1f, -1f, 1f, 1f, 1f, -1f, -1f, 1f, 0.00670490647f, 1f, -1f, 1f, 0.251814842f, 1f,
                        1f, -1f, 1f, 0.160173938f, -1f, 0.581306338f, -1f, -1f, -1f),
                floats("rho", -0.0498524904f));
        var y = (Tensor) TestNodes.run(spec, X1)[0];
        assertThat(y.shape()).containsExactly(4, 1);
        assertThat(y.floats()).containsExactly(new float[] {0.0246152207f, 0.898448825f, -0.888151765f, 0.528164506f},
                within(1e-4f));
    }

    @Test
    void sigmoidKernelRegression() {
        var spec = TestNodes.spec("ai.onnx.ml", "SVMRegressor", 1, string("kernel_type", "SIGMOID"),
                floats("kernel_params", 0.3f, -0.5f, 3f), integer("n_supports", 21),
                floats("support_vectors", 2.03999996f, 0.419999987f, -0.449999988f, -2.01999998f, -0.870000005f,
                        -0.280000001f, -1.05999994f, 1.98000002f, 2.46000004f, 1.51999998f, 1.32000005f, 3.44000006f,
                        1.25999999f, 0.610000014f, -0.620000005f, -4.32999992f, -2.46000004f, -1.22000003f, -1.94000006f,
                        -1.47000003f, -0.0900000036f),
                floats("coefficients", -1f, -1f, 0.747143328f, 1f, 1f, -1f, 1f, 1f, -0.031442862f, 1f, 1f, -1f, 1f, 1f,
                        -1f, 1f, -1f, -0.715700448f, -1f, -1f, -1f),
                floats("rho", -0.337978721f));
        var y = (Tensor) TestNodes.run(spec, X1)[0];
        assertThat(y.floats()).containsExactly(new float[] {-0.340162545f, 0.258116782f, -0.682090521f, -0.189228252f},
                within(1e-4f));
    }

    @Test
    void binarySvcMirrorsItsSingleScore() {
        var spec = TestNodes.spec("ai.onnx.ml", "SVMClassifier", 1, string("kernel_type", "LINEAR"),
                ints("classlabels_ints", 3, 5), ints("vectors_per_class", 1, 1), floats("support_vectors", 1, 0, -1, 0),
                floats("coefficients", 1, -1), floats("rho", 0.5f));
        var out = TestNodes.run(spec, Tensor.ofFloats(new long[] {2, 2}, 1, 7, -2, 7));
        assertThat(((Tensor) out[1]).floats()).containsExactly(-2.5f, 2.5f, 3.5f, -3.5f);
        assertThat(((Tensor) out[0]).longs()).containsExactly(3, 5);
    }
}
