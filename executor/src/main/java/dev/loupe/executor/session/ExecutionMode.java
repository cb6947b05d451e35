package dev.loupe.executor.session;

import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.model.Model;

/// How a [Session] turns a model into the steps it runs, and how it provides output storage.
///
/// Both modes compute the same outputs (within float rounding: a fused step rounds as the separate nodes
/// would, but folded batch normalization changes the order of operations) and never change the [Model].
public enum ExecutionMode {

    /// One step per node of the model, in topological order, every output in fresh storage: what the
    /// debugger needs, since listeners see every node and may keep any value. The default.
    DEBUG {
        @Override
        ExecutionPlan compile(Model model, KernelRegistry registry) {
            return GraphCompiler.compile(model, registry);
        }

        @Override
        BufferPool newPool() {
            return BufferPool.disabled();
        }
    },

    /// "Run to the end": the main graph is compiled into a private, optimized plan (nodes whose inputs are
    /// all constants evaluated once when the session is created, `Conv` + `BatchNormalization` folded into
    /// the convolution's weights, an activation or an elementwise `Add`/`Sub`/`Mul`/`Div` that follows a
    /// `Conv`, `Gemm`, `MatMul` or elementwise operation applied in place to its output, float32 weights of
    /// `MatMul`, `Gemm` and `Conv` packed into their kernels and not kept otherwise), and outputs of the
    /// main graph's kernels reuse the arrays of values whose last use has passed. Listeners see one event
    /// per step, named by the first node of a fused step, with `null` for weights a kernel took; while a run
    /// has listeners nothing is recycled, since a listener may keep any value. Outputs handed to the caller
    /// are never recycled.
    FAST {
        @Override
        ExecutionPlan compile(Model model, KernelRegistry registry) {
            return FastPlanner.optimize(GraphCompiler.compile(model, registry));
        }

        @Override
        BufferPool newPool() {
            return new BufferPool();
        }
    };

    /// The plan a session of this mode runs.
    abstract ExecutionPlan compile(Model model, KernelRegistry registry);

    /// The output storage a session of this mode keeps between runs.
    abstract BufferPool newPool();
}
