package dev.loupe.executor.kernels.signal;

import dev.loupe.executor.kernel.NodeSpec;

/// `BlackmanWindow` 17 · size: int32 or int64 → output: `output_datatype` (float).
/// `w = 0.42 - 0.5·cos(x) + 0.08·cos(2x)`.
final class BlackmanWindowKernel extends WindowKernel {

    BlackmanWindowKernel(NodeSpec spec) {
        super(spec);
    }

    @Override
    protected double value(double x) {
        return 0.42 - 0.5 * Math.cos(x) + 0.08 * Math.cos(2 * x);
    }
}
