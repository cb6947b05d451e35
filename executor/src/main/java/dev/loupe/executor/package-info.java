/// The embedded executor: tensors, kernels, sessions, stepping and comparison maths. Never imports JavaFX.
package dev.loupe.executor;
