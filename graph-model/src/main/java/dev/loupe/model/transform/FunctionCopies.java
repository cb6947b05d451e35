package dev.loupe.model.transform;

import dev.loupe.model.Function;
import dev.loupe.model.Graph;
import dev.loupe.model.Value;
import java.util.function.UnaryOperator;

/// Deep copies of model-local functions, so that a new model never shares a body with its source.
final class FunctionCopies {

    private FunctionCopies() {
    }

    static Function copy(Function f) {
        var from = f.body();
        var body = new Graph(null, from.name());
        UnaryOperator<Value> map = v -> {
            var copy = body.value(v.name());
            if (copy == null) {
                copy = body.valueOrCreate(v.name());
                GraphCopier.copyValueInfo(v, copy);
            }
            return copy;
        };
        from.inputs().forEach(v -> body.addInput(map.apply(v)));
        var copier = new GraphCopier(map, UnaryOperator.identity());
        from.nodes().forEach(n -> copier.copyNode(n, body, n.name()));
        from.outputs().forEach(v -> body.addOutput(map.apply(v)));
        from.valueInfos().forEach(v -> body.addValueInfo(map.apply(v)));
        var copy = new Function(f.name(), f.domain(), body);
        copy.setOverload(f.overload());
        copy.setAttributeNames(f.attributeNames());
        copy.setAttributeDefaults(f.attributeDefaults());
        copy.setOpsetImports(f.opsetImports());
        copy.setDocString(f.docString());
        copy.setMetadataProps(f.metadataProps());
        copy.setExtras(f.extras());
        return copy;
    }
}
