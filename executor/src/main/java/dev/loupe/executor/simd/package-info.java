/// Vector API (`jdk.incubator.vector`) kernels for the float32 hot paths: a packed, register-tiled SGEMM
/// ([dev.loupe.executor.simd.Sgemm]) with operands packed once and reused ([dev.loupe.executor.simd.PackedA],
/// [dev.loupe.executor.simd.PackedB]), convolution on top of it ([dev.loupe.executor.simd.Convolution]),
/// pooling ([dev.loupe.executor.simd.Pooling], [dev.loupe.executor.simd.AveragePooling]), elementwise loops
/// ([dev.loupe.executor.simd.VectorLoops], [dev.loupe.executor.simd.Activations],
/// [dev.loupe.executor.simd.Selection]), sums ([dev.loupe.executor.simd.Reductions]) and matrix-vector
/// products against a matrix packed once ([dev.loupe.executor.simd.PackedMatrix], for recurrent layers; plain
/// loops that C2 vectorizes, since recurrences call it too often to wait for the Vector API to compile).
///
/// Every Vector API entry point has a scalar fallback, taken when the machine has no float species of at least four
/// lanes or when the system property `loupe.simd` is `false` ([dev.loupe.executor.simd.VectorSupport]).
/// Intra-op parallelism runs on one shared pool of daemon threads sized to the machine's cores; a call splits
/// only when every part gets enough work. Steady-state calls on one thread allocate nothing: scratch space
/// lives in per-thread workspaces that grow to the largest problem seen.
package dev.loupe.executor.simd;
