package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.model.OpsetId;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class MlKernels {

    private static final String ML = OpsetId.ONNX_ML;

    private MlKernels() {
    }

    public static void registerAll(KernelRegistry registry) {
        registry.register(ML, "ArrayFeatureExtractor", 1, ArrayFeatureExtractorKernel::new);
        registry.register(ML, "Binarizer", 1, BinarizerKernel::new);
        registry.register(ML, "CastMap", 1, CastMapKernel::new);
        registry.register(ML, "CategoryMapper", 1, CategoryMapperKernel::new);
        registry.register(ML, "DictVectorizer", 1, DictVectorizerKernel::new);
        registry.register(ML, "FeatureVectorizer", 1, FeatureVectorizerKernel::new);
        registry.register(ML, "Imputer", 1, ImputerKernel::new);
        registry.register(ML, "LabelEncoder", new int[] {1, 2}, LabelEncoderKernel::new);
        registry.register(ML, "LinearClassifier", 1, LinearClassifierKernel::new);
        registry.register(ML, "LinearRegressor", 1, LinearRegressorKernel::new);
        registry.register(ML, "Normalizer", 1, NormalizerKernel::new);
        registry.register(ML, "OneHotEncoder", 1, OneHotEncoderKernel::new);
        registry.register(ML, "Scaler", 1, ScalerKernel::new);
        registry.register(ML, "SVMClassifier", 1, SvmClassifierKernel::new);
        registry.register(ML, "SVMRegressor", 1, SvmRegressorKernel::new);
        registry.register(ML, "TreeEnsembleClassifier", new int[] {1, 3}, TreeEnsembleClassifierKernel::new);
        registry.register(ML, "TreeEnsembleRegressor", new int[] {1, 3}, TreeEnsembleRegressorKernel::new);
        registry.register(ML, "ZipMap", 1, ZipMapKernel::new);
    }
}
