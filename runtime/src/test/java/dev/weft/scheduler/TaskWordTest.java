package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.CountingFuture;
import dev.weft.Future;
import dev.weft.Poll;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What shares a word in a {@link Task}: the id with the state, and the polled future with the
 * outcome. Neither may disturb the other.
 */
class TaskWordTest {
    private final List<Task<?>> queue = new ArrayList<>();
    private final Scheduler manual = queue::add;

    private void runQueued() {
        while (!queue.isEmpty()) {
            queue.remove(0).run();
        }
    }

    @Test
    void anIdTakenInEveryStateKeepsTheStateAndStaysTheSame() {
        CountingFuture<String> f = new CountingFuture<>();
        Task<String> t = new Task<>(f, manual);
        queue.add(t);
        long id = t.id(); // SCHEDULED
        assertNotEquals(0, id);
        assertEquals(Task.SCHEDULED, t.state());
        runQueued();
        assertEquals(Task.IDLE, t.state());
        assertEquals(id, t.id());
        f.complete("x");
        assertEquals(Task.SCHEDULED, t.state());
        runQueued();
        assertEquals(Task.COMPLETE, t.state());
        assertEquals(id, t.id());
        assertEquals("x", t.join());

        Task<String> fresh = new Task<>(new CountingFuture<>(), manual);
        assertNotEquals(id, fresh.id(), "two tasks, two ids");
    }

    /** Ids taken on another thread while the task is woken and polled: no transition is lost. */
    @Test
    void idsRacingTransitionsLoseNoWake() throws Exception {
        for (int round = 0; round < 2_000; round++) {
            CountingFuture<String> f = new CountingFuture<>();
            Task<String> t = new Task<>(f, manual);
            queue.add(t);
            runQueued();
            CountDownLatch go = new CountDownLatch(1);
            long[] seen = new long[1];
            Thread asker = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                seen[0] = t.id();
            });
            asker.start();
            go.countDown();
            t.wake(); // IDLE -> SCHEDULED, racing the id's CAS
            asker.join(TimeUnit.SECONDS.toMillis(10));
            assertEquals(Task.SCHEDULED, t.state(), "round " + round);
            assertEquals(1, queue.size(), "round " + round + ": the wake queued the task once");
            assertEquals(seen[0], t.id(), "round " + round);
            queue.clear();
        }
    }

    /** The word holding the future until the outcome replaces it must not read a Future outcome as "not done". */
    @Test
    void anOutputThatIsItselfAFutureIsAnOutcome() throws Exception {
        CountingFuture<String> inner = new CountingFuture<>();
        Future<Future<String>> returnsAFuture = cx -> Poll.ready(inner);
        Task<Future<String>> t = new Task<>(returnsAFuture, manual);
        queue.add(t);
        runQueued();
        assertTrue(t.isDone());
        assertSame(inner, t.join());
        assertSame(inner, t.toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(0, inner.polls.get(), "the output is handed over, never polled by the task");
        assertEquals(null, t.root(), "the task's future is dropped with the outcome");
    }

    /** A joiner registered while the task runs keeps the task's future reachable for the next poll. */
    @Test
    void joinersPushedBeforeThePollLeaveTheFutureToPoll() {
        CountingFuture<String> f = new CountingFuture<>();
        Task<String> t = new Task<>(f, manual);
        dev.weft.Steps.CountingWaker joiner = new dev.weft.Steps.CountingWaker();
        assertTrue(t.poll(joiner.context()).isPending());
        java.util.concurrent.CompletableFuture<String> cf = t.toCompletableFuture();
        assertSame(f, t.root());
        queue.add(t);
        runQueued();
        assertEquals(1, f.polls.get());
        f.complete("y");
        runQueued();
        assertEquals(1, joiner.wakes.get());
        assertEquals("y", cf.join());
    }
}
