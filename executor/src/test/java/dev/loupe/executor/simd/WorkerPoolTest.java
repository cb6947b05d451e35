package dev.loupe.executor.simd;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerPoolTest {

    @Test
    void everyPartRunsOnceAndTheCallerRunsPartZero() {
        int parts = WorkerPool.size();
        for (int round = 0; round < 1000; round++) {
            var runs = new AtomicIntegerArray(parts);
            var zeroThread = new Thread[1];
            WorkerPool.run(parts, part -> {
                runs.incrementAndGet(part);
                if (part == 0) {
                    zeroThread[0] = Thread.currentThread();
                }
            });
            for (int p = 0; p < parts; p++) {
                assertThat(runs.get(p)).as("round %d part %d", round, p).isEqualTo(1);
            }
            assertThat(zeroThread[0]).isSameAs(Thread.currentThread());
        }
    }

    @Test
    void chunksCoverEveryItemOnceOnTheGridOfTheSmallestChunk() {
        for (int count : new int[] {0, 1, 7, 64, 1001, 100_000}) {
            for (int chunk : new int[] {1, 3, 64}) {
                var seen = new AtomicIntegerArray(count);
                WorkerPool.runChunks(Math.max(2, WorkerPool.size()), count, chunk, (from, to) -> {
                    assertThat(from % chunk).isZero();
                    assertThat(to - from).isPositive();
                    if (to < count) {
                        assertThat((to - from) % chunk).isZero();
                    }
                    for (int i = from; i < to; i++) {
                        seen.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < count; i++) {
                    assertThat(seen.get(i)).as("item %d of %d in chunks of %d", i, count, chunk).isEqualTo(1);
                }
            }
        }
    }

    /// Run where no worker can help (inside a part, so the parts run one after another on one thread), part 0
    /// shows the order of a part's chunks: its own region (the first half) front to back, then the other
    /// region from its back.
    @Test
    void aPartTakesItsOwnRegionFromTheFrontThenTheOthersFromTheBack() {
        var chunks = new java.util.ArrayList<int[]>();
        WorkerPool.run(2, outer -> {
            if (outer == 0) {
                WorkerPool.runChunks(2, 1000, 10, (from, to) -> chunks.add(new int[] {from, to}));
            }
        });
        int expectedFrom = 0;
        int i = 0;
        for (; i < chunks.size() && chunks.get(i)[0] < 500; i++) {
            assertThat(chunks.get(i)[0]).as("chunk %d of the own region", i).isEqualTo(expectedFrom);
            expectedFrom = chunks.get(i)[1];
        }
        assertThat(expectedFrom).as("the own region ends halfway").isEqualTo(500);
        int expectedTo = 1000;
        for (; i < chunks.size(); i++) {
            assertThat(chunks.get(i)[1]).as("chunk %d, taken from the back of the other region", i).isEqualTo(expectedTo);
            expectedTo = chunks.get(i)[0];
        }
        assertThat(expectedTo).isEqualTo(500);
        assertThat(chunks.size()).as("shrinking chunks, several per region").isGreaterThan(4);
    }

    /// The caller runs a part itself only when its worker has not started by the time part 0 is done, so
    /// here part 0 waits for the others to start: each must then be on a worker thread of its own.
    @Test
    void otherPartsRunOnWorkerThreads() throws Exception {
        int parts = WorkerPool.size();
        var started = new java.util.concurrent.CountDownLatch(parts - 1);
        var threads = ConcurrentHashMap.<String>newKeySet();
        WorkerPool.run(parts, part -> {
            threads.add(Thread.currentThread().getName());
            if (part == 0) {
                try {
                    assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                started.countDown();
            }
        });
        assertThat(threads).hasSize(parts);
    }

    @Test
    void aFailingPartIsRethrownAfterTheOthersFinishAndThePoolKeepsWorking() {
        int parts = Math.max(2, WorkerPool.size());
        var finished = new AtomicIntegerArray(parts);
        assertThatThrownBy(() -> WorkerPool.run(parts, part -> {
            if (part == parts - 1) {
                throw new IllegalStateException("part failed");
            }
            finished.incrementAndGet(part);
        })).isInstanceOf(IllegalStateException.class).hasMessage("part failed");
        for (int p = 0; p < parts - 1; p++) {
            assertThat(finished.get(p)).isEqualTo(1);
        }
        var again = new AtomicIntegerArray(parts);
        WorkerPool.run(parts, again::incrementAndGet);
        assertThat(again.get(parts - 1)).isEqualTo(1);
    }

    @Test
    void aCallInsideAPartAndCallsFromTwoThreadsAllComplete() throws Exception {
        int parts = Math.max(2, WorkerPool.size());
        var inner = new AtomicIntegerArray(parts * parts);
        WorkerPool.run(parts, outer -> WorkerPool.run(parts, part -> inner.incrementAndGet(outer * parts + part)));
        for (int i = 0; i < parts * parts; i++) {
            assertThat(inner.get(i)).isEqualTo(1);
        }
        var start = new CountDownLatch(1);
        var totals = new long[2];
        Set<Throwable> failures = ConcurrentHashMap.newKeySet();
        var callers = new Thread[2];
        for (int c = 0; c < 2; c++) {
            int caller = c;
            callers[c] = new Thread(() -> {
                try {
                    start.await();
                    for (int round = 0; round < 500; round++) {
                        var sums = new long[parts];
                        WorkerPool.run(parts, part -> sums[part] += part + 1);
                        for (long s : sums) {
                            totals[caller] += s;
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            callers[c].start();
        }
        start.countDown();
        for (var t : callers) {
            t.join(30_000);
        }
        assertThat(failures).isEmpty();
        long expected = 500L * parts * (parts + 1) / 2;
        assertThat(totals).containsExactly(expected, expected);
    }
}
