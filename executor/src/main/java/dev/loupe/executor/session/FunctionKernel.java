package dev.loupe.executor.session;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.Graph;

import java.util.Arrays;

/// Runs a node by running its operator's function body (already expanded with the node's attributes) as a
/// frame of its own, so that listeners and stepping see the body's nodes.
record FunctionKernel(Graph body, int outputCount) implements Kernel {

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var results = context.runSubgraph(body, inputs);
        return Arrays.copyOf(results, outputCount);
    }
}
