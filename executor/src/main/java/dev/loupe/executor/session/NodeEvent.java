package dev.loupe.executor.session;

import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.Node;

import java.util.List;

/// What [ExecutionListener]s are told about a node. Lists are read-only; an absent optional input or
/// output is a `null` entry.
public sealed interface NodeEvent {

    Node node();

    /// Where the node runs; [FramePath#depth()] is 0 in the main graph.
    FramePath frame();

    /// The node's input values, one per input slot.
    List<RuntimeValue> inputs();

    /// The node is about to run.
    ///
    /// @param index the node's position in its graph's execution order
    record Before(Node node, FramePath frame, int index, List<RuntimeValue> inputs) implements NodeEvent {
    }

    /// The node has run.
    ///
    /// @param outputs        one per output slot
    /// @param nanos          wall time of the kernel, subgraphs it ran included
    /// @param bytesAllocated bytes of the outputs that are new storage (not views or copies of references to
    ///                       inputs)
    record After(Node node, FramePath frame, int index, List<RuntimeValue> inputs, List<RuntimeValue> outputs,
                 long nanos, long bytesAllocated) implements NodeEvent {
    }
}
