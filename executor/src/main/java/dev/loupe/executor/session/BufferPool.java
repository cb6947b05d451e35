package dev.loupe.executor.session;

import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/// A session's recycled output storage: arrays of values whose last use has passed, kept by element type and
/// exact length and handed to kernels again through [dev.loupe.executor.kernel.KernelContext#output].
///
/// Only arrays this pool handed out during the current run come back ([#recycle]); an array shared with a
/// live value, a graph input or output, a constant, or anything else the pool did not make is never taken.
/// [#endRun()] forgets the arrays still out (the run's outputs, now the caller's) and drops free arrays of
/// sizes the run did not ask for, so a model whose shapes change from run to run does not hoard memory.
///
/// Threading: used by one run at a time (a session serializes its runs).
class BufferPool {

    private record Key(ElementType type, int length) {
    }

    private static final BufferPool DISABLED = new BufferPool() {
        @Override
        boolean enabled() {
            return false;
        }

        @Override
        Tensor take(ElementType type, long[] shape) {
            return Tensor.allocate(type, shape);
        }

        @Override
        boolean recycle(Tensor t) {
            return false;
        }

        @Override
        void endRun() {
        }
    };

    private final Map<Key, ArrayDeque<Object>> free = new HashMap<>();
    private final Set<Object> out = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Key> askedThisRun = new HashSet<>();

    /// A pool that recycles nothing: [#take] allocates every time.
    static BufferPool disabled() {
        return DISABLED;
    }

    boolean enabled() {
        return true;
    }

    /// A tensor of `type` and `shape` over a recycled array when one of that type and length is free (its
    /// contents are then left over from an earlier value), else over a new zero-filled one.
    Tensor take(ElementType type, long[] shape) {
        if (type == ElementType.STRING || type == ElementType.COMPLEX64 || type == ElementType.COMPLEX128) {
            return Tensor.allocate(type, shape);
        }
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n <= 0 || n > Integer.MAX_VALUE) {
            return Tensor.allocate(type, shape);
        }
        var key = new Key(type, (int) n);
        askedThisRun.add(key);
        var list = free.get(key);
        Tensor t;
        if (list != null && !list.isEmpty()) {
            t = Tensor.of(type, shape, list.pop());
        } else {
            t = Tensor.allocate(type, shape);
        }
        out.add(t.data());
        return t;
    }

    /// Takes back the storage of `t` if this pool handed it out in this run; the caller guarantees that no
    /// live value shares it. Returns whether it was taken.
    boolean recycle(Tensor t) {
        if (!out.remove(t.data())) {
            return false;
        }
        free.computeIfAbsent(new Key(t.type(), t.size()), k -> new ArrayDeque<>()).push(t.data());
        return true;
    }

    /// Ends a run: arrays still out belong to the caller now; free arrays of sizes not asked for are dropped.
    void endRun() {
        out.clear();
        free.keySet().retainAll(askedThisRun);
        askedThisRun.clear();
    }
}
