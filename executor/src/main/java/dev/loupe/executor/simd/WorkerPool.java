package dev.loupe.executor.simd;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/// The shared pool for intra-op parallelism: daemon threads, as many as the machine has cores, created on
/// first use. A parallel call runs part 0 on the calling thread and the other parts on the pool, and returns
/// when all are done.
final class WorkerPool {

    private static final int SIZE = Runtime.getRuntime().availableProcessors();
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

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
        var pool = Holder.POOL;
        var tasks = new ForkJoinTask<?>[parts - 1];
        for (int i = 1; i < parts; i++) {
            int part = i;
            tasks[i - 1] = pool.submit(() -> body.accept(part));
        }
        RuntimeException failure = null;
        try {
            body.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (var t : tasks) {
            try {
                t.join();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static final class Holder {
        static final ForkJoinPool POOL = new ForkJoinPool(SIZE, pool -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("loupe-simd-" + THREAD_IDS.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, null, false);
    }
}
