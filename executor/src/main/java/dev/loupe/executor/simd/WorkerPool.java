package dev.loupe.executor.simd;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/// The shared workers for intra-op parallelism: one daemon thread per core besides the caller, created on first
/// use. A parallel call runs part 0 on the calling thread and hands the other parts to the workers, and
/// returns when all are done. A part is claimed by whoever starts it first: once the caller has finished part
/// 0 it runs itself every part whose worker has not started yet (still waking up, or its core lent to someone
/// else by the host), instead of waiting for it; with parts that take chunks of shared work ([#runChunks])
/// such a part finds nothing left and costs nothing.
///
/// A worker that finishes a part spins for [#SPIN_NANOS] before it parks. A model calls parallel kernels back
/// to back, a few microseconds apart, and waking a parked thread costs tens of microseconds (more in a virtual
/// machine) — as much as a small convolution's share of work — so without the spin a second thread made whole
/// models slower. The spin is bounded: between runs the workers sleep.
///
/// One call at a time uses the workers; a call made while another holds them (a second session running at the
/// same time, or a part that itself asks for parts) runs its parts one after another on its own thread.
final class WorkerPool {

    private static final int SIZE = Runtime.getRuntime().availableProcessors();
    /// How long an idle worker keeps polling for the next part before parking.
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final ReentrantLock IN_USE = new ReentrantLock();

    private WorkerPool() {
    }

    /// Threads a call may use: the cores of the machine.
    static int size() {
        return SIZE;
    }

    /// How many parts to cut `work` units into so that each gets at least `minPerPart`, using at most
    /// `threads` (and at most the pool's size) and at most `maxParts` parts.
    static int parts(double work, double minPerPart, int threads, int maxParts) {
        int byWork = (int) Math.min(Integer.MAX_VALUE, work / minPerPart);
        return Math.max(1, Math.min(Math.min(threads, SIZE), Math.min(byWork, maxParts)));
    }

    /// Runs `body` for every part in `[0, parts)`, part 0 on the calling thread, and rethrows the first
    /// failure once all parts have finished.
    static void run(int parts, IntConsumer body) {
        if (parts <= 1) {
            body.accept(0);
            return;
        }
        if (parts > SIZE || IN_USE.isHeldByCurrentThread() || !IN_USE.tryLock()) {
            for (int part = 0; part < parts; part++) {
                body.accept(part);
            }
            return;
        }
        try {
            var call = new Call(body, parts);
            var workers = Workers.ALL;
            for (int part = 1; part < parts; part++) {
                workers[part - 1].hand(call);
            }
            call.runPart(0);
            for (int part = 1; part < parts; part++) {
                if (call.claim(part)) {
                    call.runPart(part);
                }
            }
            call.awaitParts();
            call.rethrow();
        } finally {
            IN_USE.unlock();
        }
    }

    /// Runs `body` over `[0, count)` in chunks that `parts` parts take (part 0 on the calling thread). Each
    /// part has a contiguous region of the items, the same from call to call for the same count ([Regions]),
    /// and takes chunks from its front, then from the backs of the other regions: a part that starts late —
    /// a worker still waking up, or a core the host has lent to someone else for a moment — takes fewer items
    /// instead of holding up the call, and otherwise each core works on the items it worked on in the call
    /// before (a layer's output rows or tiles, which the next layer then reads from its own cache). Chunks are
    /// at least `minChunk` items and start on multiples of it.
    static void runChunks(int parts, int count, int minChunk, Parallel.Range body) {
        if (parts <= 1) {
            body.run(0, count);
            return;
        }
        var regions = new Regions(parts, count, minChunk);
        run(parts, part -> regions.take(part, body));
    }

    /// What each part of [#runChunks(int, int, int, Supplier, PreparedRange)] passes to the chunks it takes.
    @FunctionalInterface
    interface PreparedRange<T> {
        void run(T prepared, int from, int to);
    }

    /// As [#runChunks(int, int, int, Parallel.Range)], with `prepare` run on each part's thread before its first
    /// chunk (its own copy of what all chunks read, such as a packed operand) and not at all by a part that
    /// finds no chunk left.
    static <T> void runChunks(int parts, int count, int minChunk, Supplier<T> prepare, PreparedRange<T> body) {
        var regions = new Regions(Math.max(1, parts), count, minChunk);
        run(parts, part -> {
            var mine = new Object() {
                T prepared;
            };
            regions.take(part, (from, to) -> {
                if (mine.prepared == null) {
                    mine.prepared = prepare.get();
                }
                body.run(mine.prepared, from, to);
            });
        });
    }

    /// The items of a chunked call, one contiguous region per part on the grid of the smallest chunk, each
    /// held as its front and back (the items not yet taken) packed in one long.
    private static final class Regions {
        private final AtomicLongArray bounds;
        private final int minChunk;

        Regions(int parts, int count, int minChunk) {
            this.minChunk = Math.max(1, minChunk);
            this.bounds = new AtomicLongArray(parts);
            int grid = (count + this.minChunk - 1) / this.minChunk;
            for (int p = 0; p < parts; p++) {
                int front = Math.min(count, (int) ((long) grid * p / parts) * this.minChunk);
                int back = Math.min(count, (int) ((long) grid * (p + 1) / parts) * this.minChunk);
                bounds.set(p, pack(front, back));
            }
        }

        /// Runs `body` on chunks from the front of region `part`, then from the backs of the others, until none
        /// is left.
        void take(int part, Parallel.Range body) {
            int parts = bounds.length();
            while (takeChunk(part, true, body)) {
                // keeps going while the region has items
            }
            for (int k = 1; k < parts; k++) {
                int other = (part + k) % parts;
                while (takeChunk(other, false, body)) {
                    // keeps going while the region has items
                }
            }
        }

        /// Runs `body` on one chunk of `region`, from its front or its back; `false` when the region is empty.
        private boolean takeChunk(int region, boolean fromFront, Parallel.Range body) {
            while (true) {
                long b = bounds.get(region);
                int front = front(b);
                int back = back(b);
                if (front >= back) {
                    return false;
                }
                int chunk = chunk(front, back);
                int from = fromFront ? front : Math.max(front, (back - chunk) / minChunk * minChunk);
                int to = fromFront ? Math.min(back, front + chunk) : back;
                if (bounds.compareAndSet(region, b, fromFront ? pack(to, back) : pack(front, from))) {
                    body.run(from, to);
                    return true;
                }
            }
        }

        /// A quarter of what is left, on the grid (shrinking chunks let the parts finish close together).
        private int chunk(int front, int back) {
            return Math.max(minChunk, (back - front) / 4 / minChunk * minChunk);
        }

        private static long pack(int front, int back) {
            return ((long) front << 32) | (back & 0xffffffffL);
        }

        private static int front(long bounds) {
            return (int) (bounds >>> 32);
        }

        private static int back(long bounds) {
            return (int) bounds;
        }
    }

    /// One parallel call: its body, which parts have been claimed, how many are still running and the first
    /// failure.
    private static final class Call {
        private final IntConsumer body;
        private final AtomicIntegerArray claimed;
        private final AtomicInteger running;
        private final Thread caller = Thread.currentThread();
        private volatile Throwable failure;

        Call(IntConsumer body, int parts) {
            this.body = body;
            this.claimed = new AtomicIntegerArray(parts);
            this.running = new AtomicInteger(parts);
        }

        /// Whether the calling thread is the first to claim `part` (and must run it).
        boolean claim(int part) {
            return claimed.compareAndSet(part, 0, 1);
        }

        /// Runs a claimed part (part 0 is the caller's without claiming), recording a failure.
        void runPart(int part) {
            try {
                body.accept(part);
            } catch (RuntimeException | Error e) {
                fail(e);
            } finally {
                if (running.decrementAndGet() == 0 && Thread.currentThread() != caller) {
                    LockSupport.unpark(caller);
                }
            }
        }

        private void fail(Throwable e) {
            if (failure == null) {
                failure = e;
            }
        }

        /// Waits for the parts that workers have claimed: spins briefly (they usually finish within
        /// microseconds of the caller), then parks.
        void awaitParts() {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (running.get() > 0) {
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, SPIN_NANOS);
                }
            }
        }

        void rethrow() {
            switch (failure) {
                case null -> {
                }
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException(failure);
            }
        }
    }

    /// A thread that runs part `id` of the calls handed to it (worker `id - 1` of [Workers#ALL]).
    private static final class Worker extends Thread {
        private final int part;
        private final AtomicReference<Call> call = new AtomicReference<>();
        private volatile boolean parked;

        Worker(int part) {
            super("loupe-simd-" + part);
            this.part = part;
            setDaemon(true);
        }

        void hand(Call next) {
            call.set(next);
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            while (true) {
                var next = awaitCall();
                // A newer call may have been handed over meanwhile: leave it for the next round.
                call.compareAndSet(next, null);
                if (next.claim(part)) {
                    next.runPart(part);
                }
            }
        }

        /// Polls for a call for [#SPIN_NANOS], then parks until one is handed over. (The handing thread writes
        /// `call` before reading `parked`, this thread writes `parked` before reading `call`: one of them sees
        /// the other's write, so a call is never left waiting.)
        private Call awaitCall() {
            long deadline = System.nanoTime() + SPIN_NANOS;
            Call next;
            while ((next = call.get()) == null) {
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                if (call.get() == null) {
                    LockSupport.park(this);
                }
                parked = false;
                deadline = System.nanoTime() + SPIN_NANOS;
            }
            return next;
        }
    }

    private static final class Workers {
        static final Worker[] ALL = start();

        private static Worker[] start() {
            var workers = new Worker[Math.max(0, SIZE - 1)];
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Worker(i + 1);
                workers[i].start();
            }
            return workers;
        }
    }
}
