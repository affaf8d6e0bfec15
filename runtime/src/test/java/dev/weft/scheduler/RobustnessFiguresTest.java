package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Probe;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The figures for issue #15's note, printed and never asserted (timings and heap sizes vary with
 * the machine): CPU spun by an interrupted waiter, heap kept by cancelled tasks, the caller's time
 * in {@code cancel()}. Tagged {@code stress}: it allocates 200,000 tasks and waits on purpose.
 */
@Tag("stress")
class RobustnessFiguresTest {
    private static final int CANCELLED_TASKS = 200_000;

    @Test
    void cpuSpunByAnInterruptedJoin() throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (Executor ex = Executor.singleThreaded()) {
            Probe<String> gate = new Probe<>();
            Thread waiter = new Thread(() -> ex.spawn(gate).join());
            waiter.start();
            InterruptedWaitTest.awaitWaiting(waiter);
            waiter.interrupt();
            long wallNanos = 500_000_000L; // a fixed window to measure over, not a wait for an event
            long cpuBefore = mx.getThreadCpuTime(waiter.getId());
            LockSupport.parkNanos(wallNanos);
            long cpu = mx.getThreadCpuTime(waiter.getId()) - cpuBefore;
            gate.complete("done");
            waiter.join();
            System.out.printf("[figure] interrupted join: %.0f ms CPU per second of waiting%n",
                    cpu / 1e6 * 1e9 / wallNanos);
        }
    }

    @Test
    void heapKeptByCancelledSuspendedTasks() throws Exception {
        try (Executor ex = Executor.singleThreaded()) {
            long before = usedHeapAfterGc();
            CountDownLatch polled = new CountDownLatch(CANCELLED_TASKS);
            JoinHandle<?>[] tasks = new JoinHandle<?>[CANCELLED_TASKS];
            for (int i = 0; i < CANCELLED_TASKS; i++) {
                tasks[i] = ex.spawn(cx -> {
                    polled.countDown();
                    return Poll.pending();
                });
            }
            assertTrue(polled.await(60, TimeUnit.SECONDS));
            for (JoinHandle<?> t : tasks) {
                t.cancel();
            }
            for (JoinHandle<?> t : tasks) {
                try {
                    t.join();
                } catch (CancellationException expected) {
                    // every one is cancelled
                }
            }
            Arrays.fill(tasks, null);
            long kept = usedHeapAfterGc() - before;
            System.out.printf("[figure] %,d cancelled suspended tasks keep %,d bytes (%d B each) while the executor runs%n",
                    CANCELLED_TASKS, kept, kept / CANCELLED_TASKS);
        }
    }

    /** A retry loop that catches everything, the way the unwinding of {@code catch (Exception e)} runs. */
    static final class RetryLoop implements Future<String>, Cancellable {
        final CountDownLatch polled = new CountDownLatch(1);
        volatile int attempts;

        @Override
        public Poll<String> poll(Context cx) {
            polled.countDown();
            return Poll.pending();
        }

        @Override
        public void cancel() {
            for (int i = 0; i < 300_000; i++) {
                try {
                    throw new CancellationException("attempt " + i);
                } catch (Exception e) {
                    attempts++;
                }
            }
        }
    }

    @Test
    void callersTimeInCancel() throws Exception {
        try (Executor ex = Executor.workStealing(2)) {
            RetryLoop loop = new RetryLoop();
            JoinHandle<String> task = ex.spawn(loop);
            assertTrue(loop.polled.await(10, TimeUnit.SECONDS));
            long start = System.nanoTime();
            task.cancel();
            long inCancel = System.nanoTime() - start;
            try {
                task.join();
            } catch (CancellationException expected) {
                // the unwinding is done
            }
            long total = System.nanoTime() - start;
            assertEquals(300_000, loop.attempts);
            System.out.printf("[figure] cancel() of a retry-loop task: caller busy %.3f ms; unwinding done after %.1f ms%n",
                    inCancel / 1e6, total / 1e6);
        }
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
