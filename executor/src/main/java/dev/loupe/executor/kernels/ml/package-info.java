/// The ai.onnx.ml domain: tree ensembles, linear and SVM models, preprocessing.
package dev.loupe.executor.kernels.ml;
