package dev.loupe.executor.debug;

import dev.loupe.executor.session.FramePath;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.Node;

import java.util.List;

/// Where and why a [Debugger] is paused.
///
/// @param position   before the node runs, or after it (output-condition breakpoints)
/// @param node       the node
/// @param frame      where it runs; depth 0 is the main graph
/// @param index      its position in its graph's execution order
/// @param inputs     its input values (an absent optional input is `null`)
/// @param outputs    its outputs when paused after it; empty before
/// @param cause      what made the run stop here
/// @param breakpoint the breakpoint hit, for [Cause#BREAKPOINT]; else `null`
public record Stop(Position position, Node node, FramePath frame, int index, List<RuntimeValue> inputs,
                   List<RuntimeValue> outputs, Cause cause, Breakpoint breakpoint) {

    /// Before or after the node.
    public enum Position { BEFORE_NODE, AFTER_NODE }

    /// Why the run stopped.
    public enum Cause {
        /// The debugger was started paused, before the first node.
        ENTRY,
        /// A [Debugger#step()], [Debugger#stepInto()] or [Debugger#stepOut()] completed.
        STEP,
        /// [Debugger#pause()] was called.
        PAUSE_REQUEST,
        /// The node given to [Debugger#runUntil] was reached.
        RUN_UNTIL,
        /// A breakpoint matched.
        BREAKPOINT
    }

    public int depth() {
        return frame.depth();
    }
}
