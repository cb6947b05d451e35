package dev.loupe.executor.session;

import dev.loupe.model.Node;

import java.util.List;
import java.util.Map;

/// The steps of a fast plan after a pass that merged some nodes into others' steps, and for each step that
/// took nodes in, the nodes it stands for besides its own (so that lifetimes count their reads).
record StepRewrite(List<CompiledGraph.Step> steps, Map<CompiledGraph.Step, List<Node>> absorbed) {

    List<Node> absorbedBy(CompiledGraph.Step step) {
        return absorbed.getOrDefault(step, List.of());
    }
}
