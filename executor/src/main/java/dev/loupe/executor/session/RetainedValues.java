package dev.loupe.executor.session;

import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.Node;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/// Keeps the outputs of the nodes a run executes, as a [RetentionPolicy] allows, so they can be inspected
/// by name (and frame) after the run has moved on or finished. Add it to a run with
/// [RunControl#addListener(ExecutionListener)].
///
/// Threading: filled on the run's thread; the query methods may be called from any thread (they see the
/// values retained so far).
public final class RetainedValues implements ExecutionListener {

    /// One kept value: which node made it, where, under which name.
    public record Entry(String name, FramePath frame, Node producer, RuntimeValue value) {
    }

    private final RetentionPolicy policy;
    private final Deque<List<Entry>> byNodeRun = new ArrayDeque<>();
    private long bytes;

    public RetainedValues(RetentionPolicy policy) {
        this.policy = policy;
    }

    public RetentionPolicy policy() {
        return policy;
    }

    @Override
    public synchronized void afterNode(NodeEvent.After event) {
        if (policy instanceof RetentionPolicy.None) {
            return;
        }
        var entries = new ArrayList<Entry>();
        long size = 0;
        for (int i = 0; i < event.outputs().size(); i++) {
            var out = event.node().output(i);
            var value = event.outputs().get(i);
            if (out != null && value != null) {
                entries.add(new Entry(out.name(), event.frame(), event.node(), value));
                size += value.byteSize();
            }
        }
        if (entries.isEmpty()) {
            return;
        }
        if (policy instanceof RetentionPolicy.ByteBudget(long budget) && size > budget) {
            return;
        }
        byNodeRun.addLast(entries);
        bytes += size;
        evict();
    }

    private void evict() {
        switch (policy) {
            case RetentionPolicy.LastN(int count) -> {
                while (byNodeRun.size() > count) {
                    dropOldest();
                }
            }
            case RetentionPolicy.ByteBudget(long budget) -> {
                while (bytes > budget) {
                    dropOldest();
                }
            }
            default -> { }
        }
    }

    private void dropOldest() {
        for (var e : byNodeRun.removeFirst()) {
            bytes -= e.value().byteSize();
        }
    }

    /// The most recent value named `name`, from any frame.
    public synchronized Optional<RuntimeValue> get(String name) {
        return latest(name, null).map(Entry::value);
    }

    /// The most recent value named `name` in `frame`.
    public synchronized Optional<RuntimeValue> get(String name, FramePath frame) {
        return latest(name, frame).map(Entry::value);
    }

    /// Every kept value, oldest first.
    public synchronized List<Entry> entries() {
        return byNodeRun.stream().flatMap(List::stream).toList();
    }

    /// Bytes held by the kept values.
    public synchronized long bytes() {
        return bytes;
    }

    private Optional<Entry> latest(String name, FramePath frame) {
        var it = byNodeRun.descendingIterator();
        while (it.hasNext()) {
            for (var e : it.next()) {
                if (e.name().equals(name) && (frame == null || e.frame().equals(frame))) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }
}
