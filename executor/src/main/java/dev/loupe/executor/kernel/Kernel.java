package dev.loupe.executor.kernel;

import dev.loupe.executor.tensor.RuntimeValue;

/// Computes one node's outputs from its inputs. A kernel is created once per node by its [KernelFactory],
/// with the node's attributes already read, and may be run many times (from one thread at a time).
///
/// `inputs` has one entry per input slot of the node; an absent optional input is `null`. The result has one
/// entry per output slot; an entry for an output the node does not produce may be `null`. Kernels never
/// modify their inputs. Errors are reported by throwing [KernelException] with a message that describes the
/// problem (the session adds the node, op and domain).
@FunctionalInterface
public interface Kernel {

    RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context);
}
