package dev.loupe.executor.compare;

import dev.loupe.executor.kernel.CancelledException;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.session.ExecutionListener;
import dev.loupe.executor.session.FramePath;
import dev.loupe.executor.session.NodeEvent;
import dev.loupe.executor.session.SessionException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.testdata.Tolerance;
import dev.loupe.model.Graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/// Listens to the model's own run and compares each node as it completes: its outputs against the
/// reference (observed error) and its kernel re-run on the reference's inputs against the reference
/// (local error). Also keeps what the tree-ensemble analysis needs. One instance per run, on its thread.
final class NodeObserver implements ExecutionListener {

    /// A tree-ensemble node run: its spec, its input `X`, its outputs and their reference values (or nulls).
    record TreeRun(NodeSpec spec, FramePath frame, Tensor x, List<RuntimeValue> outputs, List<RuntimeValue> references) {
    }

    /// The outcome of re-running a node: its outputs, or why it could not be re-run.
    private record LocalRun(RuntimeValue[] outputs, String why) {
        static LocalRun unavailable(String why) {
            return new LocalRun(null, why);
        }
    }

    private static final String SUBGRAPHS = "runs subgraphs: their nodes are compared one by one";

    private final ReferenceValues refs;
    private final KernelCapture kernels;
    private final ConstantValues constants = new ConstantValues();
    private final Tolerance tol;
    private final KernelContext context;
    private final Deque<Integer> started = new ArrayDeque<>();
    private final List<NodeComparison> nodes = new ArrayList<>();
    private final List<TreeRun> trees = new ArrayList<>();
    private int next;

    NodeObserver(ReferenceValues refs, KernelCapture kernels, Tolerance tol, ComparisonMonitor monitor, int threads) {
        this.refs = refs;
        this.kernels = kernels;
        this.tol = tol;
        this.context = new KernelContext() {
            @Override
            public void checkCancelled() {
                if (monitor.isCancelled()) {
                    throw new CancelledException();
                }
            }

            @Override
            public RuntimeValue[] runSubgraph(Graph body, RuntimeValue[] inputs) {
                throw new UnsupportedOperationException(SUBGRAPHS);
            }

            @Override
            public int threads() {
                return threads;
            }
        };
    }

    /// The nodes compared so far, in execution order.
    List<NodeComparison> nodes() {
        return nodes.stream().sorted(Comparator.comparingInt(NodeComparison::order)).toList();
    }

    List<TreeRun> trees() {
        return trees;
    }

    @Override
    public void beforeNode(NodeEvent.Before event) {
        started.push(next++);
    }

    @Override
    public void afterNode(NodeEvent.After event) {
        int order = started.pop();
        var node = event.node();
        var frame = event.frame();
        var role = constants.producesConstants(node) ? NodeComparison.Role.CONSTANT : NodeComparison.Role.COMPUTED;
        int n = event.outputs().size();
        var references = new ArrayList<RuntimeValue>(n);
        for (int i = 0; i < n; i++) {
            var out = node.output(i);
            var ref = out == null ? null : refs.lookup(frame, out.name());
            references.add(ref != null && refs.roundToRun() ? TensorCasts.like(ref, event.outputs().get(i)) : ref);
        }
        var local = role == NodeComparison.Role.CONSTANT ? LocalRun.unavailable("constant: charged to the nodes that read it")
                : references.stream().allMatch(r -> r == null) ? LocalRun.unavailable("no reference value")
                : rerun(event);
        var outputs = new ArrayList<OutputComparison>();
        for (int i = 0; i < n; i++) {
            var out = node.output(i);
            var value = event.outputs().get(i);
            if (out == null || value == null) {
                continue;
            }
            var ref = references.get(i);
            var observed = ref == null ? new Discrepancy.Unavailable("no reference value") : Discrepancy.of(value, ref, tol);
            var localValue = local.outputs() == null || i >= local.outputs().length ? null : local.outputs()[i];
            Discrepancy localError = local.outputs() == null ? new Discrepancy.Unavailable(local.why())
                    : ref == null ? new Discrepancy.Unavailable("no reference value")
                    : localValue == value ? observed
                    : Discrepancy.of(localValue, ref, tol);
            outputs.add(new OutputComparison(out.name(), TensorCasts.describe(value), TensorCasts.nonFinite(value), observed, localError));
        }
        nodes.add(new NodeComparison(order, node, frame, role, refs.shadowed(frame, node), outputs));
        if (TreePathAnalysis.isTreeEnsemble(node) && kernels.kernelOf(node) != null
                && !event.inputs().isEmpty() && event.inputs().getFirst() instanceof Tensor x) {
            trees.add(new TreeRun(kernels.kernelOf(node).spec(), frame, x, event.outputs(), references));
        }
    }

    /// Runs the node's kernel on the reference's values of its computed inputs, rounded to the types the
    /// run fed it, and on the run's own values of its constant inputs. When those inputs equal the run's
    /// own, the run's outputs are the answer and the kernel is not called again. Nodes that run subgraphs
    /// get no local error of their own: their bodies' nodes have theirs.
    private LocalRun rerun(NodeEvent.After event) {
        var node = event.node();
        var built = kernels.kernelOf(node);
        if (built == null) {
            return LocalRun.unavailable("runs a function body: its nodes are compared one by one");
        }
        var inputs = new RuntimeValue[event.inputs().size()];
        boolean same = true;
        for (int j = 0; j < inputs.length; j++) {
            var in = node.input(j);
            var observed = event.inputs().get(j);
            if (in == null || in.name().isEmpty() || observed == null || constants.isConstant(node.graph(), in.name())) {
                inputs[j] = observed;
                continue;
            }
            var ref = refs.lookup(event.frame(), in.name());
            if (ref == null) {
                return LocalRun.unavailable("no reference value for input '" + in.name() + "'");
            }
            inputs[j] = TensorCasts.like(ref, observed);
            same &= TensorCasts.sameValues(inputs[j], observed);
        }
        if (same) {
            return node.subgraphs().isEmpty() ? new LocalRun(event.outputs().toArray(RuntimeValue[]::new), null)
                    : LocalRun.unavailable(SUBGRAPHS);
        }
        try {
            return new LocalRun(built.kernel().run(inputs, context), null);
        } catch (CancelledException e) {
            throw e;
        } catch (UnsupportedOperationException e) {
            return LocalRun.unavailable(SUBGRAPHS.equals(e.getMessage()) ? SUBGRAPHS : "cannot be re-run alone: " + e.getMessage());
        } catch (SessionException e) {
            return LocalRun.unavailable("cannot be re-run alone: " + e.getMessage());
        } catch (RuntimeException e) {
            return LocalRun.unavailable("re-run on the reference's inputs failed: " + e.getMessage());
        }
    }
}
