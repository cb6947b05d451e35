package dev.loupe.app.debug;

import dev.loupe.app.debug.DebuggerViewModel.StopValue;
import dev.loupe.app.diagram.ValueText;
import dev.loupe.executor.debug.Breakpoint;
import dev.loupe.executor.debug.Stop;
import java.util.ArrayList;
import java.util.List;

/// Where and why a run stopped, in words, and the values there.
final class StopText {

    private StopText() {
    }

    /// For example `Paused before /Mul_1 (Mul) · breakpoint`, or `Paused after /Sqrt (Sqrt) in /Loop[2]/body ·
    /// NaN or infinity in an output`.
    static String describe(Stop stop) {
        var node = stop.node();
        var where = stop.frame().isRoot() ? "" : " in " + stop.frame();
        return (stop.position() == Stop.Position.BEFORE_NODE ? "Paused before " : "Paused after ")
                + node.displayName() + " (" + node.opType() + ")" + where + " · " + cause(stop);
    }

    /// The node's inputs and, when paused after it, its outputs.
    static List<StopValue> values(Stop stop) {
        var node = stop.node();
        var out = new ArrayList<StopValue>();
        for (int i = 0; i < stop.inputs().size(); i++) {
            var v = node.input(i);
            var value = stop.inputs().get(i);
            out.add(new StopValue("input", v == null ? "(absent)" : v.name(), LiveValue.label(value), value));
        }
        for (int i = 0; i < stop.outputs().size(); i++) {
            var v = node.output(i);
            var value = stop.outputs().get(i);
            out.add(new StopValue("output", v == null ? "(unused)" : v.name(), LiveValue.label(value), value));
        }
        return out;
    }

    private static String cause(Stop stop) {
        return switch (stop.cause()) {
            case ENTRY -> "start";
            case STEP -> "step";
            case PAUSE_REQUEST -> "paused";
            case RUN_UNTIL -> "reached";
            case BREAKPOINT -> switch (stop.breakpoint()) {
                case Breakpoint.NonFinite n -> "NaN or infinity in an output";
                case Breakpoint.MaxAbsAbove(double bound) -> "a value beyond ±" + ValueText.number(bound);
                case Breakpoint.OpType(String op) -> "breakpoint on " + op;
                case null, default -> "breakpoint";
            };
        };
    }
}
