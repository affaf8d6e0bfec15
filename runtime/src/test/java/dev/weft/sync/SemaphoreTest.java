package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Steps;
import dev.weft.StressSize;
import dev.weft.StressTest;
import dev.weft.scheduler.StressExecutors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SemaphoreTest {

    @Test
    void aWaiterNeedingMorePermitsHoldsBackTheOnesBehindIt() {
        Semaphore s = new Semaphore(3);
        assertTrue(s.tryAcquire(3));
        Steps.CountingWaker wa = new Steps.CountingWaker();
        Steps.CountingWaker wb = new Steps.CountingWaker();
        Future<Void> a = s.acquire(2);
        Future<Void> b = s.acquire(1);
        assertTrue(a.poll(wa.context()).isPending());
        assertTrue(b.poll(wb.context()).isPending());
        s.release();
        assertEquals(0, wa.wakes.get() + wb.wakes.get(), "b waits behind a although a permit is free");
        assertFalse(s.tryAcquire(), "tryAcquire does not jump the queue");
        s.release();
        assertEquals(1, wa.wakes.get());
        assertEquals(0, wb.wakes.get());
        assertTrue(a.poll(wa.context()).isReady());
        s.release();
        assertEquals(1, wb.wakes.get());
        assertTrue(b.poll(wb.context()).isReady());
        assertEquals(0, s.availablePermits());
    }

    @Test
    void cancellingTheHeadWaiterLetsTheOnesBehindGo() {
        Semaphore s = new Semaphore(2);
        assertTrue(s.tryAcquire());
        Steps.CountingWaker wb = new Steps.CountingWaker();
        Future<Void> a = s.acquire(2);
        Future<Void> b = s.acquire(1);
        a.poll(new Steps.CountingWaker().context());
        b.poll(wb.context());
        ((Cancellable) a).cancel();
        assertEquals(1, wb.wakes.get());
        assertTrue(b.poll(wb.context()).isReady());
        assertEquals(0, s.availablePermits());
    }

    @Test
    void aGrantedButCancelledWaiterGivesItsPermitsBack() {
        Semaphore s = new Semaphore(0);
        Future<Void> a = s.acquire(2);
        a.poll(new Steps.CountingWaker().context());
        s.release(2);
        ((Cancellable) a).cancel();
        ((Cancellable) a).cancel();
        assertEquals(2, s.availablePermits());
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(1).acquire(0));
    }

    /**
     * Tasks hold one of three permits across a yield; a third of them are cancelled from another
     * thread at whatever point they reached. No more than three ever hold a permit at once, and all
     * three are free at the end.
     */
    @StressTest
    void stressCancelledWaitersNeverLoseAPermit() throws Exception {
        Semaphore s = new Semaphore(3);
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger maxHolders = new AtomicInteger();
        int tasks = StressSize.of(3_000);
        try (Executor ex = StressExecutors.create()) {
            List<JoinHandle<Void>> hs = new ArrayList<>(tasks);
            for (int i = 0; i < tasks; i++) {
                hs.add(ex.spawn(s.withPermit(() -> holdAcrossAYield(holders, maxHolders))));
                if (i % 3 == 2) {
                    hs.get(i - 2 + (i / 3) % 3).cancel();
                }
            }
            for (JoinHandle<Void> h : hs) {
                try {
                    h.toCompletableFuture().get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                    // cancelled
                }
            }
        }
        assertEquals(3, s.availablePermits());
        assertTrue(maxHolders.get() <= 3, "max holders " + maxHolders.get());
    }

    @Test
    void rawAcquireCancelledFromAnotherThreadMidWait() throws Exception {
        // acquire futures polled on one thread, cancelled on another, released on a third
        for (int round = 0; round < 500; round++) {
            Semaphore s = new Semaphore(0);
            Future<Void> a = s.acquire();
            a.poll(new Steps.CountingWaker().context());
            Thread releaser = new Thread(s::release);
            Thread canceller = new Thread(((Cancellable) a)::cancel);
            releaser.start();
            canceller.start();
            releaser.join();
            canceller.join();
            assertEquals(1, s.availablePermits(), "round " + round);
        }
    }

    private static Future<Void> holdAcrossAYield(AtomicInteger holders, AtomicInteger maxHolders) {
        class Holder implements Future<Void>, Cancellable {
            boolean yielded;
            boolean done;

            @Override
            public void cancel() {
                if (yielded && !done) {
                    done = true;
                    holders.decrementAndGet();
                }
            }

            @Override
            public Poll<Void> poll(Context cx) {
                if (!yielded) {
                    yielded = true;
                    int now = holders.incrementAndGet();
                    maxHolders.accumulateAndGet(now, Math::max);
                    cx.waker().wake();
                    return Poll.pending();
                }
                done = true;
                holders.decrementAndGet();
                return Poll.ready(null);
            }
        }
        return new Holder();
    }
}
