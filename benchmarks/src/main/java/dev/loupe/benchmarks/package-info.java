/// Benchmarks for the executor: JMH kernel benchmarks ([dev.loupe.benchmarks.FmaPeakBenchmark],
/// [dev.loupe.benchmarks.SgemmBenchmark], [dev.loupe.benchmarks.ConvBenchmark],
/// [dev.loupe.benchmarks.RowOpsBenchmark]), a report that turns their times into GFLOP/s against the measured
/// FMA peak ([dev.loupe.benchmarks.KernelReport]) and the whole-model comparison with ONNX Runtime
/// ([dev.loupe.benchmarks.ModelComparison]) and of how the two scale with threads
/// ([dev.loupe.benchmarks.ScalingComparison]). How to run them and the results are in `docs/PERFORMANCE.md`.
package dev.loupe.benchmarks;
