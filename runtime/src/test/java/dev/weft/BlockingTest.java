package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BlockingTest {
    @Test
    void aThrowingCallsCheckedExceptionReachesTheAwaiterAsTheSameInstance() {
        IOException thrown = new IOException("disk on fire");
        FallibleFuture<byte[], IOException> read = Blocking.call(() -> {
            throw thrown;
        });
        IOException caught = assertThrows(IOException.class, () -> Async.blockOn(read));
        assertSame(thrown, caught);
    }

    @Test
    void theValueComesBackAndTheCallRanOnANamedDaemonThreadApartFromTheExecutor() throws Exception {
        try (Executor executor = Executor.singleThreaded()) {
            Thread[] ranOn = new Thread[1];
            Thread[] polledOn = new Thread[1];
            Future<String> f = Steps.then(cx -> {
                polledOn[0] = Thread.currentThread();
                return Poll.ready(null);
            }, x -> Async.blocking(() -> {
                ranOn[0] = Thread.currentThread();
                return "done";
            }));
            assertEquals("done", executor.spawn(f).toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertTrue(ranOn[0].getName().startsWith("weft-blocking-"), ranOn[0].getName());
            assertTrue(ranOn[0].isDaemon());
            assertTrue(ranOn[0] != polledOn[0]);
        }
    }

    @Test
    void cancellingTheTaskInterruptsTheRunningCall() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        try (Executor executor = Executor.singleThreaded()) {
            JoinHandle<Void> h = executor.spawn(Blocking.call(() -> {
                started.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
                return null;
            }));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            h.cancel();
            assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the call was not interrupted");
            assertThrows(CancellationException.class, () -> h.toCompletableFuture().join());
        }
    }

    @Test
    void anUninterruptibleCallIsLeftToFinishWhenCancelled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        FallibleFuture<Void, InterruptedException> f = Blocking.callUninterruptibly(() -> {
            started.countDown();
            gate.await();
            sawInterrupt.set(Thread.currentThread().isInterrupted());
            finished.countDown();
            return null;
        });
        Steps.CountingWaker waker = new Steps.CountingWaker();
        assertTrue(f.poll(waker.context()).isPending());
        assertTrue(started.await(10, TimeUnit.SECONDS));
        ((Cancellable) f).cancel();
        gate.countDown();
        assertTrue(finished.await(10, TimeUnit.SECONDS));
        assertFalse(sawInterrupt.get());
        assertThrows(CancellationException.class, () -> f.poll(waker.context()));
        assertEquals(0, waker.wakes.get(), "a cancelled call's end must not wake its former owner");
    }

    @Test
    void anInterruptMeantForOneCallDoesNotReachTheNextCallOnTheSameThread() throws Exception {
        BlockingPool pool = new BlockingPool(1, Duration.ofSeconds(10));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        BlockingCall<Void, RuntimeException> stubborn = new BlockingCall<>(() -> {
            started.countDown();
            awaitKeepingInterrupt(gate); // returns with its interrupt status set
            return null;
        }, pool, true);
        BlockingCall<Boolean, RuntimeException> next =
                new BlockingCall<>(() -> Thread.currentThread().isInterrupted(), pool, true);
        Steps.CountingWaker waker = new Steps.CountingWaker();
        stubborn.poll(waker.context());
        assertTrue(started.await(10, TimeUnit.SECONDS));
        next.poll(waker.context()); // queued behind it: the pool has one thread
        stubborn.cancel();
        gate.countDown();
        assertFalse(Async.blockOn(next));
    }

    @Test
    void aCancelledQueuedCallNeverRuns() throws Exception {
        BlockingPool pool = new BlockingPool(1, Duration.ofSeconds(10));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger cancelledRan = new AtomicInteger();
        Steps.CountingWaker waker = new Steps.CountingWaker();
        BlockingCall<Void, InterruptedException> first = new BlockingCall<>(() -> {
            started.countDown();
            gate.await();
            return null;
        }, pool, true);
        BlockingCall<Void, RuntimeException> cancelled = new BlockingCall<>(() -> {
            cancelledRan.incrementAndGet();
            return null;
        }, pool, true);
        first.poll(waker.context());
        assertTrue(started.await(10, TimeUnit.SECONDS));
        cancelled.poll(waker.context());
        assertEquals(1, pool.queued());
        cancelled.cancel();
        assertEquals(0, pool.queued());
        gate.countDown();
        // FIFO: had the cancelled call stayed queued, it would run before this one.
        assertEquals("last", Async.blockOn(new BlockingCall<>(() -> "last", pool, true)));
        assertEquals(0, cancelledRan.get());
    }

    @Test
    void beyondTheLimitCallsWaitAndStartInTheOrderTheyWerePolled() throws Exception {
        BlockingPool pool = new BlockingPool(2, Duration.ofSeconds(10));
        int count = 6;
        List<CountDownLatch> gates = new ArrayList<>();
        LinkedBlockingQueue<Integer> started = new LinkedBlockingQueue<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        List<BlockingCall<Integer, InterruptedException>> calls = new ArrayList<>();
        Steps.CountingWaker waker = new Steps.CountingWaker();
        for (int i = 0; i < count; i++) {
            int id = i;
            CountDownLatch gate = new CountDownLatch(1);
            gates.add(gate);
            BlockingCall<Integer, InterruptedException> c = new BlockingCall<>(() -> {
                mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                started.add(id);
                gate.await();
                running.decrementAndGet();
                return id;
            }, pool, true);
            calls.add(c);
            c.poll(waker.context());
        }
        List<Integer> order = new ArrayList<>();
        order.add(started.poll(10, TimeUnit.SECONDS));
        order.add(started.poll(10, TimeUnit.SECONDS));
        assertEquals(2, pool.threads());
        assertEquals(4, pool.queued());
        // Freeing one thread at a time leaves one queued call free to start, so the start order
        // is the queue's order and not a race between the two threads.
        for (int i = 0; i < count - 2; i++) {
            gates.get(i).countDown();
            order.add(started.poll(10, TimeUnit.SECONDS));
        }
        gates.forEach(CountDownLatch::countDown);
        for (int i = 0; i < count; i++) {
            assertEquals(i, Async.blockOn(calls.get(i)));
        }
        assertEquals(2, mostRunning.get());
        assertEquals(List.of(2, 3, 4, 5), order.subList(2, 6));
    }

    @Test
    void idleThreadsRetireAfterTheKeepAlive() throws Exception {
        BlockingPool pool = new BlockingPool(4, Duration.ofMillis(20));
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch allRunning = new CountDownLatch(3);
        List<BlockingCall<Void, InterruptedException>> calls = new ArrayList<>();
        Steps.CountingWaker waker = new Steps.CountingWaker();
        for (int i = 0; i < 3; i++) {
            BlockingCall<Void, InterruptedException> c = new BlockingCall<>(() -> {
                allRunning.countDown();
                gate.await();
                return null;
            }, pool, true);
            calls.add(c);
            c.poll(waker.context());
        }
        assertTrue(allRunning.await(10, TimeUnit.SECONDS));
        assertEquals(3, pool.threads());
        gate.countDown();
        for (BlockingCall<Void, InterruptedException> c : calls) {
            Async.blockOn(c);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pool.threads() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0, pool.threads());
    }

    @Test
    void theDefaultLimitIsSixtyFourThreads() {
        assertEquals(Blocking.DEFAULT_MAX_THREADS, Blocking.maxThreads());
        assertEquals(64, Blocking.DEFAULT_MAX_THREADS);
    }

    private static void awaitKeepingInterrupt(CountDownLatch gate) {
        boolean interrupted = false;
        for (;;) {
            try {
                gate.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
