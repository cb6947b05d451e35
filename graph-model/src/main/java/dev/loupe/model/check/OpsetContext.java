package dev.loupe.model.check;

import dev.loupe.model.Function;
import dev.loupe.model.OpsetId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// The operator sets in force for the nodes being checked: the model's imports, or a model-local
/// function's own imports inside its body.
///
/// @param imports canonical domain → imported version
/// @param function the function whose body is being checked, or `null` in the model's graphs
/// @param irVersion the model's IR version, or `null` when it is not set
record OpsetContext(Map<String, Long> imports, Function function, Long irVersion) {

    OpsetContext {
        imports = Map.copyOf(imports);
    }

    /// The imports as a map, the first entry winning when a domain is listed twice.
    static Map<String, Long> importMap(List<OpsetId> opsets) {
        var map = new HashMap<String, Long>();
        for (var o : opsets) {
            map.putIfAbsent(OpsetId.canonicalDomain(o.domain()), o.version());
        }
        return map;
    }

    /// `the model`, or `function 'f'` inside a function body.
    String owner() {
        return function == null ? "the model" : Locations.function(function);
    }
}
