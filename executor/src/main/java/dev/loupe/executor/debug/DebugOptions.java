package dev.loupe.executor.debug;

import dev.loupe.executor.session.RetentionPolicy;

import java.util.ArrayList;
import java.util.List;

/// How a [Debugger] starts.
///
/// @param stopAtEntry pause before the first node (else run until a breakpoint)
/// @param retention   which intermediate values to keep for inspection
/// @param breakpoints breakpoints in force from the first node on (more can be added while it runs)
public record DebugOptions(boolean stopAtEntry, RetentionPolicy retention, List<Breakpoint> breakpoints) {

    public DebugOptions {
        breakpoints = List.copyOf(breakpoints);
    }

    /// Paused before the first node; the outputs of the last 64 node runs kept; no breakpoints.
    public static DebugOptions defaults() {
        return new DebugOptions(true, RetentionPolicy.lastN(64), List.of());
    }

    public DebugOptions withRetention(RetentionPolicy policy) {
        return new DebugOptions(stopAtEntry, policy, breakpoints);
    }

    public DebugOptions withStopAtEntry(boolean stop) {
        return new DebugOptions(stop, retention, breakpoints);
    }

    public DebugOptions withBreakpoint(Breakpoint breakpoint) {
        var list = new ArrayList<>(breakpoints);
        list.add(breakpoint);
        return new DebugOptions(stopAtEntry, retention, list);
    }
}
