package dev.loupe.executor.simd;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/// The shared workers for intra-op parallelism: one daemon thread per core besides the caller, created on first
/// use. A parallel call runs part 0 on the calling thread and hands the other parts to the workers, and
/// returns when all are done.
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
            var call = new Call(body, parts - 1);
            var workers = Workers.ALL;
            for (int part = 1; part < parts; part++) {
                workers[part - 1].hand(call, part);
            }
            try {
                body.accept(0);
            } catch (RuntimeException | Error e) {
                call.fail(e);
            }
            call.awaitWorkers();
            call.rethrow();
        } finally {
            IN_USE.unlock();
        }
    }

    /// The range `[from, to)` of items a part has taken.
    @FunctionalInterface
    interface Chunk {
        void run(int from, int to);
    }

    /// Runs `body` over `[0, count)` in chunks of `chunk` items that `parts` parts take in turn (part 0 on the
    /// calling thread): a part that starts late — a worker still waking up, or a core the host has lent to
    /// someone else for a moment — takes fewer chunks instead of holding up the call.
    static void runChunks(int parts, int count, int chunk, Chunk body) {
        if (parts <= 1) {
            body.run(0, count);
            return;
        }
        var next = new AtomicInteger();
        run(parts, part -> {
            for (int from = next.getAndAdd(chunk); from < count; from = next.getAndAdd(chunk)) {
                body.run(from, Math.min(count, from + chunk));
            }
        });
    }

    /// One parallel call: its body, the parts still running on workers and the first failure.
    private static final class Call {
        private final IntConsumer body;
        private final AtomicInteger running;
        private final Thread caller = Thread.currentThread();
        private volatile Throwable failure;

        Call(IntConsumer body, int workerParts) {
            this.body = body;
            this.running = new AtomicInteger(workerParts);
        }

        void runPart(int part) {
            try {
                body.accept(part);
            } catch (RuntimeException | Error e) {
                fail(e);
            } finally {
                if (running.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }

        void fail(Throwable e) {
            if (failure == null) {
                failure = e;
            }
        }

        /// Spins briefly (the workers usually finish within microseconds of the caller), then parks.
        void awaitWorkers() {
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

    /// A thread that runs the parts handed to it.
    private static final class Worker extends Thread {
        private volatile Call call;
        private volatile int part;
        private volatile boolean parked;

        Worker(int id) {
            super("loupe-simd-" + id);
            setDaemon(true);
        }

        void hand(Call next, int nextPart) {
            part = nextPart;
            call = next;
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            while (true) {
                var next = awaitCall();
                call = null;
                next.runPart(part);
            }
        }

        /// Polls for a call for [#SPIN_NANOS], then parks until one is handed over. (The handing thread writes
        /// `call` before reading `parked`, this thread writes `parked` before reading `call`: one of them sees
        /// the other's write, so a call is never left waiting.)
        private Call awaitCall() {
            long deadline = System.nanoTime() + SPIN_NANOS;
            Call next;
            while ((next = call) == null) {
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                if (call == null) {
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
