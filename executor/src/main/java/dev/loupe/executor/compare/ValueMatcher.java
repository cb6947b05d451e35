package dev.loupe.executor.compare;

import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import dev.loupe.model.Value;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// Matches the main-graph tensors of a model with those of another model (its original, or an edited copy)
/// so that each can be compared with its counterpart.
///
/// The rule, applied in this order:
///
/// 1. **Inputs**: a graph input (without initializer) matches the other's input of the same name, else the
///    one at the same position among inputs without initializer.
/// 2. **Initializers** match by name.
/// 3. **Nodes**, in the model's node order (repeated while new matches appear):
///    - *by name*: every output has a same-named tensor in the other model, made by a node of the same
///      operator — the outputs match by name;
///    - *by structure*: otherwise, the first not yet matched node of the other model (in its node order) that reads the
///      counterpart of this node's first computed input,
///      with the same operator and input count whose inputs correspond slot by slot: where this node reads
///      a computed tensor, the other reads that tensor's match; where this node reads a constant, the other
///      reads a constant too (constants may differ: they are the models' parameters). A node needs at least
///      one computed input to be matched by structure. Its outputs match slot by slot.
/// 4. **Outputs** still unmatched match the other's graph output at the same position.
///
/// Tensors inside subgraphs are not matched here (a run and its reference meet in subgraphs only through
/// identical frame and tensor names).
final class ValueMatcher {

    /// The result: run tensor name → reference tensor name, and reference input name → run input name.
    record Match(Map<String, String> names, Map<String, String> feeds) {
    }

    private final Graph a;
    private final Graph b;
    private final ConstantValues constantsA = new ConstantValues();
    private final ConstantValues constantsB = new ConstantValues();
    private final Map<String, String> names = new HashMap<>();
    private final Set<Node> matchedB = new HashSet<>();
    private final Set<Node> matchedA = new HashSet<>();

    private final Map<Node, Integer> orderB = new HashMap<>();

    private ValueMatcher(Graph a, Graph b) {
        this.a = a;
        this.b = b;
        for (var node : b.nodes()) {
            orderB.put(node, orderB.size());
        }
    }

    static Match match(Graph model, Graph reference) {
        return new ValueMatcher(model, reference).run();
    }

    private Match run() {
        var feeds = new HashMap<String, String>();
        var inA = a.inputs().stream().filter(v -> !v.isInitializer()).toList();
        var inB = b.inputs().stream().filter(v -> !v.isInitializer()).toList();
        for (int i = 0; i < inA.size(); i++) {
            var name = inA.get(i).name();
            var other = b.value(name) != null && inB.contains(b.value(name)) ? b.value(name) : i < inB.size() ? inB.get(i) : null;
            if (other != null && !feeds.containsKey(other.name())) {
                names.put(name, other.name());
                feeds.put(other.name(), name);
            }
        }
        for (var init : a.initializers()) {
            var other = b.value(init.name());
            if (other != null && other.isInitializer()) {
                names.putIfAbsent(init.name(), init.name());
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (var node : a.nodes()) {
                if (!matchedA.contains(node) && (byName(node) || byStructure(node))) {
                    matchedA.add(node);
                    grew = true;
                }
            }
        }
        var mapped = new HashSet<>(names.values());
        for (int i = 0; i < Math.min(a.outputs().size(), b.outputs().size()); i++) {
            var out = a.outputs().get(i).name();
            var other = b.outputs().get(i).name();
            if (!names.containsKey(out) && !mapped.contains(other)) {
                names.put(out, other);
            }
        }
        return new Match(Map.copyOf(names), Map.copyOf(feeds));
    }

    private boolean byName(Node node) {
        Node counterpart = null;
        for (var out : node.outputs()) {
            if (out == null) {
                continue;
            }
            var other = b.value(out.name());
            if (other == null || other.producer() == null || !sameOperator(node, other.producer())
                    || (counterpart != null && counterpart != other.producer())) {
                return false;
            }
            counterpart = other.producer();
        }
        if (counterpart == null || matchedB.contains(counterpart)) {
            return false;
        }
        matchedB.add(counterpart);
        node.outputs().stream().filter(v -> v != null).forEach(v -> names.put(v.name(), v.name()));
        return true;
    }

    private boolean byStructure(Node node) {
        String firstComputed = null;
        for (var in : node.inputs()) {
            if (in != null && !in.name().isEmpty() && !constantsA.isConstant(a, in.name())) {
                if (!names.containsKey(in.name())) {
                    return false;
                }
                firstComputed = firstComputed == null ? names.get(in.name()) : firstComputed;
            }
        }
        var read = firstComputed == null ? null : b.value(firstComputed);
        if (read == null) {
            return false;
        }
        var candidates = read.consumers().stream().distinct()
                .sorted(Comparator.comparingInt(orderB::get)).toList();
        for (var candidate : candidates) {
            if (!matchedB.contains(candidate) && sameOperator(node, candidate) && inputsCorrespond(node, candidate)) {
                matchedB.add(candidate);
                var outs = node.outputs();
                for (int i = 0; i < Math.min(outs.size(), candidate.outputs().size()); i++) {
                    if (outs.get(i) != null && candidate.output(i) != null) {
                        names.put(outs.get(i).name(), candidate.output(i).name());
                    }
                }
                return true;
            }
        }
        return false;
    }

    private boolean inputsCorrespond(Node node, Node candidate) {
        List<Value> ins = node.inputs();
        if (ins.size() != candidate.inputs().size()) {
            return false;
        }
        for (int j = 0; j < ins.size(); j++) {
            var x = ins.get(j);
            var y = candidate.input(j);
            boolean xAbsent = x == null || x.name().isEmpty();
            boolean yAbsent = y == null || y.name().isEmpty();
            if (xAbsent || yAbsent) {
                if (xAbsent != yAbsent) {
                    return false;
                }
                continue;
            }
            boolean ok = constantsA.isConstant(a, x.name()) ? constantsB.isConstant(b, y.name())
                    : y.name().equals(names.get(x.name()));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameOperator(Node x, Node y) {
        return x.opType().equals(y.opType()) && x.canonicalDomain().equals(y.canonicalDomain());
    }
}
