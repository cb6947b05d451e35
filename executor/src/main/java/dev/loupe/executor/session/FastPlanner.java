package dev.loupe.executor.session;

import dev.loupe.executor.kernel.ConstantInput;
import dev.loupe.executor.kernel.ConstantTakingKernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.nn.ExpandedDepthwiseKernel;
import dev.loupe.executor.simd.Clamp;
import dev.loupe.executor.simd.VectorLoops;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Graph;
import dev.loupe.model.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// Compiles the main graph of an [ExecutionPlan] into the private plan of [ExecutionMode#FAST]. Nothing of
/// the model changes: the plan holds its own steps and precomputed values.
///
/// 1. **Constant folding.** A step of a standard (`ai.onnx`) operator whose inputs are all constants
///    (initializers that are not graph inputs, results folded before it) runs once, now, with its own kernel;
///    its results become precomputed values and the step is dropped. The same operators are left alone as in
///    [dev.loupe.executor.transform.ConstantFolding] (random ones, `Dropout`, quantization, nodes holding
///    subgraphs), and so are function calls and results over 16 MiB, which stay computed at run time.
/// 2. **Operand views** ([OperandViews]): a `MatMul` reads through the `Transpose`s, `Split`s and
///    `Reshape`s before it, in place, and those nodes are dropped.
/// 3. **Elementwise regions** ([ElementwiseRegions]): elementwise nodes mapping one value (a GELU written
///    out) become one step that passes the value through all of them block by block.
/// 4. **Conv + BatchNormalization** ([ConvBatchNormFolding]): the normalization's scale and shift are folded
///    into new weights and bias of the convolution.
/// 5. **Epilogues.** A `Relu`, `LeakyRelu`, `Clip`, `Add`, `Sub`, `Mul`, `Div`, `Where`, `Softmax` (over the
///    last axis), `LayerNormalization` (its `Y` alone) or region reading the result of a `Conv`, `Gemm`, `MatMul`
///    or elementwise `Add`/`Sub`/`Mul`/`Div` joins that step ([FusedKernel]), and chains on (`Conv` → `Add` →
///    `Relu`).
/// 6. **Expansion and depthwise layer as one step.** A float pointwise `Conv` (with its fused bound) whose
///    result only a depthwise `Conv` reads becomes one step with it ([ExpandedDepthwiseKernel]): the expanded
///    channels are computed a few at a time and go straight through the depthwise layer, never stored whole.
/// 7. **Weights taken by kernels.** Each constant input of a step's first node is offered to its kernel
///    ([ConstantTakingKernel]); a slot the kernel takes (weights packed into its own layout) reads nothing at
///    run time, and a value no step reads any more is not kept, so such weights are held once, packed.
///
/// A fusion applies only when the intermediate value is read by that one node slot and nothing else (no
/// other node, no subgraph) and is not a graph output. A fused step runs where its last node ran: its first
/// node's inputs are all ready by then, and nothing in between reads the intermediate.
final class FastPlanner {

    /// Results larger than this are not folded (the same default as `ConstantFolding`).
    private static final long MAX_FOLDED_BYTES = 16L << 20;
    private static final Set<String> NOT_FOLDED = Set.of("RandomNormal", "RandomUniform", "RandomNormalLike",
            "RandomUniformLike", "Multinomial", "Bernoulli", "Dropout", "QuantizeLinear", "DequantizeLinear");
    private static final Set<String> PRODUCERS = Set.of("Conv", "Gemm", "MatMul", "Add", "Sub", "Mul", "Div");

    /// What a kernel run at compile time sees: one thread, no cancellation, no subgraphs.
    private static final KernelContext FOLDING = new KernelContext() {
        @Override
        public void checkCancelled() {
        }

        @Override
        public RuntimeValue[] runSubgraph(Graph body, RuntimeValue[] inputs) {
            throw new IllegalStateException("no subgraphs while folding");
        }

        @Override
        public int threads() {
            return 1;
        }
    };

    /// Steps being built: the nodes of one step, its kernel inputs, and the in-place tail.
    private static final class Group {
        CompiledGraph.Step head;
        final List<Node> nodes = new ArrayList<>();
        final List<String> inputs;
        final List<FusedKernel.Stage> stages = new ArrayList<>();
        /// How many of [#inputs] the first node reads (set when the first stage joins).
        int headInputs;
        String[] outputs;

        Group(CompiledGraph.Step head, List<Node> absorbed) {
            this.head = head;
            this.nodes.add(head.node());
            this.nodes.addAll(absorbed);
            this.inputs = new ArrayList<>(Arrays.asList(head.inputs()));
            this.outputs = head.outputs();
        }

        /// The step's single result, or `null` when it has more than one named output.
        String single() {
            for (int i = 1; i < outputs.length; i++) {
                if (outputs[i] != null) {
                    return null;
                }
            }
            return outputs.length == 0 ? null : outputs[0];
        }
    }

    private final CompiledGraph main;
    private final Map<String, Tensor> precomputed = new LinkedHashMap<>();
    private final Set<String> graphOutputs = new HashSet<>();
    /// Values a `BatchNormalization` reads (a convolution producing one keeps it for folding).
    private final Set<String> normalized = new HashSet<>();
    /// For a step that took other nodes in ([OperandViews], [ElementwiseRegions]), those nodes.
    private final Map<CompiledGraph.Step, List<Node>> absorbed = new IdentityHashMap<>();
    private int fresh;

    private FastPlanner(CompiledGraph main) {
        this.main = main;
        graphOutputs.addAll(main.outputNames());
    }

    /// `plan` with its main graph replaced by the optimized one.
    static ExecutionPlan optimize(ExecutionPlan plan) {
        var optimized = new FastPlanner(plan.main()).build();
        var graphs = new IdentityHashMap<>(plan.graphs());
        graphs.put(optimized.graph(), optimized);
        return new ExecutionPlan(optimized, graphs);
    }

    private CompiledGraph build() {
        var steps = new ArrayList<CompiledGraph.Step>();
        for (var step : main.steps()) {
            if (!fold(step)) {
                steps.add(step);
            }
        }
        var views = OperandViews.absorb(steps, graphOutputs, this::constant, uses(steps));
        var regions = ElementwiseRegions.absorb(views.steps(), main.inputNames(), graphOutputs, this::constant,
                uses(views.steps()));
        absorbed.putAll(views.absorbed());
        absorbed.putAll(regions.absorbed());
        steps = new ArrayList<>(regions.steps());
        var uses = uses(steps);
        for (var step : steps) {
            if (step.node().opType().equals("BatchNormalization") && step.inputs().length > 0) {
                normalized.add(step.inputs()[0]);
            }
        }
        var groups = new ArrayList<Group>();
        var producer = new HashMap<String, Group>();
        for (var step : steps) {
            var joined = join(step, producer, uses);
            var group = joined != null ? joined : new Group(step, absorbed.getOrDefault(step, List.of()));
            if (joined != null) {
                groups.remove(joined);
            }
            groups.add(group);
            for (var name : group.outputs) {
                if (name != null) {
                    producer.put(name, group);
                }
            }
        }
        groups.forEach(this::offerConstants);
        var lifetimes = Lifetimes.ofSteps(main.graph(), groups.stream().map(g -> g.nodes).toList());
        var result = new ArrayList<CompiledGraph.Step>();
        for (int i = 0; i < groups.size(); i++) {
            var g = groups.get(i);
            var kernel = g.stages.isEmpty() ? g.head.kernel() : new FusedKernel(g.head.kernel(), g.headInputs, g.stages);
            result.add(new CompiledGraph.Step(i, g.head.node(), kernel, g.head.opsetVersion(),
                    g.inputs.toArray(String[]::new), g.outputs, lifetimes.releasedAfter(i)));
        }
        precomputed.keySet().retainAll(read(groups));
        return new CompiledGraph(main.graph(), result, main.initializers(), precomputed);
    }

    // ---- weights taken by kernels

    /// Offers the constant inputs of `g`'s first node to its kernel; a slot the kernel takes reads nothing.
    private void offerConstants(Group g) {
        if (!(g.head.kernel() instanceof ConstantTakingKernel taking)) {
            return;
        }
        int headInputs = g.stages.isEmpty() ? g.inputs.size() : g.headInputs;
        for (int slot = 0; slot < headInputs; slot++) {
            var value = offered(g.inputs.get(slot));
            if (value != null && taking.take(slot, value)) {
                g.inputs.set(slot, null);
            }
        }
    }

    /// Constant `name` as offered to a kernel: a value made here, or an initializer as the model stores it.
    private ConstantInput offered(String name) {
        if (name == null || !isConstant(name)) {
            return null;
        }
        var made = precomputed.get(name);
        return made != null ? ConstantInput.computed(made) : ConstantInput.stored(main.initializers().get(name));
    }

    /// The names the steps of `groups` read (their inputs, and what the subgraphs of their nodes use from
    /// this graph) and the graph's outputs.
    private Set<String> read(List<Group> groups) {
        var names = new HashSet<>(graphOutputs);
        for (var g : groups) {
            for (var name : g.inputs) {
                if (name != null) {
                    names.add(name);
                }
            }
            for (var node : g.nodes) {
                if (!node.subgraphs().isEmpty()) {
                    TopologicalOrder.reads(node).forEach(v -> names.add(v.name()));
                }
            }
        }
        return names;
    }

    // ---- constant folding

    private boolean isConstant(String name) {
        return precomputed.containsKey(name) || (main.initializers().containsKey(name) && !main.inputNames().contains(name));
    }

    /// The value of constant `name`: folded or made by a fusion here, or an initializer; `null` otherwise.
    private Tensor constant(String name) {
        if (name == null || !isConstant(name)) {
            return null;
        }
        var made = precomputed.get(name);
        return made != null ? made : main.constant(name);
    }

    /// Runs `step` now when its inputs are all constants; whether it was folded.
    private boolean fold(CompiledGraph.Step step) {
        var node = step.node();
        if (!node.canonicalDomain().isEmpty() || !node.subgraphs().isEmpty() || step.kernel() instanceof FunctionKernel
                || NOT_FOLDED.contains(node.opType())) {
            return false;
        }
        var inputs = new RuntimeValue[step.inputs().length];
        for (int i = 0; i < inputs.length; i++) {
            var name = step.inputs()[i];
            if (name != null && (inputs[i] = constant(name)) == null) {
                return false;
            }
        }
        RuntimeValue[] outputs;
        try {
            outputs = step.kernel().run(inputs, FOLDING);
        } catch (RuntimeException e) {
            return false;
        }
        if (outputs == null) {
            return false;
        }
        for (int i = 0; i < step.outputs().length; i++) {
            if (step.outputs()[i] != null && !(i < outputs.length && outputs[i] instanceof Tensor t && t.byteSize() <= MAX_FOLDED_BYTES)) {
                return false;
            }
        }
        for (int i = 0; i < step.outputs().length; i++) {
            if (step.outputs()[i] != null) {
                precomputed.put(step.outputs()[i], (Tensor) outputs[i]);
            }
        }
        return true;
    }

    // ---- fusion

    /// How many input slots of the remaining steps read each name, plus one per node whose subgraphs read it.
    private static Map<String, Integer> uses(List<CompiledGraph.Step> steps) {
        var uses = new HashMap<String, Integer>();
        for (var step : steps) {
            for (var name : step.inputs()) {
                if (name != null) {
                    uses.merge(name, 1, Integer::sum);
                }
            }
            // The node's own inputs are counted as the step's (a step that took other nodes in reads other names).
            var direct = new HashSet<>(Arrays.asList(step.inputs()));
            step.node().inputs().forEach(v -> direct.add(v == null ? null : v.name()));
            for (var v : TopologicalOrder.reads(step.node())) {
                if (!direct.contains(v.name())) {
                    uses.merge(v.name(), 1, Integer::sum);
                }
            }
        }
        return uses;
    }

    /// The group `step` joins (changed to include it), or `null` when it starts one of its own.
    private Group join(CompiledGraph.Step step, Map<String, Group> producer, Map<String, Integer> uses) {
        var node = step.node();
        if (!node.canonicalDomain().isEmpty() || !node.subgraphs().isEmpty() || step.kernel() instanceof FunctionKernel) {
            return null;
        }
        for (int slot = 0; slot < step.inputs().length; slot++) {
            var y = step.inputs()[slot];
            var g = y == null ? null : producer.get(y);
            if (g == null || !y.equals(g.single()) || uses.getOrDefault(y, 0) != 1 || graphOutputs.contains(y)) {
                continue;
            }
            if (node.opType().equals("BatchNormalization") && slot == 0 && foldBatchNorm(g, step)) {
                return g;
            }
            if (node.opType().equals("Conv") && slot == 0 && node.canonicalDomain().isEmpty() && expandDepthwise(g, step)) {
                return g;
            }
            var epilogue = epilogue(step, slot);
            var head = g.nodes.getFirst();
            if (epilogue != null && head.canonicalDomain().isEmpty() && PRODUCERS.contains(head.opType())) {
                if (g.stages.isEmpty()) {
                    g.headInputs = g.inputs.size();
                }
                var sources = new int[step.inputs().length];
                for (int i = 0; i < sources.length; i++) {
                    var name = step.inputs()[i];
                    if (i == slot) {
                        sources[i] = -1;
                    } else {
                        sources[i] = g.inputs.size();
                        g.inputs.add(name);
                    }
                }
                g.stages.add(new FusedKernel.Stage(step.kernel(), epilogue, sources));
                g.nodes.add(node);
                g.nodes.addAll(absorbed.getOrDefault(step, List.of()));
                g.outputs = step.outputs();
                return g;
            }
        }
        return null;
    }

    /// Folds `bn` into `g` when `g` is a lone float `Conv` with constant weights ([ConvBatchNormFolding]).
    private boolean foldBatchNorm(Group g, CompiledGraph.Step bn) {
        var conv = g.head.node();
        if (g.nodes.size() != 1 || !conv.opType().equals("Conv") || !conv.canonicalDomain().isEmpty()
                || g.inputs.size() < 2 || bn.inputs().length != 5) {
            return false;
        }
        var w = constant(g.inputs.get(1));
        var b = g.inputs.size() > 2 ? constant(g.inputs.get(2)) : null;
        if (g.inputs.size() > 2 && g.inputs.get(2) != null && b == null) {
            return false;
        }
        var params = new Tensor[4];
        for (int i = 0; i < 4; i++) {
            params[i] = constant(bn.inputs()[i + 1]);
        }
        var folded = ConvBatchNormFolding.fold(w, b, bn.node(), bn.opsetVersion(), params);
        if (folded == null) {
            return false;
        }
        g.inputs.set(1, precompute(g.inputs.get(1), folded[0]));
        var bias = precompute(conv.name() + ".bias", folded[1]);
        if (g.inputs.size() > 2) {
            g.inputs.set(2, bias);
        } else {
            g.inputs.add(bias);
        }
        g.nodes.add(bn.node());
        g.outputs = bn.outputs();
        return true;
    }

    /// Makes `g` and the `Conv` `dw` reading its result one step ([ExpandedDepthwiseKernel]) when `g` is a
    /// float pointwise `Conv` (a folded normalization and one bound by `Relu` or `Clip` allowed) and `dw` a
    /// depthwise one whose result no `BatchNormalization` reads (it folds into `dw` instead), all weights and
    /// bounds constant.
    private boolean expandDepthwise(Group g, CompiledGraph.Step dw) {
        var conv = g.head.node();
        if (!conv.opType().equals("Conv") || !conv.canonicalDomain().isEmpty() || g.stages.size() > 1
                || Arrays.stream(dw.outputs()).anyMatch(normalized::contains)) {
            return false;
        }
        int headInputs = g.stages.isEmpty() ? g.inputs.size() : g.headInputs;
        var convInputs = g.inputs.subList(0, headInputs);
        var dwInputs = Arrays.asList(dw.inputs());
        if (!constantsFrom(convInputs, 1) || !constantsFrom(dwInputs, 1)) {
            return false;
        }
        Clamp bound = null;
        if (!g.stages.isEmpty()) {
            var stage = g.stages.getFirst();
            var in = new RuntimeValue[stage.sources().length];
            for (int i = 0; i < in.length; i++) {
                var name = stage.sources()[i] < 0 ? null : g.inputs.get(stage.sources()[i]);
                if (name != null && (in[i] = constant(name)) == null) {
                    return false;
                }
            }
            var bounds = stage.epilogue().bounds(in);
            if (bounds == null) {
                return false;
            }
            bound = new Clamp(bounds[0], bounds[1]);
        }
        // Specs without the model: the kernel reads only the nodes' attributes.
        var kernel = ExpandedDepthwiseKernel.of(new NodeSpec(conv, g.head.opsetVersion(), null), constant(convInputs.get(1)),
                optionalConstant(convInputs, 2), bound, new NodeSpec(dw.node(), dw.opsetVersion(), null),
                constant(dwInputs.get(1)), optionalConstant(dwInputs, 2));
        if (kernel == null) {
            return false;
        }
        var x = g.inputs.getFirst();
        g.head = new CompiledGraph.Step(g.head.index(), conv, kernel, g.head.opsetVersion(), new String[] {x}, dw.outputs(),
                g.head.releaseAfter());
        g.inputs.clear();
        g.inputs.add(x);
        g.stages.clear();
        g.nodes.add(dw.node());
        g.outputs = dw.outputs();
        return true;
    }

    /// Whether every named one of `names` from index `first` on is a constant (and there are at most three).
    private boolean constantsFrom(List<String> names, int first) {
        if (names.size() > 3 || names.size() <= first) {
            return false;
        }
        for (int i = first; i < names.size(); i++) {
            if (names.get(i) != null && constant(names.get(i)) == null) {
                return false;
            }
        }
        return true;
    }

    private Tensor optionalConstant(List<String> names, int i) {
        return i < names.size() ? constant(names.get(i)) : null;
    }

    /// The in-place form of `step` reading the previous result in `slot`, or `null` when it has none.
    private static Epilogue epilogue(CompiledGraph.Step step, int slot) {
        if (step.kernel() instanceof ElementwiseRegion region) {
            return region;
        }
        var node = step.node();
        long version = step.opsetVersion();
        if (node.outputs().size() != 1) {
            return null;
        }
        return switch (node.opType()) {
            case "Relu" -> slot == 0 ? new Epilogue.Relu() : null;
            case "LeakyRelu" -> slot == 0 ? new Epilogue.LeakyRelu(node.floatAttr("alpha", 0.01f)) : null;
            case "Clip" -> slot == 0 ? new Epilogue.Clip(version >= 11, node.floatAttr("min", -Float.MAX_VALUE),
                    node.floatAttr("max", Float.MAX_VALUE)) : null;
            case "Add" -> new Epilogue.Binary(VectorLoops.Binary.ADD, slot);
            case "Mul" -> new Epilogue.Binary(VectorLoops.Binary.MUL, slot);
            case "Sub" -> slot == 0 ? new Epilogue.Binary(VectorLoops.Binary.SUB, 0) : null;
            case "Div" -> slot == 0 ? new Epilogue.Binary(VectorLoops.Binary.DIV, 0) : null;
            case "Where" -> slot == 1 || slot == 2 ? new Epilogue.Select(slot) : null;
            case "Softmax" -> slot == 0 ? new Epilogue.Softmax(node.intAttr("axis", version >= 13 ? -1 : 1)) : null;
            case "LayerNormalization" -> slot == 0 && node.intAttr("stash_type", 1) == 1
                    ? new Epilogue.LayerNorm(node.intAttr("axis", -1), node.floatAttr("epsilon", 1e-5f)) : null;
            default -> null;
        };
    }

    /// Registers a value made by a fusion under a name no model value can have.
    private String precompute(String basis, Tensor value) {
        var name = "\u0000fast" + (fresh++) + ":" + basis;
        precomputed.put(name, value);
        return name;
    }
}
