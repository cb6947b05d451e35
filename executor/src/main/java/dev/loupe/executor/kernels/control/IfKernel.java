package dev.loupe.executor.kernels.control;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.Graph;

import java.util.Arrays;

/// `If` (versions 1, 11, 13, 16): runs `then_branch` when the scalar bool `cond` is true, else
/// `else_branch`, and returns that branch's outputs (which may be tensors, sequences or optionals).
final class IfKernel implements Kernel {

    private final Graph thenBranch;
    private final Graph elseBranch;
    private final int outputs;

    IfKernel(NodeSpec spec) {
        this.thenBranch = spec.graphAttr("then_branch").orElseThrow(() -> new KernelException("required attribute 'then_branch' is missing"));
        this.elseBranch = spec.graphAttr("else_branch").orElseThrow(() -> new KernelException("required attribute 'else_branch' is missing"));
        this.outputs = spec.outputCount();
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        boolean cond = Args.scalarBool("If", Args.tensor("If", inputs, 0, "cond"), "cond");
        var branch = cond ? thenBranch : elseBranch;
        var results = context.runSubgraph(branch, new RuntimeValue[0]);
        if (results.length < outputs) {
            throw new KernelException("If branch '" + branch.name() + "' gives " + results.length + " outputs but the node has " + outputs);
        }
        return Arrays.copyOf(results, outputs);
    }
}
