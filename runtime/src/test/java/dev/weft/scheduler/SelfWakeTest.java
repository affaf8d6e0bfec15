package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A task that wakes itself during its own poll, on the thread polling it, takes the poller's flag
 * instead of the state word's NOTIFIED (see {@link Task}): that wake must still put the task back
 * in the queue, every time, on every executor.
 */
class SelfWakeTest {
    private static final int WAKES = 10_000;

    /** Wakes itself from inside {@code poll} {@code times} times, then answers how many polls it took. */
    private static final class WakesItself implements Future<Integer> {
        private final int times;
        private int polls;

        WakesItself(int times) {
            this.times = times;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            if (++polls > times) {
                return Poll.ready(polls);
            }
            cx.waker().wake();
            return Poll.pending();
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutorKind.class)
    void everyWakeFromInsideThePollRequeuesTheTask(ExecutorKind kind) throws Exception {
        try (Executor ex = kind.create()) {
            JoinHandle<Integer> task = ex.spawn(new WakesItself(WAKES));
            assertEquals(WAKES + 1, task.toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
    }

    /** Many self-waking tasks at once: each wake is one trip through the queues, none is dropped. */
    @ParameterizedTest
    @EnumSource(ExecutorKind.class)
    void manyTasksWakingThemselvesAllFinish(ExecutorKind kind) throws Exception {
        try (Executor ex = kind.create()) {
            List<JoinHandle<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                tasks.add(ex.spawn(new WakesItself(i * 10)));
            }
            for (int i = 0; i < tasks.size(); i++) {
                assertEquals(i * 10 + 1, tasks.get(i).toCompletableFuture().get(10, TimeUnit.SECONDS));
            }
        }
    }

    /** Wakes itself on every poll, forever; counts its polls and how often it was unwound. */
    private static final class SpinsForever implements Future<Void>, Cancellable {
        final CountDownLatch polledALot = new CountDownLatch(100);
        final AtomicInteger unwound = new AtomicInteger();

        @Override
        public Poll<Void> poll(Context cx) {
            polledALot.countDown();
            cx.waker().wake();
            return Poll.pending();
        }

        @Override
        public void cancel() {
            unwound.incrementAndGet();
        }
    }

    /**
     * Between its polls such a task sits in a queue with its word still RUNNING (an owned entry):
     * closing the executor must still cancel it, unwind it once and fail its handle, not leave it
     * to a poller that will never come.
     */
    @ParameterizedTest
    @EnumSource(ExecutorKind.class)
    void closingTheExecutorCancelsATaskThatKeepsWakingItself(ExecutorKind kind) throws Exception {
        SpinsForever f = new SpinsForever();
        JoinHandle<Void> task;
        try (Executor ex = kind.create()) {
            task = ex.spawn(f);
            f.polledALot.await(10, TimeUnit.SECONDS);
        }
        assertThrows(CancellationException.class, () -> task.toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(1, f.unwound.get());
    }

    @Test
    void anAbandonedOwnedEntryIsCancelledAndNeverPolledAgain() {
        TaskRaces.ownedEntryAbandoned();
    }
}
