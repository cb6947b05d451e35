package dev.loupe.executor.kernels.signal;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.ElementType;

/// The template of the window functions: reads the size (an int32 or int64 scalar), `periodic` (default 1)
/// and `output_datatype` (default float), and fills `w[n]` for `n < size` from the subclass's formula in
/// `x = 2πn / N`, where `N` is the size for a periodic window and the size minus one for a symmetric one.
abstract class WindowKernel implements Kernel {

    private final boolean periodic;
    private final ElementType type;

    WindowKernel(NodeSpec spec) {
        periodic = spec.intAttr("periodic", 1) != 0;
        type = SignalTensors.outputType(spec);
    }

    /// The window's value at phase `x = 2πn / N`.
    protected abstract double value(double x);

    @Override
    public final RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        long size = SignalTensors.integer(SignalTensors.input(in, 0, "size", true), "size");
        if (size < 0) {
            throw new KernelException("the window size must not be negative, got " + size);
        }
        int n = (int) size;
        double denominator = periodic ? n : n - 1;
        var w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = value(denominator == 0 ? 0 : 2 * Math.PI * i / denominator);
        }
        return new RuntimeValue[] {SignalTensors.of(type, new long[] {n}, w)};
    }
}
