package dev.loupe.executor.session;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.OpsetId;
import dev.loupe.model.TensorData;
import dev.loupe.model.schema.FunctionBody;
import dev.loupe.model.schema.OpSchema;
import dev.loupe.model.schema.OpSchemas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/// Compiles a model's graphs: orders each graph's nodes topologically (file order breaks ties), picks each
/// node's kernel by the opset version of its domain, expands function calls that have no kernel, and works
/// out value lifetimes. Every problem is found here, before anything runs.
final class GraphCompiler {

    private static final int MAX_FUNCTION_NESTING = 64;

    private final Model model;
    private final KernelRegistry registry;
    private final OpSchemas schemas;
    private final Map<Graph, CompiledGraph> compiled = new IdentityHashMap<>();

    private GraphCompiler(Model model, KernelRegistry registry) {
        this.model = model;
        this.registry = registry;
        this.schemas = OpSchemas.standard();
    }

    /// @throws SessionException (often [UnsupportedOperatorException]) naming the first problem found
    static ExecutionPlan compile(Model model, KernelRegistry registry) {
        if (model.graph() == null) {
            throw new SessionException("the model has no graph");
        }
        var compiler = new GraphCompiler(model, registry);
        var main = compiler.compileGraph(model.graph(), imports(model.opsetImports(), Map.of()), 0);
        return new ExecutionPlan(main, compiler.compiled);
    }

    private static Map<String, Long> imports(List<OpsetId> own, Map<String, Long> fallback) {
        var m = new HashMap<>(fallback);
        for (var o : own) {
            m.put(OpsetId.canonicalDomain(o.domain()), o.version());
        }
        return m;
    }

    private CompiledGraph compileGraph(Graph g, Map<String, Long> imports, int functionDepth) {
        var order = TopologicalOrder.of(g);
        var initializers = new LinkedHashMap<String, TensorData>();
        for (var v : g.initializers()) {
            initializers.put(v.name(), v.initializer());
        }
        var lifetimes = Lifetimes.of(g, order);
        var steps = new ArrayList<CompiledGraph.Step>(order.size());
        for (int i = 0; i < order.size(); i++) {
            var node = order.get(i);
            checkInputsDefined(node);
            for (var sub : node.subgraphs()) {
                compileGraph(sub, imports, functionDepth);
            }
            var domain = node.canonicalDomain();
            long version = imports.getOrDefault(domain, -1L);
            var kernel = kernelFor(node, version, imports, functionDepth);
            steps.add(new CompiledGraph.Step(i, node, kernel, version, names(node.inputs()), names(node.outputs()),
                    lifetimes.releasedAfter(i)));
        }
        var result = new CompiledGraph(g, steps, initializers);
        compiled.put(g, result);
        return result;
    }

    private Kernel kernelFor(Node node, long version, Map<String, Long> imports, int functionDepth) {
        var domain = node.canonicalDomain();
        var local = model.functionFor(node);
        if (version < 0 && local.isEmpty()) {
            throw new UnsupportedOperatorException(node.opType(), domain, 0, node.displayName(),
                    "the model does not import domain " + UnsupportedOperatorException.displayDomain(domain));
        }
        var registration = version < 0 ? java.util.Optional.<KernelRegistry.Registration>empty()
                : registry.resolve(domain, node.opType(), version);
        if (registration.isPresent()) {
            try {
                return registration.get().factory().create(new NodeSpec(node, version, model));
            } catch (KernelException | IllegalArgumentException e) {
                throw new SessionException(NodeExecutionException.where(node, FramePath.ROOT) + ": "
                        + SessionException.firstLine(e), e);
            }
        }
        if (functionDepth >= MAX_FUNCTION_NESTING) {
            throw new SessionException(NodeExecutionException.where(node, FramePath.ROOT)
                    + ": functions nest more than " + MAX_FUNCTION_NESTING + " deep (a function that calls itself?)");
        }
        if (local.isPresent()) {
            var f = local.get();
            var body = FunctionExpander.expand(f, FunctionExpander.bindings(node, f.attributeDefaults()));
            compileGraph(body, imports(f.opsetImports(), imports), functionDepth + 1);
            return new FunctionKernel(body, node.outputs().size());
        }
        var schema = schemas.find(domain, node.opType(), version);
        if (schema.isPresent() && schema.get().functionBody() instanceof FunctionBody.Stored stored) {
            var f = stored.decode();
            var defaults = new ArrayList<>(f.attributeDefaults());
            schema.get().attributes().stream().filter(a -> a.hasDefault()).map(a -> a.defaultValue()).forEach(defaults::add);
            var body = FunctionExpander.expand(f, FunctionExpander.bindings(node, defaults));
            compileGraph(body, imports(f.opsetImports(), imports), functionDepth + 1);
            return new FunctionKernel(body, node.outputs().size());
        }
        throw new UnsupportedOperatorException(node.opType(), domain, version, node.displayName(), detail(node, version, schema.orElse(null)));
    }

    private String detail(Node node, long version, OpSchema schema) {
        var versions = registry.versions(node.canonicalDomain(), node.opType());
        if (!versions.isEmpty()) {
            return "Loupe has kernels from version " + versions.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " only";
        }
        if (schema == null) {
            return schemas.versions(node.canonicalDomain(), node.opType()).isEmpty()
                    ? "no such operator in this domain" : "the operator does not exist yet at opset " + version;
        }
        return schema.functionBody() instanceof FunctionBody.ContextDependent
                ? "no kernel, and its function body depends on the node's types, which Loupe cannot expand"
                : "no kernel for it yet";
    }

    private static void checkInputsDefined(Node node) {
        for (var v : node.inputs()) {
            if (v != null && !v.name().isEmpty() && !v.isDefined()) {
                throw new SessionException(NodeExecutionException.where(node, FramePath.ROOT) + " reads '" + v.name()
                        + "', which no node, input or initializer defines");
            }
        }
    }

    private static String[] names(List<dev.loupe.model.Value> values) {
        var out = new String[values.size()];
        for (int i = 0; i < out.length; i++) {
            var v = values.get(i);
            out[i] = v == null || v.name().isEmpty() ? null : v.name();
        }
        return out;
    }
}
