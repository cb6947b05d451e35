package dev.loupe.executor.session;

import dev.loupe.model.Node;

import java.util.List;

/// What one node did during a run. A node inside a subgraph or function body that ran several times (each
/// loop iteration) is summed over its calls. In [ExecutionMode#FAST] a fused step is reported as its first
/// node, with the time and outputs of the whole step, and folded nodes do not appear.
///
/// @param calls          how many times it ran
/// @param nanos          total wall time, subgraphs it ran included
/// @param bytesAllocated total bytes of new output storage (in [ExecutionMode#FAST], storage not shared with
///                       the inputs, which may be a recycled array)
/// @param outputs        type and shape of each output of the last call, e.g. `float[1,64,56,56]`
///                       (`-` for an absent output)
public record NodeStats(Node node, int depth, int calls, long nanos, long bytesAllocated, List<String> outputs) {

    public NodeStats {
        outputs = List.copyOf(outputs);
    }
}
