package dev.loupe.model.infer;

import dev.loupe.model.Function;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.OpsetId;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import dev.loupe.model.check.Locations;
import dev.loupe.model.check.Problem;
import dev.loupe.model.schema.FunctionBody;
import dev.loupe.model.schema.OpSchema;
import dev.loupe.model.schema.OpSchemas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/// One run of shape inference over one model: the shared state of the graph and function walks, and
/// the final write-back of inferred types to the model's values.
final class InferenceSession {

    private final OpSchemas schemas;
    private final Rules rules;
    private final Model model;
    private final Map<String, Function> localFunctions = new HashMap<>();
    private final Map<OpSchema, Function> storedBodies = new IdentityHashMap<>();
    /// Types inferred in model-local function bodies, agreed by all calls; `null` marks a disagreement.
    private final Map<Value, TypeInfo> functionTypes = new HashMap<>();
    private final LinkedHashSet<Problem> problems = new LinkedHashSet<>();

    InferenceSession(OpSchemas schemas, Rules rules, Model model) {
        this.schemas = schemas;
        this.rules = rules;
        this.model = model;
        for (var f : model.functions()) {
            localFunctions.putIfAbsent(key(f.domain(), f.name(), f.overload()), f);
        }
    }

    List<Problem> run() {
        var graph = model.graph();
        if (graph == null) {
            return List.of();
        }
        clear(graph);
        for (var f : model.functions()) {
            clear(f.body());
        }
        var main = new GraphInferrer(this, importMap(model.opsetImports()), name -> null, 0, true);
        main.walk(graph, Locations.graph(graph));
        main.types.forEach(Value::setInferredType);
        functionTypes.forEach((v, t) -> {
            if (t != null) {
                v.setInferredType(t);
            }
        });
        return new ArrayList<>(problems);
    }

    private static void clear(Graph graph) {
        for (var v : graph.values()) {
            v.setInferredType(null);
        }
        for (var node : graph.nodes()) {
            for (var g : node.subgraphs()) {
                clear(g);
            }
        }
    }

    OpSchemas schemas() {
        return schemas;
    }

    Rules rules() {
        return rules;
    }

    /// Whether initializers are constants even when they are graph inputs too (IR version 3 and older,
    /// where every initializer had to be an input).
    boolean initializersAreConstant() {
        return model.irVersion() != null && model.irVersion() <= 3;
    }

    /// The model-local function `node` calls, or `null`.
    Function localFunction(Node node) {
        return localFunctions.isEmpty() ? null : localFunctions.get(key(node.domain(), node.opType(), node.overload()));
    }

    /// The decoded body of a standard operator defined as a function, decoded once per run.
    Function body(OpSchema schema, FunctionBody.Stored stored) {
        return storedBodies.computeIfAbsent(schema, s -> stored.decode());
    }

    void recordFunctionTypes(Map<Value, TypeInfo> types) {
        types.forEach((v, t) -> {
            if (!functionTypes.containsKey(v)) {
                functionTypes.put(v, t);
            } else if (functionTypes.get(v) != null && !Types.agree(functionTypes.get(v), t)) {
                functionTypes.put(v, null);
            }
        });
    }

    void warn(String location, String message) {
        problems.add(Problem.warning(location, message));
    }

    static Map<String, Long> importMap(List<OpsetId> opsets) {
        var map = new HashMap<String, Long>();
        for (var o : opsets) {
            map.putIfAbsent(OpsetId.canonicalDomain(o.domain()), o.version());
        }
        if (map.isEmpty()) {
            map.put(OpsetId.ONNX, 1L);
        }
        return map;
    }

    private static String key(String domain, String name, String overload) {
        return OpsetId.canonicalDomain(domain) + "\u0000" + name + "\u0000" + (overload == null ? "" : overload);
    }
}
