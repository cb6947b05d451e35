package dev.loupe.app.debug;

import dev.loupe.executor.session.ExecutionListener;
import dev.loupe.executor.session.FramePath;
import dev.loupe.executor.session.NodeEvent;
import dev.loupe.model.Node;
import dev.loupe.model.Value;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;

/// What one run has done so far, in the model's terms: the nodes that have run and the last value of each
/// tensor they computed. The debugger thread reports node runs through [#listener()]; they are queued and
/// applied on the FX thread in batches, at most one batch per pulse, after which `changed` runs.
///
/// One record per run, so that a late event of an old run can never mark the new one.
final class RunRecord {

    /// One node run, as the debugger thread reports it.
    private record Ran(Node node, FramePath frame, LiveValue[] outputs) {
    }

    private final FrameMapper mapper;
    private final Runnable changed;
    private final Set<Node> executed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Value, LiveValue> live = new IdentityHashMap<>();
    private final ConcurrentLinkedQueue<Ran> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicInteger mainNodesDone = new AtomicInteger();

    /// @param mapper  places executed nodes in the model (`null`: a record that stays empty)
    /// @param changed told on the FX thread after a batch changed something
    RunRecord(FrameMapper mapper, Runnable changed) {
        this.mapper = mapper;
        this.changed = changed;
    }

    /// A record of no run.
    static RunRecord empty() {
        return new RunRecord(null, () -> { });
    }

    /// The listener to add to the run: called on the debugger thread; it summarises each node's outputs
    /// (one pass over their elements) and queues them.
    ExecutionListener listener() {
        return new ExecutionListener() {
            @Override
            public void afterNode(NodeEvent.After event) {
                var outs = event.outputs();
                var values = new LiveValue[outs.size()];
                for (int i = 0; i < values.length; i++) {
                    var v = event.node().output(i);
                    if (v != null && outs.get(i) != null) {
                        values[i] = LiveValue.of(v.name(), event.frame(), outs.get(i));
                    }
                }
                if (event.frame().isRoot()) {
                    mainNodesDone.incrementAndGet();
                }
                pending.add(new Ran(event.node(), event.frame(), values));
                if (drainScheduled.compareAndSet(false, true)) {
                    Platform.runLater(RunRecord.this::drain);
                }
            }
        };
    }

    /// Nodes of the main graph that have run (any thread).
    int mainNodesDone() {
        return mainNodesDone.get();
    }

    /// Applies the queued node runs. FX thread.
    void drain() {
        drainScheduled.set(false);
        boolean any = false;
        Ran r;
        while ((r = pending.poll()) != null) {
            var loc = mapper == null ? null : mapper.locate(r.node(), r.frame());
            if (loc == null) {
                continue;
            }
            executed.add(loc.node());
            any = true;
            if (loc.bodies().size() == r.frame().depth()) {
                var outputs = loc.node().outputs();
                for (int i = 0; i < outputs.size() && i < r.outputs().length; i++) {
                    if (outputs.get(i) != null && r.outputs()[i] != null) {
                        live.put(outputs.get(i), r.outputs()[i]);
                    }
                }
            }
        }
        if (any) {
            changed.run();
        }
    }

    /// Nodes (as the model holds them) that have run. FX thread.
    Set<Node> executed() {
        return Collections.unmodifiableSet(executed);
    }

    /// The last live value of each tensor computed, by the model's value. FX thread.
    Map<Value, LiveValue> live() {
        return Collections.unmodifiableMap(live);
    }
}
