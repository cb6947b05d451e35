package dev.loupe.executor.session;

import dev.loupe.executor.tensor.RuntimeValue;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/// The outcome of a completed run.
///
/// @param outputs       the graph's outputs by name, in the graph's order
/// @param nodeStats     per-node statistics in the order nodes first ran
/// @param nanos         wall time of the whole run
/// @param peakLiveBytes the most bytes live values held at once
public record RunResult(Map<String, RuntimeValue> outputs, List<NodeStats> nodeStats, long nanos, long peakLiveBytes) {

    public RunResult {
        outputs = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        nodeStats = List.copyOf(nodeStats);
    }

    public RuntimeValue output(String name) {
        var v = outputs.get(name);
        if (v == null && !outputs.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is not an output (outputs: " + String.join(", ", outputs.keySet()) + ")");
        }
        return v;
    }
}
