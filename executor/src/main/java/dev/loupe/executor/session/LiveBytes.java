package dev.loupe.executor.session;

import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

import java.util.IdentityHashMap;
import java.util.Map;

/// Counts the bytes held by the values bound in a run's frames. A tensor is keyed by its storage array, so
/// views and aliases (Identity, Reshape) are counted once. Used by one run's thread only.
final class LiveBytes {

    private static final class Entry {
        int refs;
        final long bytes;

        Entry(long bytes) {
            this.bytes = bytes;
        }
    }

    private final Map<Object, Entry> entries = new IdentityHashMap<>();
    private long total;
    private long peak;

    static Object key(RuntimeValue v) {
        return v instanceof Tensor t ? t.data() : v;
    }

    boolean isLive(RuntimeValue v) {
        return v != null && entries.containsKey(key(v));
    }

    void add(RuntimeValue v) {
        if (v == null) {
            return;
        }
        var e = entries.get(key(v));
        if (e == null) {
            e = new Entry(v.byteSize());
            entries.put(key(v), e);
            total += e.bytes;
            peak = Math.max(peak, total);
        }
        e.refs++;
    }

    void remove(RuntimeValue v) {
        if (v == null) {
            return;
        }
        var k = key(v);
        var e = entries.get(k);
        if (e != null && --e.refs == 0) {
            entries.remove(k);
            total -= e.bytes;
        }
    }

    long total() {
        return total;
    }

    long peak() {
        return peak;
    }
}
