package dev.loupe.executor.simd;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
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

    /// Runs `body` over `[0, count)` in chunks that `parts` parts take in turn (part 0 on the calling thread):
    /// a part that starts late — a worker still waking up, or a core the host has lent to someone else for a
    /// moment — takes fewer chunks instead of holding up the call. Chunks shrink as the items run out (each a
    /// share of what is left, at least `minChunk` items), so that the parts finish close together.
    static void runChunks(int parts, int count, int minChunk, Parallel.Range body) {
        if (parts <= 1) {
            body.run(0, count);
            return;
        }
        var next = new AtomicInteger();
        run(parts, part -> takeChunks(next, count, parts, minChunk, body));
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
        var next = new AtomicInteger();
        run(parts, part -> {
            var mine = new Object() {
                T prepared;
            };
            takeChunks(next, count, parts, minChunk, (from, to) -> {
                if (mine.prepared == null) {
                    mine.prepared = prepare.get();
                }
                body.run(mine.prepared, from, to);
            });
        });
    }

    /// Runs `body` on chunks of `[0, count)` taken from `next` (shared by all `parts` parts of a call, starting
    /// at 0) until none is left.
    private static void takeChunks(AtomicInteger next, int count, int parts, int minChunk, Parallel.Range body) {
        while (true) {
            int from = next.get();
            if (from >= count) {
                return;
            }
            int to = Math.min(count, from + Math.max(minChunk, (count - from) / (2 * parts) / minChunk * minChunk));
            if (next.compareAndSet(from, to)) {
                body.run(from, to);
            }
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
