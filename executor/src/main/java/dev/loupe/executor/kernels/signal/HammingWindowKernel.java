package dev.loupe.executor.kernels.signal;

import dev.loupe.executor.kernel.NodeSpec;

/// `HammingWindow` 17 · size: int32 or int64 → output: `output_datatype` (float).
/// `w = 25/46 - 21/46·cos(x)`.
final class HammingWindowKernel extends WindowKernel {

    HammingWindowKernel(NodeSpec spec) {
        super(spec);
    }

    @Override
    protected double value(double x) {
        return 25.0 / 46 - 21.0 / 46 * Math.cos(x);
    }
}
