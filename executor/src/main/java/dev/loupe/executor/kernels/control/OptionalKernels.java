package dev.loupe.executor.kernels.control;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.OptionalValue;
import dev.loupe.executor.tensor.RuntimeValue;

/// The optional operators: `Optional` (version 15), `OptionalHasElement` and `OptionalGetElement`
/// (versions 15, 18; from 18 they also accept a plain tensor or sequence, which counts as present, and
/// `OptionalHasElement` an absent input, which counts as empty).
final class OptionalKernels {

    private OptionalKernels() {
    }

    /// `Optional`: wraps its input, or makes an empty optional when there is none.
    static Kernel optional(NodeSpec spec) {
        return (inputs, context) -> new RuntimeValue[] {new OptionalValue(inputs.length > 0 ? inputs[0] : null)};
    }

    static Kernel hasElement(NodeSpec spec) {
        return (inputs, context) -> {
            var v = inputs.length > 0 ? inputs[0] : null;
            boolean present = v instanceof OptionalValue o ? o.isPresent() : v != null;
            return new RuntimeValue[] {Args.boolScalar(present)};
        };
    }

    static Kernel getElement(NodeSpec spec) {
        return (inputs, context) -> {
            var v = inputs.length > 0 ? inputs[0] : null;
            if (v instanceof OptionalValue o) {
                if (!o.isPresent()) {
                    throw new KernelException("OptionalGetElement input is an empty optional");
                }
                return new RuntimeValue[] {o.value()};
            }
            if (v == null) {
                throw new KernelException("OptionalGetElement input 0 (input) is required but missing");
            }
            return new RuntimeValue[] {v};
        };
    }
}
