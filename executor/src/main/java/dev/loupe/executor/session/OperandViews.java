package dev.loupe.executor.session;

import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/// The fast plan's operand views: a `MatMul` whose operands come from the nodes that only move elements
/// (`Transpose`, `Split`, `Reshape`, `Squeeze`, `Unsqueeze`, `Flatten`) reads their first input in place,
/// and one whose result such nodes move writes it where they would put it ([ViewedMatMulKernel] over
/// [ViewChain]s); those nodes are dropped from the plan once nothing else reads any of their results. The
/// attention layers of transformers exported from PyTorch split the fused query-key-value product and
/// transpose each part into heads before the two products, and transpose the heads back after them; these
/// copies are what goes.
///
/// An operand's chain runs back from the operand while each value on it is read by that one node slot only
/// (no other node, no subgraph) and is not a graph output, and each node's other inputs are constants; it
/// counts only with a `Transpose` or `Split` on it (a lone `Reshape` copies nothing). A result's chain runs
/// forward on the same terms through nodes with one result (no `Split`) not already on an operand's chain,
/// and counts only with a `Transpose` on it. A `MatMul` with a constant operand is left to its own kernel,
/// which packs the weights once.
final class OperandViews {

    private static final Set<String> VIEWS = Set.of("Transpose", "Split", "Reshape", "Squeeze", "Unsqueeze", "Flatten");
    private static final Set<String> COPYING = Set.of("Transpose", "Split");

    /// A chain found for one operand: the root it reads, its links in running order, its nodes and the
    /// values it replaces.
    private record Found(String root, ViewChain chain, List<Node> nodes, List<String> replaced) {
    }

    private final Set<String> graphOutputs;
    private final Function<String, Tensor> constant;
    private final Map<String, Integer> uses;
    private final Map<String, CompiledGraph.Step> producers = new HashMap<>();
    /// The step reading each name in one of its input slots (the last one, for names read more than once).
    private final Map<String, CompiledGraph.Step> readers = new HashMap<>();

    private OperandViews(List<CompiledGraph.Step> steps, Set<String> graphOutputs, Function<String, Tensor> constant,
                         Map<String, Integer> uses) {
        this.graphOutputs = graphOutputs;
        this.constant = constant;
        this.uses = uses;
        for (var step : steps) {
            for (var name : step.outputs()) {
                if (name != null) {
                    producers.put(name, step);
                }
            }
            for (var name : step.inputs()) {
                if (name != null) {
                    readers.put(name, step);
                }
            }
        }
    }

    /// Rewrites `steps`; `constant` gives a constant's value (`null` for other names), `uses` how many node
    /// slots and subgraphs read each name. Each rewritten product stands for the nodes of its chains.
    static StepRewrite absorb(List<CompiledGraph.Step> steps, Set<String> graphOutputs, Function<String, Tensor> constant,
                         Map<String, Integer> uses) {
        return new OperandViews(steps, graphOutputs, constant, uses).rewrite(steps);
    }

    private StepRewrite rewrite(List<CompiledGraph.Step> steps) {
        var operands = new IdentityHashMap<CompiledGraph.Step, Found[]>();
        var replaced = new HashSet<String>();
        for (var step : steps) {
            if (isProduct(step)) {
                var found = new Found[] {chain(step.inputs()[0]), chain(step.inputs()[1]), null};
                for (var f : found) {
                    if (f != null) {
                        replaced.addAll(f.replaced());
                    }
                }
                operands.put(step, found);
            }
        }
        var absorbed = new IdentityHashMap<CompiledGraph.Step, List<Node>>();
        var rewritten = new IdentityHashMap<CompiledGraph.Step, CompiledGraph.Step>();
        for (var step : steps) {
            var found = operands.get(step);
            if (found == null) {
                continue;
            }
            found[2] = resultChain(step, replaced);
            if (found[0] == null && found[1] == null && found[2] == null) {
                continue;
            }
            if (found[2] != null) {
                replaced.addAll(found[2].replaced());
            }
            var chains = new ViewChain[3];
            var nodes = new ArrayList<Node>();
            for (int i = 0; i < 3; i++) {
                if (found[i] != null) {
                    chains[i] = found[i].chain();
                    nodes.addAll(found[i].nodes());
                }
            }
            var in = step.inputs();
            var kernel = new ViewedMatMulKernel(step.kernel(), chains[0], chains[1], chains[2]);
            var inputs = new String[] {found[0] == null ? in[0] : found[0].root(), found[1] == null ? in[1] : found[1].root()};
            var outputs = found[2] == null ? step.outputs() : new String[] {found[2].root()};
            var viewed = new CompiledGraph.Step(step.index(), step.node(), kernel, step.opsetVersion(), inputs, outputs,
                    step.releaseAfter());
            rewritten.put(step, viewed);
            absorbed.put(viewed, nodes);
        }
        var result = new ArrayList<CompiledGraph.Step>();
        for (var step : steps) {
            if (!VIEWS.contains(step.node().opType()) || !allIn(step.outputs(), replaced)) {
                result.add(rewritten.getOrDefault(step, step));
            }
        }
        return new StepRewrite(result, absorbed);
    }

    /// Whether `step` is a standard `MatMul` of two values that are not constants.
    private boolean isProduct(CompiledGraph.Step step) {
        var node = step.node();
        var in = step.inputs();
        return node.opType().equals("MatMul") && node.canonicalDomain().isEmpty() && in.length == 2 && in[0] != null
                && in[1] != null && constant.apply(in[0]) == null && constant.apply(in[1]) == null
                && step.outputs().length == 1 && step.outputs()[0] != null;
    }

    /// The chain of single-result view nodes that reads `product`'s result, with a `Transpose` on it, or
    /// `null`; its root is the chain's last value (what the product then writes). Nodes of operand chains
    /// (`taken`) stay theirs.
    private Found resultChain(CompiledGraph.Step product, Set<String> taken) {
        var links = new ArrayList<ViewChain.Link>();
        var nodes = new ArrayList<Node>();
        var replaced = new ArrayList<String>();
        boolean transposes = false;
        var value = product.outputs()[0];
        CompiledGraph.Step r;
        while (uses.getOrDefault(value, 0) == 1 && !graphOutputs.contains(value) && (r = readers.get(value)) != null
                && VIEWS.contains(r.node().opType()) && !r.node().opType().equals("Split")
                && r.node().canonicalDomain().isEmpty() && value.equals(r.inputs()[0]) && r.outputs().length == 1
                && r.outputs()[0] != null && !taken.contains(r.outputs()[0])) {
            var inputs = constants(r);
            if (inputs == null) {
                break;
            }
            links.add(new ViewChain.Link(r.kernel(), inputs, 0));
            nodes.add(r.node());
            value = r.outputs()[0];
            replaced.add(value);
            transposes |= r.node().opType().equals("Transpose");
        }
        return transposes ? new Found(value, new ViewChain(links), nodes, replaced) : null;
    }

    /// The chain of view nodes that produces `operand`, or `null` when there is none worth reading through.
    private Found chain(String operand) {
        var links = new ArrayList<ViewChain.Link>();
        var nodes = new ArrayList<Node>();
        var replaced = new ArrayList<String>();
        boolean copies = false;
        var value = operand;
        CompiledGraph.Step p;
        while ((p = producers.get(value)) != null && VIEWS.contains(p.node().opType()) && p.node().canonicalDomain().isEmpty()
                && uses.getOrDefault(value, 0) == 1 && !graphOutputs.contains(value) && p.inputs().length > 0
                && p.inputs()[0] != null) {
            var inputs = constants(p);
            if (inputs == null) {
                break;
            }
            links.addFirst(new ViewChain.Link(p.kernel(), inputs, List.of(p.outputs()).indexOf(value)));
            nodes.add(p.node());
            replaced.add(value);
            copies |= COPYING.contains(p.node().opType());
            value = p.inputs()[0];
        }
        return copies ? new Found(value, new ViewChain(links), nodes, replaced) : null;
    }

    /// The inputs of view node `step` with its constants in slots 1 on (slot 0 left empty), or `null` when
    /// one of them is not a constant.
    private RuntimeValue[] constants(CompiledGraph.Step step) {
        var inputs = new RuntimeValue[step.inputs().length];
        for (int slot = 1; slot < inputs.length; slot++) {
            var name = step.inputs()[slot];
            if (name != null && (inputs[slot] = constant.apply(name)) == null) {
                return null;
            }
        }
        return inputs;
    }

    private static boolean allIn(String[] names, Set<String> set) {
        for (var name : names) {
            if (name != null && !set.contains(name)) {
                return false;
            }
        }
        return true;
    }
}
