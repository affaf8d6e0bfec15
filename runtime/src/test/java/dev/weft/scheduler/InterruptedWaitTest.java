package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.Probe;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue #15 item 5: a thread interrupted while it waits in {@code join()} or {@code blockOn()}
 * parks again (it used to spin, since a pending interrupt makes every park return at once) and
 * still has its interrupt status when the wait ends.
 */
class InterruptedWaitTest {
    enum Waiting {
        ASYNC_BLOCK_ON, JOIN_SINGLE_THREADED, JOIN_WORK_STEALING, EXECUTOR_BLOCK_ON;

        String await(Future<String> future, Executor single, Executor stealing) {
            return switch (this) {
                case ASYNC_BLOCK_ON -> Async.blockOn(future);
                case JOIN_SINGLE_THREADED -> single.spawn(future).join();
                case JOIN_WORK_STEALING -> stealing.spawn(future).join();
                case EXECUTOR_BLOCK_ON -> single.blockOn(future);
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Waiting.class)
    void anInterruptedWaiterParksAgainAndKeepsItsInterruptStatus(Waiting waiting) throws Exception {
        try (Executor single = Executor.singleThreaded(); Executor stealing = Executor.workStealing(2)) {
            Probe<String> gate = new Probe<>();
            AtomicReference<String> result = new AtomicReference<>();
            AtomicBoolean interruptedAfter = new AtomicBoolean();
            Thread waiter = new Thread(() -> {
                result.set(waiting.await(gate, single, stealing));
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            });
            waiter.start();
            awaitWaiting(waiter);
            waiter.interrupt();
            // Parking with the interrupt pending returns at once, so a waiter that parks again must
            // have set the status aside: parked with it clear, it really sleeps until unparked.
            awaitParked(waiter, false);

            gate.complete("done");
            waiter.join();
            assertEquals("done", result.get());
            assertTrue(interruptedAfter.get(), "the interrupt status was lost");
        }
    }

    /** Until {@code t} is parked on a blocker (the task or the driver), not in some other wait of the JDK's. */
    static void awaitWaiting(Thread t) {
        awaitParked(t, true);
    }

    private static void awaitParked(Thread t, boolean interruptedAllowed) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (t.getState() != Thread.State.WAITING || LockSupport.getBlocker(t) == null
                || (!interruptedAllowed && t.isInterrupted())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(t + " never parked" + (interruptedAllowed ? "" : " with its interrupt set aside")
                        + "; state " + t.getState() + ", interrupted " + t.isInterrupted());
            }
            Thread.onSpinWait();
        }
    }
}
