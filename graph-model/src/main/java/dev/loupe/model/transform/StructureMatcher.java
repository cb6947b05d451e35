package dev.loupe.model.transform;

import dev.loupe.model.Function;
import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import dev.loupe.model.Value;
import dev.loupe.model.edit.EditException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// Finds the node sets of a graph that compute what a function body computes: the same operators with the
/// same attributes, wired the same way, reading outside values only where the body reads its formal inputs
/// and feeding outside nodes only with what the body returns. Each such set can be replaced by a call.
///
/// Matching grows from one body node along the body's edges: following an input edge leads to exactly one
/// producer, following an output edge tries each consumer (backtracking). Occurrences never overlap. A body
/// that is not connected through its nodes' inputs and outputs, that holds subgraphs, that uses attribute
/// parameters or returns a formal input directly has no occurrences.
final class StructureMatcher {

    /// One match: the graph's nodes, the values bound to the formal inputs and those the formal outputs
    /// stand for, both in the function's order.
    record Occurrence(NodeSelection selection, List<Value> inputs, List<Value> outputs) {
    }

    /// How many partial matches one starting node may try before the matcher gives it up (symmetric
    /// patterns can otherwise make backtracking explode).
    private static final long STEPS_PER_SEED = 200_000;

    /// How a body node is reached from one matched earlier: through input `slot` of `anchor` (the node is
    /// its producer, writing output `outSlot`), or through its own input `slot` reading output `outSlot`
    /// of `anchor`.
    private record Link(int anchor, boolean viaInput, int slot, int outSlot) {
    }

    private final Graph graph;
    private final List<Node> pattern;
    private final Map<Node, Integer> index = new IdentityHashMap<>();
    private final List<Integer> order = new ArrayList<>();
    private final Map<Integer, Link> links = new HashMap<>();
    private final Set<Node> used;
    private final Function function;
    private long budget;

    private StructureMatcher(Function function, Graph graph, Collection<Node> excluded) {
        this.function = function;
        this.graph = graph;
        this.pattern = function.body().nodes();
        this.used = NodeSelection.identitySet(excluded);
        for (int i = 0; i < pattern.size(); i++) {
            index.put(pattern.get(i), i);
        }
    }

    /// The occurrences of `function`'s body among `graph`'s nodes, leaving out `excluded` nodes.
    static List<Occurrence> find(Function function, Graph graph, Collection<Node> excluded) {
        var matcher = new StructureMatcher(function, graph, excluded);
        return matcher.matchable() ? matcher.search() : List.of();
    }

    private boolean matchable() {
        var body = function.body();
        if (pattern.isEmpty() || !function.attributeNames().isEmpty() || !function.attributeDefaults().isEmpty()) {
            return false;
        }
        if (pattern.stream().anyMatch(n -> !n.subgraphs().isEmpty())
                || body.outputs().stream().anyMatch(v -> v.producer() == null)) {
            return false;
        }
        plan(seed());
        return order.size() == pattern.size();
    }

    /// The body node with the fewest look-alikes (same operator) in the graph, to start from.
    private int seed() {
        var counts = new HashMap<String, Integer>();
        for (var n : graph.nodes()) {
            counts.merge(operator(n), 1, Integer::sum);
        }
        int best = 0;
        for (int i = 1; i < pattern.size(); i++) {
            if (counts.getOrDefault(operator(pattern.get(i)), 0) < counts.getOrDefault(operator(pattern.get(best)), 0)) {
                best = i;
            }
        }
        return best;
    }

    private static String operator(Node n) {
        return n.canonicalDomain() + ":" + n.opType() + ":" + (n.overload() == null ? "" : n.overload());
    }

    /// Orders body nodes so that each is linked to an earlier one, preferring input links (no choice).
    private void plan(int seed) {
        var visited = new boolean[pattern.size()];
        var determined = new ArrayDeque<int[]>();
        var choices = new ArrayDeque<int[]>();
        visited[seed] = true;
        order.add(seed);
        expand(seed, determined, choices);
        while (!determined.isEmpty() || !choices.isEmpty()) {
            var next = determined.isEmpty() ? choices.poll() : determined.poll();
            int node = next[0];
            if (visited[node]) {
                continue;
            }
            visited[node] = true;
            order.add(node);
            links.put(node, new Link(next[1], next[2] == 1, next[3], next[4]));
            expand(node, determined, choices);
        }
    }

    private void expand(int at, ArrayDeque<int[]> determined, ArrayDeque<int[]> choices) {
        var p = pattern.get(at);
        for (int s = 0; s < p.inputs().size(); s++) {
            var v = p.input(s);
            var producer = v == null ? null : index.get(v.producer());
            if (producer != null) {
                determined.add(new int[] {producer, at, 1, s, v.producer().outputs().indexOf(v)});
            }
        }
        for (int o = 0; o < p.outputs().size(); o++) {
            var v = p.output(o);
            if (v == null) {
                continue;
            }
            for (var c : v.consumers()) {
                var ci = index.get(c);
                if (ci != null) {
                    for (int s = 0; s < c.inputs().size(); s++) {
                        if (c.input(s) == v) {
                            choices.add(new int[] {ci, at, 0, s, o});
                        }
                    }
                }
            }
        }
    }

    private List<Occurrence> search() {
        var found = new ArrayList<Occurrence>();
        var seedNode = pattern.get(order.getFirst());
        for (var candidate : List.copyOf(graph.nodes())) {
            if (used.contains(candidate) || !NodeSignature.same(seedNode, candidate)) {
                continue;
            }
            var match = new Node[pattern.size()];
            match[order.getFirst()] = candidate;
            used.add(candidate);
            budget = STEPS_PER_SEED;
            var occurrence = extend(match, 1);
            if (occurrence == null) {
                used.remove(candidate);
            } else {
                found.add(occurrence);
            }
        }
        return found;
    }

    /// Tries to match `order[k..]` given `match`; on success the matched nodes stay in `used`.
    private Occurrence extend(Node[] match, int k) {
        if (--budget < 0) {
            return null;
        }
        if (k == order.size()) {
            return verify(match);
        }
        int at = order.get(k);
        var link = links.get(at);
        var anchor = match[link.anchor()];
        for (var candidate : candidates(anchor, link)) {
            if (used.contains(candidate) || candidate.graph() != graph || !NodeSignature.same(pattern.get(at), candidate)
                    || !consistent(match, at, candidate)) {
                continue;
            }
            match[at] = candidate;
            used.add(candidate);
            var occurrence = extend(match, k + 1);
            if (occurrence != null) {
                return occurrence;
            }
            used.remove(candidate);
            match[at] = null;
        }
        return null;
    }

    private List<Node> candidates(Node anchor, Link link) {
        if (link.viaInput()) {
            var v = anchor.input(link.slot());
            var p = v == null ? null : v.producer();
            return p != null && p.output(link.outSlot()) == v ? List.of(p) : List.of();
        }
        var v = anchor.output(link.outSlot());
        if (v == null) {
            return List.of();
        }
        var out = new ArrayList<Node>();
        for (var c : v.consumers()) {
            if (c.input(link.slot()) == v && !out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /// Inputs of `candidate` whose body producer is already matched must come from that match.
    private boolean consistent(Node[] match, int at, Node candidate) {
        var p = pattern.get(at);
        for (int s = 0; s < p.inputs().size(); s++) {
            var v = p.input(s);
            var q = v == null ? null : index.get(v.producer());
            if (q != null && match[q] != null) {
                var actual = candidate.input(s);
                if (actual == null || actual.producer() != match[q] || match[q].output(v.producer().outputs().indexOf(v)) != actual) {
                    return false;
                }
            }
        }
        return true;
    }

    /// Checks the complete wiring: formal inputs bound consistently to outside values, internal values
    /// not used outside, and the matched set convex.
    private Occurrence verify(Node[] match) {
        var matched = NodeSelection.identitySet(List.of(match));
        var bindings = new IdentityHashMap<Value, Value>();
        for (int i = 0; i < pattern.size(); i++) {
            var p = pattern.get(i);
            for (int s = 0; s < p.inputs().size(); s++) {
                var formal = p.input(s);
                if (formal == null || index.containsKey(formal.producer())) {
                    continue;
                }
                var actual = match[i].input(s);
                if (!formal.isGraphInput() || (actual.producer() != null && matched.contains(actual.producer()))) {
                    return null;
                }
                var bound = bindings.putIfAbsent(formal, actual);
                if (bound != null && bound != actual) {
                    return null;
                }
            }
        }
        var body = function.body();
        var inputs = new ArrayList<Value>();
        for (var formal : body.inputs()) {
            var actual = bindings.get(formal);
            if (actual == null) {
                return null;
            }
            inputs.add(actual);
        }
        var outputs = new ArrayList<Value>();
        var returned = NodeSelection.identitySet(List.<Value>of());
        for (var formal : body.outputs()) {
            var producer = formal.producer();
            var actual = match[index.get(producer)].output(producer.outputs().indexOf(formal));
            outputs.add(actual);
            returned.add(actual);
        }
        var owners = NodeSelection.owners(graph);
        for (var n : match) {
            for (var v : n.outputs()) {
                if (v != null && !returned.contains(v) && (v.isGraphOutput()
                        || v.consumers().stream().anyMatch(c -> !matched.contains(NodeSelection.top(c, graph, owners))))) {
                    return null;
                }
            }
        }
        try {
            var selection = NodeSelection.of(matched);
            return new Occurrence(selection, inputs, outputs);
        } catch (EditException notConvex) {
            return null;
        }
    }
}
