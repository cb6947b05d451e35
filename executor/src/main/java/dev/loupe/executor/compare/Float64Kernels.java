package dev.loupe.executor.compare;

import dev.loupe.executor.kernel.CancelledException;
import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.session.SessionException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import dev.loupe.model.Node;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/// The kernels of a float64 shadow run: every kernel of a session wrapped so that it receives float,
/// float16 and bfloat16 tensors widened to double and hands its floating-point results on as double.
/// Initializers and graph inputs are widened where they are read (exactly, and once each per run).
///
/// - A kernel that rejects double inputs runs again on inputs rounded to float; the node is then *not
///   shadowed* ([#shadowed(Node)]) and its results carry float error into the shadow run.
/// - A `Cast` to float, float16 or bfloat16 of a double tensor passes it on unchanged: in the shadow run
///   nothing is rounded.
/// - Nodes that run subgraphs are not retried in float (their bodies' nodes are shadowed one by one).
///
/// One instance per shadow session, reset by [#startRun()] before each run; used on the run's thread only.
final class Float64Kernels {

    private static final Set<Long> FLOAT_CAST_TARGETS = Set.of((long) ElementType.FLOAT.code(),
            (long) ElementType.FLOAT16.code(), (long) ElementType.BFLOAT16.code(), (long) ElementType.DOUBLE.code());

    private final Map<Node, Boolean> shadowed = new IdentityHashMap<>();
    private final Map<Tensor, Tensor> widenedSources = new IdentityHashMap<>();

    /// `kernel`, built for `spec`, made to run as described above (a decorator for [RegistryWrapper]).
    Kernel shadow(NodeSpec spec, Kernel kernel) {
        return new ShadowKernel(spec, kernel);
    }

    /// Forgets the previous run's widened inputs and initializers (called before each run).
    void startRun() {
        widenedSources.clear();
        shadowed.clear();
    }

    /// Whether the node's last run was computed in double (nodes that never ran count as shadowed).
    boolean shadowed(Node node) {
        return shadowed.getOrDefault(node, true);
    }

    private final class ShadowKernel implements Kernel {
        private final Node node;
        private final Kernel delegate;
        private final boolean castToFloat;

        ShadowKernel(NodeSpec spec, Kernel delegate) {
            this.node = spec.node();
            this.delegate = delegate;
            this.castToFloat = spec.opType().equals("Cast") && spec.node().canonicalDomain().isEmpty()
                    && FLOAT_CAST_TARGETS.contains(spec.intAttr("to", 0));
        }

        @Override
        public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
            if (castToFloat && inputs.length > 0 && inputs[0] instanceof Tensor t && t.type() == ElementType.DOUBLE) {
                shadowed.put(node, true);
                return new RuntimeValue[] {t};
            }
            var wide = widen(inputs);
            RuntimeValue[] out;
            try {
                out = delegate.run(wide, context);
                shadowed.put(node, true);
            } catch (CancelledException | SessionException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!node.subgraphs().isEmpty()) {
                    throw e;
                }
                out = delegate.run(narrow(wide), context);
                shadowed.put(node, false);
            }
            return widenResults(out);
        }

        private RuntimeValue[] widen(RuntimeValue[] inputs) {
            var out = inputs.clone();
            for (int i = 0; i < out.length; i++) {
                if (out[i] instanceof Tensor t && TensorCasts.widens(t.type())) {
                    out[i] = widenedSources.computeIfAbsent(t, TensorCasts::toDouble);
                }
            }
            return out;
        }

        private static RuntimeValue[] narrow(RuntimeValue[] inputs) {
            var out = inputs.clone();
            for (int i = 0; i < out.length; i++) {
                if (out[i] instanceof Tensor t && t.type() == ElementType.DOUBLE) {
                    out[i] = TensorCasts.to(t, ElementType.FLOAT);
                }
            }
            return out;
        }

        private static RuntimeValue[] widenResults(RuntimeValue[] results) {
            if (results == null) {
                return null;
            }
            var out = results.clone();
            for (int i = 0; i < out.length; i++) {
                if (out[i] instanceof Tensor t && TensorCasts.widens(t.type())) {
                    out[i] = TensorCasts.toDouble(t);
                }
            }
            return out;
        }
    }
}
