package dev.loupe.executor.kernels;

import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.executor.kernels.control.ControlKernels;
import dev.loupe.executor.kernels.math.MathKernels;
import dev.loupe.executor.kernels.ml.MlKernels;
import dev.loupe.executor.kernels.nn.NnKernels;
import dev.loupe.executor.kernels.quant.QuantKernels;
import dev.loupe.executor.kernels.random.RandomKernels;
import dev.loupe.executor.kernels.rnn.RnnKernels;
import dev.loupe.executor.kernels.shape.ShapeKernels;
import dev.loupe.executor.kernels.signal.SignalKernels;
import dev.loupe.executor.kernels.text.TextKernels;
import dev.loupe.executor.kernels.training.TrainingKernels;

/// The one place that lists Loupe's built-in kernel families.
public final class BuiltinKernels {

    private BuiltinKernels() {
    }

    /// A registry holding every built-in kernel.
    public static KernelRegistry registry() {
        var r = new KernelRegistry();
        MathKernels.registerAll(r);
        NnKernels.registerAll(r);
        ShapeKernels.registerAll(r);
        ControlKernels.registerAll(r);
        RnnKernels.registerAll(r);
        QuantKernels.registerAll(r);
        TextKernels.registerAll(r);
        RandomKernels.registerAll(r);
        SignalKernels.registerAll(r);
        TrainingKernels.registerAll(r);
        MlKernels.registerAll(r);
        return r;
    }
}
