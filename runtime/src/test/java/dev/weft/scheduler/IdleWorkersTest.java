package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Poll;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How idle workers of a {@link WorkStealingExecutor} are woken: enough of them, and no more. */
class IdleWorkersTest {

    /** Returns once every worker is on the parked stack and blocked in {@code park}. */
    static void awaitIdle(WorkStealingExecutor ex) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(ex.idle.allParked() && ex.threads().stream().allMatch(t -> t.getState() == Thread.State.WAITING))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the executor's workers never all parked: " + ex.threads().stream()
                        .map(t -> t.getName() + " " + t.getState()).toList());
            }
            Thread.yield();
        }
    }

    /**
     * A task that reaches an idle executor from outside wakes one worker, which runs it and parks
     * again. The second worker stays parked: waking it as well (the woken worker handing its
     * searcher role on although nothing else was queued) cost two futex calls per task, which was
     * every round trip of a lone TCP connection. Before the fix each round parked both workers.
     */
    @Test
    void aTaskFromOutsideWakesOneIdleWorkerNotTwo() throws Exception {
        try (WorkStealingExecutor ex = new WorkStealingExecutor(2, "one-wake")) {
            int rounds = 200;
            awaitIdle(ex);
            long before = ex.metrics().getParks();
            for (int round = 0; round < rounds; round++) {
                ex.spawn(cx -> Poll.ready(null)).join();
                awaitIdle(ex);
            }
            long parks = ex.metrics().getParks() - before;
            assertTrue(parks <= rounds + rounds / 4, parks + " parks for " + rounds + " tasks, each woke both workers");
        }
    }

    /**
     * The other side of the same rule: when the woken worker leaves searching while a second task
     * waits in a queue (pushes that saw it searching woke nobody), it must hand the searcher role
     * on, or that task waits for the first one, which here never ends until the second one ran.
     */
    @Test
    void aSecondTaskQueuedWhileTheWokenWorkerSearchedReachesTheOtherWorker() throws Exception {
        try (WorkStealingExecutor ex = new WorkStealingExecutor(2, "hand-on")) {
            for (int round = 0; round < 200; round++) {
                awaitIdle(ex);
                CountDownLatch secondRan = new CountDownLatch(1);
                var first = ex.spawn(cx -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (secondRan.getCount() > 0 && System.nanoTime() < deadline) {
                        Thread.onSpinWait(); // holds its worker, as a long poll would
                    }
                    return Poll.ready(secondRan.getCount() == 0);
                });
                ex.spawn(cx -> {
                    secondRan.countDown();
                    return Poll.ready(null);
                });
                assertTrue(first.toCompletableFuture().get(60, TimeUnit.SECONDS),
                        "round " + round + ": the second task waited behind the first");
            }
        }
    }
}
