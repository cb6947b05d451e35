package dev.loupe.executor.session;

import dev.loupe.executor.kernel.ElementwiseKernel;
import dev.loupe.executor.simd.VectorLoops;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import dev.loupe.model.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/// The fast plan's elementwise regions: nodes that map one value `x` element by element — unary operators
/// with float32 loops ([ElementwiseKernel]) and `Add`, `Sub`, `Mul`, `Div` of region values and one-element
/// float32 constants — become one step ([ElementwiseRegion]) that passes each block of `x` through all of
/// them. The GELU of PyTorch's exports is such a region (`Div`, `Erf`, `Add`, `Mul`, `Mul`, or with `tanh`
/// nine nodes), and so `x` itself is read once by the step, which can then join the product before it.
///
/// A region grows from a step's result in the order of the steps; it is kept as long as every value made in
/// it but the last is read by its nodes only (no other node, no subgraph, not a graph output). A region
/// counts only with a unary node or a node reading two region values in it: chains of arithmetic with
/// constants alone are already applied in place after their producer ([Epilogue]).
final class ElementwiseRegions {

    private static final Set<String> ARITHMETIC = Set.of("Add", "Sub", "Mul", "Div");
    /// Steps looked at past the region's last node before giving up on growing it.
    private static final int REACH = 16;

    private final Set<String> graphOutputs;
    private final Function<String, Tensor> constant;
    private final Map<String, Integer> uses;

    private ElementwiseRegions(Set<String> graphOutputs, Function<String, Tensor> constant, Map<String, Integer> uses) {
        this.graphOutputs = graphOutputs;
        this.constant = constant;
        this.uses = uses;
    }

    /// Rewrites `steps`, regions growing from `graphInputs` and then from the steps' results; `constant` gives a
    /// constant's value (`null` for other names), `uses` how many node slots and subgraphs read each name. Each
    /// region's step stands for the region's other nodes.
    static StepRewrite absorb(List<CompiledGraph.Step> steps, List<String> graphInputs, Set<String> graphOutputs,
                              Function<String, Tensor> constant, Map<String, Integer> uses) {
        return new ElementwiseRegions(graphOutputs, constant, uses).rewrite(steps, graphInputs);
    }

    /// A region found: its steps in order and, for each, its operation.
    private record Found(List<CompiledGraph.Step> steps, List<ElementwiseRegion.Op> ops) {
    }

    private StepRewrite rewrite(List<CompiledGraph.Step> steps, List<String> graphInputs) {
        var taken = new IdentityHashMap<CompiledGraph.Step, CompiledGraph.Step>();
        var absorbed = new IdentityHashMap<CompiledGraph.Step, List<Node>>();
        for (int i = -graphInputs.size(); i < steps.size(); i++) {
            var x = i < 0 ? graphInputs.get(-i - 1) : single(steps.get(i));
            if (x == null || (i >= 0 && taken.containsKey(steps.get(i)))) {
                continue;
            }
            var found = grow(steps, Math.max(-1, i), x, taken);
            if (found == null) {
                continue;
            }
            var first = found.steps().getFirst();
            var last = found.steps().getLast();
            var region = new CompiledGraph.Step(last.index(), first.node(), new ElementwiseRegion(found.ops()),
                    first.opsetVersion(), new String[] {x}, last.outputs(), last.releaseAfter());
            for (var s : found.steps()) {
                taken.put(s, s == last ? region : null);
            }
            absorbed.put(region, found.steps().subList(1, found.steps().size()).stream().map(CompiledGraph.Step::node).toList());
        }
        var result = new ArrayList<CompiledGraph.Step>();
        for (var step : steps) {
            if (!taken.containsKey(step)) {
                result.add(step);
            } else if (taken.get(step) != null) {
                result.add(taken.get(step));
            }
        }
        return new StepRewrite(result, absorbed);
    }

    /// The one result of `step`, or `null` when it has another number of them.
    private static String single(CompiledGraph.Step step) {
        return step.outputs().length == 1 ? step.outputs()[0] : null;
    }

    /// The largest region reading `x` (made by step `start`, or a graph input for -1) from the steps after it,
    /// or `null`.
    private Found grow(List<CompiledGraph.Step> steps, int start, String x, Map<CompiledGraph.Step, ?> taken) {
        var sources = new HashMap<String, Integer>();
        sources.put(x, ElementwiseRegion.X);
        var members = new ArrayList<CompiledGraph.Step>();
        var ops = new ArrayList<ElementwiseRegion.Op>();
        for (int j = start + 1, idle = 0; j < steps.size() && idle < REACH; j++, idle++) {
            var step = steps.get(j);
            if (taken.containsKey(step)) {
                continue;
            }
            var op = operation(step, sources);
            if (op != null) {
                sources.put(step.outputs()[0], ops.size());
                members.add(step);
                ops.add(op);
                idle = 0;
            }
        }
        for (int k = ops.size(); k >= 2; k--) {
            if (closed(members.subList(0, k), ops.subList(0, k), x)) {
                return new Found(List.copyOf(members.subList(0, k)), List.copyOf(ops.subList(0, k)));
            }
        }
        return null;
    }

    /// Whether the region of `members` keeps every value it makes but the last to itself, and has a node that
    /// the in-place epilogues could not take.
    private boolean closed(List<CompiledGraph.Step> members, List<ElementwiseRegion.Op> ops, String x) {
        var reads = new HashMap<String, Integer>();
        boolean needed = false;
        for (int i = 0; i < members.size(); i++) {
            int fromRegion = 0;
            for (var name : members.get(i).inputs()) {
                if (name != null && constant.apply(name) == null) {
                    reads.merge(name, 1, Integer::sum);
                    fromRegion++;
                }
            }
            needed |= ops.get(i).unary() != null || fromRegion == 2;
        }
        for (int i = 0; i < members.size() - 1; i++) {
            var made = members.get(i).outputs()[0];
            if (graphOutputs.contains(made) || reads.getOrDefault(made, 0) != uses.getOrDefault(made, 0)) {
                return false;
            }
        }
        return needed && !x.equals(members.getLast().outputs()[0]);
    }

    /// `step` as an operation of the region whose values `sources` names, or `null` when it reads none of them
    /// or cannot be one.
    private ElementwiseRegion.Op operation(CompiledGraph.Step step, Map<String, Integer> sources) {
        var node = step.node();
        var in = step.inputs();
        if (!node.canonicalDomain().isEmpty() || !node.subgraphs().isEmpty() || step.outputs().length != 1
                || step.outputs()[0] == null || in.length == 0) {
            return null;
        }
        var from = new int[in.length];
        var constants = new Tensor[in.length];
        boolean reads = false;
        for (int slot = 0; slot < in.length; slot++) {
            var source = in[slot] == null ? null : sources.get(in[slot]);
            if (source != null) {
                from[slot] = source;
                reads = true;
                continue;
            }
            var value = in[slot] == null ? null : constant.apply(in[slot]);
            if (value == null || value.type() != ElementType.FLOAT || value.size() != 1) {
                return null;
            }
            from[slot] = ElementwiseRegion.CONSTANT;
            constants[slot] = value;
        }
        if (!reads) {
            return null;
        }
        if (ARITHMETIC.contains(node.opType()) && in.length == 2 && node.attributes().isEmpty()) {
            return new ElementwiseRegion.Op(step.kernel(), null, VectorLoops.Binary.valueOf(node.opType().toUpperCase(Locale.ROOT)),
                    from, constants);
        }
        if (in.length == 1 && step.kernel() instanceof ElementwiseKernel unary && unary.takesFloats()) {
            return new ElementwiseRegion.Op(step.kernel(), unary, null, from, constants);
        }
        return null;
    }
}
