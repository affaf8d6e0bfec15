package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Context;
import dev.weft.CountingFuture;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Waker;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleThreadedExecutorTest {

    @Test
    void failingTaskIsIsolatedAndTheExecutorKeepsServing() {
        try (Executor ex = Executor.singleThreaded()) {
            IllegalStateException boom = new IllegalStateException("boom");
            JoinHandle<Integer> bad = ex.spawn(cx -> {
                throw boom;
            });
            JoinHandle<Integer> good = ex.spawn(cx -> Poll.ready(42));
            assertSame(boom, assertThrows(IllegalStateException.class, bad::join));
            assertEquals(42, good.join());
            assertEquals(43, ex.<Integer>blockOn(cx -> Poll.ready(43)));
        }
    }

    @Test
    void wakesFromManyThreadsNeverOverlapPolls() throws Exception {
        try (Executor ex = Executor.singleThreaded()) {
            int tasks = 200;
            CountingFuture<?>[] futures = new CountingFuture<?>[tasks];
            JoinHandle<?>[] handles = new JoinHandle<?>[tasks];
            for (int i = 0; i < tasks; i++) {
                futures[i] = new CountingFuture<Integer>();
                handles[i] = ex.spawn(futures[i]);
            }
            // wait until every task was polled once, so each has a waker
            for (CountingFuture<?> f : futures) {
                while (f.waker() == null) {
                    Thread.onSpinWait();
                }
            }
            CountDownLatch go = new CountDownLatch(1);
            Thread[] wakers = new Thread[8];
            for (int w = 0; w < wakers.length; w++) {
                wakers[w] = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int round = 0; round < 200; round++) {
                        for (CountingFuture<?> f : futures) {
                            f.waker().wake();
                        }
                    }
                });
                wakers[w].start();
            }
            go.countDown();
            for (Thread t : wakers) {
                t.join();
            }
            for (int i = 0; i < tasks; i++) {
                @SuppressWarnings("unchecked")
                CountingFuture<Integer> f = (CountingFuture<Integer>) futures[i];
                f.complete(i);
            }
            for (int i = 0; i < tasks; i++) {
                assertEquals(i, handles[i].join());
                assertFalse(futures[i].overlapped.get(), "task " + i + " was polled by two threads at once");
                // 1 initial poll + at most one per wake that found it idle + the completing poll
                assertTrue(futures[i].polls.get() <= 2 + 8 * 200);
            }
        }
    }

    @Test
    void spawnInsideATaskStaysOnItsExecutor() {
        try (Executor ex = Executor.singleThreaded()) {
            Thread[] seen = new Thread[2];
            ex.blockOn(new Future<Void>() {
                JoinHandle<Void> child;

                @Override
                public Poll<Void> poll(Context cx) {
                    if (child == null) {
                        seen[0] = Thread.currentThread();
                        child = Async.spawn(c -> {
                            seen[1] = Thread.currentThread();
                            return Poll.ready(null);
                        });
                    }
                    return child.poll(cx);
                }
            });
            assertSame(seen[0], seen[1]);
        }
    }

    @Test
    void cancelledTaskFailsItsHandleAndIsNeverPolledAgain() {
        try (Executor ex = Executor.singleThreaded()) {
            CountingFuture<String> f = new CountingFuture<>();
            JoinHandle<String> h = ex.spawn(f);
            while (f.waker() == null) {
                Thread.onSpinWait();
            }
            assertTrue(h.cancel());
            f.complete("late");
            assertThrows(CancellationException.class, h::join);
            assertTrue(h.isDone());
            assertEquals(1, f.polls.get());
        }
    }

    @Test
    void closeStopsTheThreadAndCancelsWhatDidNotFinish() throws Exception {
        Set<Thread> before = liveWeftThreads();
        Executor ex = Executor.singleThreaded();
        CountingFuture<String> never = new CountingFuture<>();
        JoinHandle<String> pending = ex.spawn(never);
        assertEquals(1, ex.<Integer>blockOn(cx -> Poll.ready(1)));
        ex.close();
        assertThrows(CancellationException.class, pending::join);
        Set<Thread> after = liveWeftThreads();
        after.removeAll(before);
        assertTrue(after.isEmpty(), "threads left running after close: " + after);
        assertThrows(IllegalStateException.class, () -> ex.spawn(cx -> Poll.ready(1)));
    }

    private static Set<Thread> liveWeftThreads() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("weft-single")) {
                threads.add(t);
            }
        }
        return threads;
    }

    @Test
    void manyTasksAllComplete() {
        try (Executor ex = Executor.singleThreaded()) {
            AtomicInteger sum = new AtomicInteger();
            JoinHandle<?>[] hs = new JoinHandle<?>[10_000];
            for (int i = 0; i < hs.length; i++) {
                int v = i;
                hs[i] = ex.spawn(cx -> {
                    sum.addAndGet(v);
                    return Poll.ready(null);
                });
            }
            for (JoinHandle<?> h : hs) {
                h.join();
            }
            assertEquals(10_000 * 9_999 / 2, sum.get());
        }
    }

    @Test
    void blockOnFromTheExecutorThreadIsRefused() throws Exception {
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<Throwable> h = ex.spawn(cx -> {
                try {
                    ex.blockOn(c -> Poll.ready(1));
                    return Poll.ready(null);
                } catch (IllegalStateException e) {
                    return Poll.ready(e);
                }
            });
            assertTrue(h.toCompletableFuture().get(10, TimeUnit.SECONDS) instanceof IllegalStateException);
        }
    }

    @Test
    void aSpawnedTaskIsItsOwnContextAndWaker() {
        // One object per spawn: the handle, the waker and the poll's context are the task itself.
        try (Executor ex = Executor.singleThreaded()) {
            java.util.concurrent.atomic.AtomicReference<Context> seen = new java.util.concurrent.atomic.AtomicReference<>();
            JoinHandle<Integer> h = ex.spawn(cx -> {
                seen.set(cx);
                return Poll.ready(1);
            });
            assertEquals(1, h.join());
            assertSame(h, seen.get());
            assertSame(h, seen.get().waker());
        }
    }

    @Test
    void handoffsWithAnOutsideThreadNeverLoseAWake() throws Exception {
        int rounds = 100_000;
        Relay relay = new Relay(rounds);
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<Integer> h = ex.spawn(relay);
            for (int i = 1; i <= rounds; i++) {
                while (relay.seen < i - 1) {
                    Thread.onSpinWait(); // the task has taken the previous value; it is parked or about to
                }
                relay.send();
            }
            assertEquals(rounds, h.toCompletableFuture().get(60, TimeUnit.SECONDS),
                    "the task stopped at " + relay.seen + " of " + rounds + ": a wake was lost");
        }
    }

    @Test
    void aTaskThatKeepsYieldingDoesNotStarveOutsideWakes() throws Exception {
        try (Executor ex = Executor.singleThreaded()) {
            CountingFuture<Integer> outsideWoken = new CountingFuture<>();
            JoinHandle<Integer> woken = ex.spawn(outsideWoken);
            JoinHandle<Integer> spinner = ex.spawn(cx -> {
                // Done, not "polled twice": the value may land during the first poll, which then finishes.
                if (woken.poll(cx).isReady()) { // the outside wake got through
                    return Poll.ready(1);
                }
                cx.waker().wake(); // yield: always runnable on the executor's own deque
                return Poll.pending();
            });
            while (outsideWoken.waker() == null) {
                Thread.onSpinWait();
            }
            outsideWoken.complete(7);
            assertEquals(1, spinner.toCompletableFuture().get(60, TimeUnit.SECONDS));
        }
    }

    /** Counts values sent from another thread; each poll takes what arrived or parks its waker. */
    private static final class Relay implements Future<Integer> {
        private final int rounds;
        private volatile int sent;
        private volatile int seen;
        private volatile Waker waker;

        Relay(int rounds) {
            this.rounds = rounds;
        }

        void send() {
            sent++;
            Waker w = waker;
            if (w != null) {
                w.wake();
            }
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            waker = cx.waker();
            if (sent > seen) {
                seen = sent;
            }
            return seen == rounds ? Poll.ready(seen) : Poll.pending();
        }
    }
}
