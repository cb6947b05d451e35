package dev.loupe.model.check;

import dev.loupe.model.Function;
import dev.loupe.model.Model;
import dev.loupe.model.OpsetId;
import dev.loupe.model.schema.OpSchemas;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/// Checks a model against the rules of the ONNX specification, like the ONNX checker: a graph is present;
/// the IR version is set and supported; every domain a node uses is imported, at a version the IR version
/// allows; nodes are in topological order, assign each name once and read only defined values (names of
/// enclosing graphs count inside subgraphs); graph outputs are defined; there are no cycles; every
/// operator exists at the imported opset, with input and output counts, required attributes and attribute
/// types as its schema says; model-local functions pass the same checks against their own imports.
///
/// Problems are returned, never thrown; their order follows the model (model, main graph in node order,
/// then functions). Checking does not modify the model. Instances are immutable and thread-safe; a model
/// must not be edited while it is checked. Linear in the size of the model.
public final class Checker {

    private final OpSchemas schemas;

    /// A checker using the given operator schemas.
    public Checker(OpSchemas schemas) {
        this.schemas = schemas;
    }

    /// Checks `model` against the standard operator schemas.
    public static List<Problem> check(Model model) {
        return new Checker(OpSchemas.standard()).run(model);
    }

    /// Checks `model`; an empty list means it passed.
    public List<Problem> run(Model model) {
        var out = new ArrayList<Problem>();
        var imports = checkVersions(model, out);
        var functions = NodeChecker.LocalFunctions.of(model.functions());
        var graphs = new GraphChecker(new NodeChecker(schemas, functions, out), out);
        if (model.graph() == null) {
            out.add(Problem.error("model", "has no graph: expected a main graph"));
        } else {
            graphs.checkTopLevel(model.graph(), Locations.graph(model.graph()),
                    new OpsetContext(imports, null, model.irVersion()));
        }
        checkFunctions(model, imports, graphs, out);
        return out;
    }

    /// IR version and opset imports; returns the imports in force for the model's graphs.
    private static Map<String, Long> checkVersions(Model model, List<Problem> out) {
        var ir = model.irVersion();
        if (ir == null || ir < 1) {
            out.add(Problem.error("model", "IR version is " + (ir == null ? "not set" : ir)
                    + ": expected 1 to " + VersionRules.MAX_IR_VERSION));
        } else if (ir > VersionRules.MAX_IR_VERSION) {
            out.add(Problem.error("model", "IR version " + ir + " is newer than the newest Loupe supports ("
                    + VersionRules.MAX_IR_VERSION + ")"));
        }
        var opsets = model.opsetImports();
        if (opsets.isEmpty()) {
            if (ir == null || ir >= VersionRules.FIRST_IR_WITH_OPSET_IMPORT) {
                out.add(Problem.error("model", "imports no operator set: expected at least an ai.onnx opset_import entry"));
                return Map.of();
            }
            // IR versions before 3 had no opset imports: ai.onnx version 1 was implied.
            return Map.of(OpsetId.ONNX, 1L);
        }
        checkImports(opsets, ir, "model", out);
        return OpsetContext.importMap(opsets);
    }

    private static void checkImports(List<OpsetId> opsets, Long ir, String loc, List<Problem> out) {
        var seen = new HashSet<String>();
        for (var o : opsets) {
            var domain = OpsetId.canonicalDomain(o.domain());
            var where = loc + " / opset_import '" + NodeChecker.displayDomain(domain) + "'";
            if (!seen.add(domain)) {
                out.add(Problem.error(where, "is imported twice: expected one version per domain"));
                continue;
            }
            if (o.version() < 1) {
                out.add(Problem.error(where, "has version " + o.version() + ": expected 1 or more"));
                continue;
            }
            var minIr = VersionRules.minIrVersion(domain, o.version());
            if (minIr.isPresent() && ir != null && ir < minIr.getAsLong()) {
                // A warning: ONNX's own checker and runtimes accept such models (the ONNX test data has some).
                out.add(Problem.warning(where, "version " + o.version() + " first shipped with IR version "
                        + minIr.getAsLong() + ", but the model declares IR version " + ir + ": expected " + minIr.getAsLong() + " or newer"));
            } else if (minIr.isEmpty() && VersionRules.isStandardDomain(domain)) {
                out.add(Problem.warning(where, "version " + o.version() + " is newer than Loupe knows (newest: "
                        + VersionRules.newestKnownVersion(domain) + ")"));
            }
        }
    }

    private static void checkFunctions(Model model, Map<String, Long> modelImports, GraphChecker graphs, List<Problem> out) {
        var keys = new HashSet<String>();
        for (var fn : model.functions()) {
            var loc = Locations.function(fn);
            if (fn.name() == null || fn.name().isEmpty()) {
                out.add(Problem.error(loc, "has no name: expected the operator name it defines"));
            }
            if (!keys.add(NodeChecker.LocalFunctions.key(fn.domain(), fn.name(), fn.overload()))) {
                out.add(Problem.error(loc, "is defined twice with the same domain, name and overload"));
            }
            checkImports(fn.opsetImports(), model.irVersion(), loc, out);
            var imports = OpsetContext.importMap(fn.opsetImports());
            compareImports(fn, modelImports, out);
            graphs.checkTopLevel(fn.body(), loc, new OpsetContext(imports, fn, model.irVersion()));
        }
    }

    /// A function may import a domain at another version than the model, but operators may then mean
    /// different things in the body than in the graph.
    private static void compareImports(Function fn, Map<String, Long> modelImports, List<Problem> out) {
        for (var o : fn.opsetImports()) {
            var domain = OpsetId.canonicalDomain(o.domain());
            var modelVersion = modelImports.get(domain);
            if (modelVersion != null && modelVersion != o.version()) {
                out.add(Problem.warning(Locations.function(fn) + " / opset_import '" + NodeChecker.displayDomain(domain) + "'",
                        "version " + o.version() + " differs from the model's " + modelVersion
                                + ": expected the same version in functions and graph"));
            }
        }
    }
}
