package dev.loupe.executor.kernels.signal;

import dev.loupe.executor.kernel.NodeSpec;

/// `HannWindow` 17 · size: int32 or int64 → output: `output_datatype` (float). `w = 0.5 - 0.5·cos(x)`.
final class HannWindowKernel extends WindowKernel {

    HannWindowKernel(NodeSpec spec) {
        super(spec);
    }

    @Override
    protected double value(double x) {
        return 0.5 - 0.5 * Math.cos(x);
    }
}
