package dev.loupe.model.check;

import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeType;
import dev.loupe.model.Function;
import dev.loupe.model.Node;
import dev.loupe.model.OpsetId;
import dev.loupe.model.schema.FormalParameter;
import dev.loupe.model.schema.OpSchema;
import dev.loupe.model.schema.OpSchemas;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/// Checks one node against what it calls: the operator schema in force for the imported opset, or a
/// model-local function. Structure (names, order) is [GraphChecker]'s job.
final class NodeChecker {

    private final OpSchemas schemas;
    private final LocalFunctions functions;
    private final List<Problem> out;
    /// Canonical domain → the newest since-version in the schema catalogue.
    private final Map<String, Long> catalogueEnd = new HashMap<>();

    NodeChecker(OpSchemas schemas, LocalFunctions functions, List<Problem> out) {
        this.schemas = schemas;
        this.functions = functions;
        this.out = out;
    }

    void check(Node node, String loc, OpsetContext ctx) {
        if (node.opType() == null || node.opType().isEmpty()) {
            out.add(Problem.error(loc, "node has no op_type: expected an operator name"));
            return;
        }
        var domain = node.canonicalDomain();
        var version = ctx.imports().get(domain);
        var local = functions.find(node);
        if (version == null) {
            out.add(Problem.error(loc, "domain '" + displayDomain(domain) + "' is not imported by " + ctx.owner()
                    + ": expected an opset_import entry for it"));
        }
        if (local != null) {
            checkCall(node, loc, local, ctx);
            return;
        }
        if (version == null) {
            return;
        }
        if (!VersionRules.isStandardDomain(domain) && !schemas.domains().contains(domain)) {
            out.add(Problem.warning(loc, "operator '" + node.opType() + "' of custom domain '" + domain
                    + "' has no schema and no model-local function: its inputs and attributes are not checked"));
            return;
        }
        var schema = schemas.find(domain, node.opType(), version);
        if (schema.isEmpty()) {
            unknownOperator(node, loc, domain, version);
            return;
        }
        checkAgainstSchema(node, loc, schema.get(), version > catalogueEnd(domain), ctx);
    }

    private void unknownOperator(Node node, String loc, String domain, long version) {
        var versions = schemas.versions(domain, node.opType());
        var op = "'" + node.opType() + "'";
        if (!versions.isEmpty()) {
            out.add(Problem.error(loc, op + " first appears in opset " + versions.getFirst().sinceVersion() + " of "
                    + displayDomain(domain) + ", but the imported version is " + version));
        } else if (version > catalogueEnd(domain)) {
            out.add(Problem.warning(loc, op + " is not in Loupe's schemas of " + displayDomain(domain) + ", which end at opset "
                    + catalogueEnd(domain) + " (the model imports " + version + "): not checked"));
        } else {
            out.add(Problem.error(loc, op + " is not an operator of " + displayDomain(domain) + " at opset " + version));
        }
    }

    private void checkAgainstSchema(Node node, String loc, OpSchema schema, boolean beyondCatalogue, OpsetContext ctx) {
        // The catalogue may lag the model's opset; then the schema in force may differ, so only warn.
        var severity = beyondCatalogue ? Problem.Severity.WARNING : Problem.Severity.ERROR;
        var suffix = beyondCatalogue ? " (checked against " + schema + ", the newest schema Loupe has)" : "";
        if (schema.deprecated()) {
            out.add(Problem.warning(loc, schema + " is deprecated by ONNX: expected a replacement operator"));
        }
        int inputs = node.inputs().size();
        if (!schema.inputArity().allows(inputs)) {
            out.add(new Problem(severity, loc, "has " + count(inputs, "input") + " but " + schema + " takes "
                    + schema.inputArity() + suffix));
        }
        int outputs = node.outputs().size();
        if (!schema.outputArity().allows(outputs)) {
            out.add(new Problem(severity, loc, "has " + count(outputs, "output") + " but " + schema + " produces "
                    + schema.outputArity() + suffix));
        }
        for (int i = 0; i < inputs; i++) {
            var formal = formal(schema.inputs(), i);
            if (node.input(i) == null && formal != null && formal.option() == FormalParameter.Option.SINGLE) {
                out.add(new Problem(severity, loc, "input " + i + " ('" + formal.name() + "') is empty but "
                        + schema + " requires it" + suffix));
            }
        }
        for (var attr : node.attributes().values()) {
            checkAttribute(attr, loc, schema, severity, suffix, ctx);
        }
        for (var spec : schema.attributes()) {
            if (spec.required() && !node.attributes().containsKey(spec.name())) {
                out.add(new Problem(severity, loc, "required attribute '" + spec.name() + "' of " + schema
                        + " is missing: expected a value of type " + spec.type() + suffix));
            }
        }
    }

    private void checkAttribute(Attribute attr, String nodeLoc, OpSchema schema, Problem.Severity severity,
                                String suffix, OpsetContext ctx) {
        var loc = Locations.attribute(nodeLoc, attr.name());
        var spec = schema.attribute(attr.name());
        if (spec.isEmpty()) {
            var known = schema.attributes().isEmpty() ? "none"
                    : schema.attributes().stream().map(a -> a.name()).collect(Collectors.joining(", "));
            out.add(new Problem(severity, loc, "is not an attribute of " + schema + ": expected one of " + known + suffix));
            return;
        }
        if (attr.isReference()) {
            checkReference(attr, loc, ctx);
        }
        var type = attr.isReference() && attr.declaredType() != null ? attr.declaredType() : attr.type();
        if (type == AttributeType.UNDEFINED) {
            out.add(Problem.error(loc, "has no type: expected " + spec.get().type()));
        } else if (type != spec.get().type()) {
            out.add(new Problem(severity, loc, "has type " + type + " but " + schema + " expects "
                    + spec.get().type() + suffix));
        }
    }

    private void checkReference(Attribute attr, String loc, OpsetContext ctx) {
        var fn = ctx.function();
        if (fn == null) {
            out.add(Problem.error(loc, "refers to function attribute '" + attr.refAttrName()
                    + "' outside a function body: expected a value"));
        } else if (!fn.attributeNames().contains(attr.refAttrName())
                && fn.attributeDefaults().stream().noneMatch(a -> a.name().equals(attr.refAttrName()))) {
            out.add(Problem.error(loc, "refers to attribute '" + attr.refAttrName() + "' that "
                    + Locations.function(fn) + " does not declare"));
        }
    }

    private void checkCall(Node node, String loc, Function fn, OpsetContext ctx) {
        var body = fn.body();
        var name = Locations.function(fn);
        if (node.inputs().size() > body.inputs().size()) {
            out.add(Problem.error(loc, "has " + count(node.inputs().size(), "input") + " but " + name + " takes "
                    + body.inputs().size()));
        }
        if (node.outputs().size() > body.outputs().size()) {
            out.add(Problem.error(loc, "has " + count(node.outputs().size(), "output") + " but " + name
                    + " produces " + body.outputs().size()));
        }
        for (var attr : node.attributes().values()) {
            if (attr.isReference()) {
                checkReference(attr, Locations.attribute(loc, attr.name()), ctx);
            }
            if (!fn.attributeNames().contains(attr.name())
                    && fn.attributeDefaults().stream().noneMatch(a -> a.name().equals(attr.name()))) {
                out.add(Problem.warning(Locations.attribute(loc, attr.name()), "is not declared by " + name
                        + ": expected one of its attribute parameters"));
            }
        }
    }

    private long catalogueEnd(String domain) {
        return catalogueEnd.computeIfAbsent(domain, d -> schemas.opTypes(d).stream()
                .flatMap(op -> schemas.versions(d, op).stream())
                .mapToLong(OpSchema::sinceVersion).max().orElse(0));
    }

    /// The formal parameter at position `i`, the last one standing for all further positions when variadic.
    static FormalParameter formal(List<FormalParameter> params, int i) {
        if (i < params.size()) {
            return params.get(i);
        }
        if (!params.isEmpty() && params.getLast().option() == FormalParameter.Option.VARIADIC) {
            return params.getLast();
        }
        return null;
    }

    static String displayDomain(String domain) {
        return domain.isEmpty() ? "ai.onnx" : domain;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /// The model-local functions, by domain, name and overload.
    record LocalFunctions(Map<String, Function> byKey) {

        static LocalFunctions of(List<Function> functions) {
            var map = new HashMap<String, Function>();
            for (var f : functions) {
                map.putIfAbsent(key(f.domain(), f.name(), f.overload()), f);
            }
            return new LocalFunctions(map);
        }

        Function find(Node node) {
            return byKey.isEmpty() ? null : byKey.get(key(node.domain(), node.opType(), node.overload()));
        }

        static String key(String domain, String name, String overload) {
            return OpsetId.canonicalDomain(domain) + "\u0000" + name + "\u0000" + (overload == null ? "" : overload);
        }
    }
}
