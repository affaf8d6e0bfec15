package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import dev.weft.rethrow.Throw;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WorkStealingExecutorTest {

    private static Set<Thread> liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .collect(Collectors.toSet());
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("timed out waiting for " + what + " (" + latch.getCount() + " left)");
        }
    }

    @Test
    void rejectsZeroThreads() {
        assertThrows(IllegalArgumentException.class, () -> Executor.workStealing(0));
    }

    @Test
    void failingTasksAreIsolatedAndTheWorkersKeepServing() throws Exception {
        try (Executor ex = Executor.workStealing(2)) {
            IOException checked = new IOException("checked");
            IllegalStateException unchecked = new IllegalStateException("unchecked");
            StackOverflowError error = new StackOverflowError("error");
            JoinHandle<Integer> a = ex.spawn(cx -> {
                throw Throw.unchecked(checked);
            });
            JoinHandle<Integer> b = ex.spawn(cx -> {
                throw unchecked;
            });
            JoinHandle<Integer> c = ex.spawn(cx -> {
                throw error;
            });
            assertSame(checked, assertThrows(IOException.class, a::join));
            assertSame(unchecked, assertThrows(IllegalStateException.class, b::join));
            assertSame(error, assertThrows(StackOverflowError.class, c::join));
            List<JoinHandle<Integer>> good = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int v = i;
                good.add(ex.spawn(cx -> Poll.ready(v)));
            }
            for (int i = 0; i < 100; i++) {
                assertEquals(i, good.get(i).join());
            }
            assertEquals(7, ex.<Integer>blockOn(cx -> Poll.ready(7)));
        }
    }

    @Test
    void closeStopsEveryWorkerAndCancelsTasksThatNeverRan() throws Exception {
        Set<Thread> before = liveThreads("weft-ws-");
        Executor ex = Executor.workStealing(2);
        WorkStealingExecutor ws = (WorkStealingExecutor) ex;
        // both workers stuck inside a poll, so what is spawned next stays queued
        CountDownLatch blockersIn = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        List<JoinHandle<Void>> blockers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            blockers.add(ex.spawn(cx -> {
                blockersIn.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Poll.ready(null);
            }));
        }
        await(blockersIn, "both workers to enter a blocking poll");
        List<CountingFuture<Integer>> queued = new ArrayList<>();
        List<JoinHandle<Integer>> queuedHandles = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            CountingFuture<Integer> f = new CountingFuture<>();
            queued.add(f);
            queuedHandles.add(ex.spawn(f));
        }
        Thread closer = new Thread(ex::close, "closer");
        closer.start();
        while (!ws.isShuttingDown()) {
            Thread.onSpinWait();
        }
        release.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(closer.isAlive(), "close() did not return");

        for (JoinHandle<Void> b : blockers) {
            b.join(); // were running when close began: allowed to finish
        }
        for (int i = 0; i < queued.size(); i++) {
            assertThrows(CancellationException.class, queuedHandles.get(i)::join, "queued task " + i);
            assertEquals(0, queued.get(i).polls.get(), "queued task " + i + " was polled after close");
        }
        Set<Thread> after = liveThreads("weft-ws-");
        after.removeAll(before);
        assertTrue(after.isEmpty(), "threads left running after close: " + after);
        assertThrows(IllegalStateException.class, () -> ex.spawn(cx -> Poll.ready(1)));
        ex.close(); // twice is fine
    }

    @Test
    void closeCancelsSuspendedTasksAndLateWakesAreIgnored() throws Exception {
        Executor ex = Executor.workStealing(2);
        CountingFuture<String> suspended = new CountingFuture<>();
        JoinHandle<String> h = ex.spawn(suspended);
        while (suspended.waker() == null) {
            Thread.onSpinWait();
        }
        ex.close();
        assertThrows(CancellationException.class, h::join);
        suspended.complete("late"); // wakes a cancelled task of a closed executor
        assertEquals(1, suspended.polls.get());
    }

    @Test
    void closeFromInsideATaskDoesNotDeadlock() throws Exception {
        Executor ex = Executor.workStealing(2);
        JoinHandle<Void> h = ex.spawn(cx -> {
            ex.close();
            return Poll.ready(null);
        });
        // the closing task was running when close cancelled it, and that poll completed it: it
        // completes with its output (a completing poll wins over a cancel that came during it)
        assertNull(h.toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertTrue(((WorkStealingExecutor) ex).isShuttingDown());
    }

    @Test
    void blockOnFromAWorkerIsRefused() throws Exception {
        try (Executor ex = Executor.workStealing(2)) {
            JoinHandle<Throwable> h = ex.spawn(cx -> {
                try {
                    ex.blockOn(c -> Poll.ready(1));
                    return Poll.ready(null);
                } catch (IllegalStateException e) {
                    return Poll.ready(e);
                }
            });
            assertTrue(h.toCompletableFuture().get(30, TimeUnit.SECONDS) instanceof IllegalStateException);
        }
    }

    @Test
    void spawnInsideATaskStaysOnItsExecutor() {
        try (Executor ex = Executor.workStealing(2)) {
            String child = ex.blockOn(new Future<String>() {
                JoinHandle<String> h;

                @Override
                public Poll<String> poll(Context cx) {
                    if (h == null) {
                        h = Async.spawn(c -> Poll.ready(Thread.currentThread().getName()));
                    }
                    return h.poll(cx);
                }
            });
            assertTrue(child.startsWith("weft-ws-"), child);
        }
    }

    @Test
    void defaultExecutorIsWorkStealingWithDaemonNamedThreads() {
        Thread t = Async.blockOn(Async.spawn(cx -> Poll.ready(Thread.currentThread())));
        assertTrue(t.getName().startsWith("weft-default-"), t.getName());
        assertTrue(t.isDaemon());
        assertTrue(t instanceof Worker);
        assertEquals(Runtime.getRuntime().availableProcessors(), ((Worker) t).executor.workers.length);
    }

    @Test
    void yieldNowIsPendingOnceThenReady() {
        Future<Void> y = Async.yieldNow();
        AtomicInteger wakes = new AtomicInteger();
        Context cx = Context.of(wakes::incrementAndGet);
        assertTrue(y.poll(cx).isPending());
        assertEquals(1, wakes.get(), "woke itself before answering Pending");
        assertTrue(y.poll(cx).isReady());
        assertEquals(1, wakes.get());
    }

    @Test
    void yieldingTaskLetsQueuedTasksRunFirst() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (Executor ex = Executor.workStealing(1)) {
            JoinHandle<Void> h = ex.spawn(new Future<Void>() {
                Future<Void> yield;
                int step;

                @Override
                public Poll<Void> poll(Context cx) {
                    for (;;) {
                        if (yield != null) {
                            if (yield.poll(cx).isPending()) {
                                return Poll.pending();
                            }
                            yield = null;
                        }
                        if (step == 0) {
                            log.add("a1");
                            Async.spawn(c -> {
                                log.add("b");
                                return Poll.ready(null);
                            });
                            yield = Async.yieldNow();
                            step = 1;
                        } else {
                            log.add("a2");
                            return Poll.ready(null);
                        }
                    }
                }
            });
            h.toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        assertEquals(List.of("a1", "b", "a2"), log);
    }

    /**
     * On one worker, a task that wakes itself on every poll must still let another task run, and
     * soon: work injected from outside is taken every {@link Worker#INJECTION_INTERVAL} tasks.
     */
    @Test
    void selfWakingTaskDoesNotStarveAnotherOnTheSameWorker() throws Exception {
        try (Executor ex = Executor.workStealing(1)) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger spins = new AtomicInteger();
            CountDownLatch spinning = new CountDownLatch(1);
            JoinHandle<Void> spinner = ex.spawn(cx -> {
                spins.incrementAndGet();
                spinning.countDown();
                if (stop.get()) {
                    return Poll.ready(null);
                }
                cx.waker().wake();
                return Poll.pending();
            });
            await(spinning, "the spinner to start");
            JoinHandle<Integer> other = ex.spawn(cx -> {
                stop.set(true);
                return Poll.ready(spins.get());
            });
            int spinsAfterSpawn = spins.get(); // later than the push, so the bound below is safe
            int spinsWhenOtherRan = other.toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertTrue(spinsWhenOtherRan - spinsAfterSpawn <= Worker.INJECTION_INTERVAL + 1,
                    "the spinner ran " + (spinsWhenOtherRan - spinsAfterSpawn) + " polls before the injected task");
            spinner.toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Two tasks that wake each other forever would ping-pong through the LIFO slot; the budget
     * sends the chain to the back of the queue, so a third task still runs within a bounded
     * number of their polls: at most {@link Worker#LIFO_BUDGET} chained polls per task taken from
     * the queues, and the injection queue is read every {@link Worker#INJECTION_INTERVAL} tasks.
     */
    @Test
    void tasksWakingEachOtherDoNotStarveAThirdOnTheSameWorker() throws Exception {
        try (Executor ex = Executor.workStealing(1)) {
            AtomicBoolean stop = new AtomicBoolean();
            Waker[] wakers = new Waker[2];
            CountDownLatch bothPolled = new CountDownLatch(2);
            AtomicInteger polls = new AtomicInteger();
            List<JoinHandle<Void>> pair = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int me = i;
                pair.add(ex.spawn(new Future<Void>() {
                    boolean first = true;

                    @Override
                    public Poll<Void> poll(Context cx) {
                        polls.incrementAndGet();
                        if (first) {
                            first = false;
                            wakers[me] = cx.waker();
                            bothPolled.countDown();
                        }
                        if (stop.get()) {
                            return Poll.ready(null);
                        }
                        Waker peer = wakers[1 - me];
                        if (peer != null) {
                            peer.wake();
                        }
                        return Poll.pending();
                    }
                }));
            }
            await(bothPolled, "both ping-pong tasks to start");
            wakers[0].wake();
            JoinHandle<Integer> third = ex.spawn(cx -> {
                stop.set(true);
                return Poll.ready(polls.get());
            });
            int pollsAfterSpawn = polls.get(); // later than the push, so the bound below is safe
            int pollsWhenThirdRan = third.toCompletableFuture().get(30, TimeUnit.SECONDS);
            int bound = (Worker.INJECTION_INTERVAL + 1) * (Worker.LIFO_BUDGET + 1);
            assertTrue(pollsWhenThirdRan - pollsAfterSpawn <= bound,
                    "the pair ran " + (pollsWhenThirdRan - pollsAfterSpawn) + " polls before the third task");
            wakers[0].wake();
            wakers[1].wake();
            for (JoinHandle<Void> h : pair) {
                h.toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void cancelWhileQueuedOrSuspendedNeverPollsAgain() throws Exception {
        try (Executor ex = Executor.workStealing(2)) {
            CountingFuture<String> f = new CountingFuture<>();
            JoinHandle<String> h = ex.spawn(f);
            while (f.waker() == null) {
                Thread.onSpinWait();
            }
            assertTrue(h.cancel());
            f.complete("late");
            assertThrows(CancellationException.class, h::join);
            // one more round trip through the executor, then the count must still be 1
            ex.blockOn(cx -> Poll.ready(null));
            assertEquals(1, f.polls.get());
        }
    }

    @Test
    void wakesFromOutsideReachParkedWorkers() throws Exception {
        try (Executor ex = Executor.workStealing(2)) {
            for (int round = 0; round < 2_000; round++) {
                CountingFuture<Integer> f = new CountingFuture<>();
                JoinHandle<Integer> h = ex.spawn(f);
                while (f.waker() == null) {
                    Thread.onSpinWait();
                }
                // the workers may be parked (or about to park) now; the wake must still get through
                f.complete(round);
                assertEquals(round, h.toCompletableFuture().get(30, TimeUnit.SECONDS));
                assertFalse(f.overlapped.get());
            }
        }
    }

    /**
     * Tasks spawned behind a worker that then stays busy run on the other worker: only the push
     * onto the empty queue notifies an idle worker, and the pushes after it must not be left for
     * the busy one. Each round the spawner waits (spinning, never parking its worker) until the
     * spawned tasks ran; a stranded one would time the round out.
     */
    @Test
    void tasksQueuedBehindABusyWorkerRunOnAnotherOne() throws Exception {
        try (Executor ex = Executor.workStealing(2)) {
            for (int round = 0; round < 200; round++) {
                int spawned = 1 + round % 5;
                CountDownLatch ran = new CountDownLatch(spawned);
                JoinHandle<Boolean> spawner = ex.spawn(cx -> {
                    for (int i = 0; i < spawned; i++) {
                        Async.spawn(c -> {
                            ran.countDown();
                            return Poll.ready(null);
                        });
                    }
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (ran.getCount() > 0 && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    return Poll.ready(ran.getCount() == 0);
                });
                assertTrue(spawner.toCompletableFuture().get(60, TimeUnit.SECONDS),
                        "round " + round + ": a task queued behind the busy worker never ran");
            }
        }
    }
}
