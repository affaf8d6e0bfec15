package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.CountingFuture;
import dev.weft.StressSize;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The chunked queue that outside threads hand an executor its tasks through. */
class InjectionQueueTest {
    private static final Scheduler NOWHERE = t -> {};

    private static Task<?> task() {
        return new Task<>(new CountingFuture<>(), NOWHERE);
    }

    @Test
    void entriesComeOutInOrderAcrossManyChunks() {
        InjectionQueue q = new InjectionQueue();
        List<Task<?>> in = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 100; i++) { // several chunks of 32, and a partly filled one
                Task<?> t = task();
                in.add(t);
                q.add(t);
            }
            assertEquals(100, q.size());
            assertSame(in.get(0), q.peek());
            List<Task<?>> listed = new ArrayList<>();
            q.iterator().forEachRemaining(listed::add);
            assertEquals(in, listed);
            for (Task<?> t : in) {
                assertSame(t, q.poll());
            }
            assertNull(q.poll());
            assertNull(q.peek());
            assertTrue(q.isEmpty());
            in.clear();
        }
    }

    @Test
    void clearEmptiesIt() {
        InjectionQueue q = new InjectionQueue();
        for (int i = 0; i < 70; i++) {
            q.add(task());
        }
        q.clear();
        assertTrue(q.isEmpty());
        assertNull(q.poll());
        Task<?> t = task();
        q.add(t);
        assertSame(t, q.poll());
    }

    /** Producers and consumers at once: every entry is taken exactly once, each producer's in its order. */
    @Tag("stress")
    @Test
    void concurrentProducersAndConsumersTakeEachEntryOnceInEachProducersOrder() throws Exception {
        int producers = 3;
        int consumers = 2;
        int perProducer = StressSize.of(20_000);
        for (int round = 0; round < 5; round++) {
            InjectionQueue q = new InjectionQueue();
            Task<?>[][] made = new Task<?>[producers][perProducer];
            ConcurrentHashMap<Task<?>, Integer> order = new ConcurrentHashMap<>();
            for (int p = 0; p < producers; p++) {
                for (int i = 0; i < perProducer; i++) {
                    made[p][i] = task();
                    order.put(made[p][i], p * perProducer + i);
                }
            }
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger taken = new AtomicInteger();
            ConcurrentHashMap<Task<?>, Boolean> seen = new ConcurrentHashMap<>();
            List<Thread> threads = new ArrayList<>();
            List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int p = 0; p < producers; p++) {
                Task<?>[] mine = made[p];
                threads.add(new Thread(() -> {
                    await(start);
                    for (Task<?> t : mine) {
                        q.add(t);
                    }
                }));
            }
            int total = producers * perProducer;
            for (int c = 0; c < consumers; c++) {
                threads.add(new Thread(() -> {
                    await(start);
                    int[] last = new int[producers];
                    java.util.Arrays.fill(last, -1);
                    while (taken.get() < total) {
                        Task<?> t = q.poll();
                        if (t == null) {
                            Thread.onSpinWait();
                            continue;
                        }
                        taken.incrementAndGet();
                        if (seen.put(t, true) != null) {
                            problems.add("taken twice");
                        }
                        int o = order.get(t);
                        int p = o / perProducer;
                        if (o % perProducer <= last[p]) {
                            problems.add("producer " + p + "'s entries out of order");
                        }
                        last[p] = o % perProducer;
                    }
                }));
            }
            threads.forEach(Thread::start);
            start.countDown();
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(60));
                assertTrue(!t.isAlive(), "round " + round + ": a thread is stuck, " + taken.get() + " of " + total + " taken");
            }
            assertEquals(List.of(), problems, "round " + round);
            assertEquals(total, seen.size(), "round " + round);
            assertTrue(q.isEmpty(), "round " + round);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
