/// The ai.onnx.ml domain: tree ensembles, linear and SVM models, preprocessing, encoders and map operators,
/// one kernel class per operator registered by [dev.loupe.executor.kernels.ml.MlKernels].
///
/// [dev.loupe.executor.kernels.ml.TreeEnsemble] is public beyond its kernels: it evaluates a tree-ensemble
/// node's splits at float or double thresholds ([dev.loupe.executor.kernels.ml.ThresholdPrecision]) and lists,
/// per sample and tree, the split where the two precisions part
/// ([dev.loupe.executor.kernels.ml.SplitDivergence]), for the debugger's tree-path report.
package dev.loupe.executor.kernels.ml;
