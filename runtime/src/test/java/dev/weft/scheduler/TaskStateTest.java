package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Context;
import dev.weft.CountingFuture;
import dev.weft.Poll;
import dev.weft.rethrow.Throw;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The task state word driven by hand through a queue the test controls, so every transition is
 * observed exactly: what is queued, when, and how often.
 */
class TaskStateTest {
    private final List<Task<?>> queue = new ArrayList<>();
    private final Scheduler manual = queue::add;

    private void runQueued() {
        while (!queue.isEmpty()) {
            queue.remove(0).run();
        }
    }

    @Test
    void notPolledAgainUntilWoken() {
        CountingFuture<String> f = new CountingFuture<>();
        Task<String> t = new Task<>(f, manual);
        queue.add(t);
        runQueued();
        assertEquals(1, f.polls.get());
        assertTrue(queue.isEmpty(), "a pending task that was not woken must not be queued");
        assertEquals(Task.IDLE, t.state());
        f.complete("x");
        assertEquals(1, queue.size());
        runQueued();
        assertEquals(2, f.polls.get());
        assertEquals("x", t.join());
    }

    @Test
    void manyWakesQueueOnce() {
        CountingFuture<String> f = new CountingFuture<>();
        Task<String> t = new Task<>(f, manual);
        queue.add(t);
        runQueued();
        for (int i = 0; i < 100; i++) {
            t.wake();
        }
        assertEquals(1, queue.size());
        runQueued();
        assertEquals(2, f.polls.get());
    }

    @Test
    void wakeDuringPollRepollsOnceAfterThePoll() {
        CountingFuture<String> f = new CountingFuture<>();
        f.duringPoll(w -> {
            w.wake();
            w.wake();
        });
        Task<String> t = new Task<>(f, manual);
        queue.add(t);
        queue.remove(0).run();
        assertEquals(1, queue.size(), "woken during its poll: re-queued once, after the poll");
        assertEquals(Task.SCHEDULED, t.state());
        f.duringPoll(w -> {});
        queue.remove(0).run();
        assertEquals(2, f.polls.get());
        assertTrue(queue.isEmpty());
    }

    @Test
    void wakeAfterCompletionIsIgnored() {
        Task<Integer> t = new Task<>(cx -> Poll.ready(7), manual);
        queue.add(t);
        runQueued();
        assertEquals(Task.COMPLETE, t.state());
        t.wake();
        assertTrue(queue.isEmpty());
        assertEquals(7, t.join());
    }

    @Test
    void throwingPollCompletesHandleWithTheSameThrowable() {
        Exception boom = new Exception("checked boom");
        Task<Integer> t = new Task<>(cx -> {
            throw Throw.unchecked(boom);
        }, manual);
        queue.add(t);
        runQueued();
        Exception thrown = assertThrows(Exception.class, t::join);
        assertSame(boom, thrown);
    }

    @Test
    void cancelBeforeRunNeverPolls() {
        CountingFuture<String> f = new CountingFuture<>();
        Task<String> t = new Task<>(f, manual);
        queue.add(t);
        assertTrue(t.cancel());
        runQueued();
        assertEquals(0, f.polls.get());
        assertThrows(CancellationException.class, t::join);
        assertFalse(t.cancel(), "a second cancel does nothing");
    }

    @Test
    void cancelWhileSuspendedNeverPollsAgain() {
        CountingFuture<String> f = new CountingFuture<>();
        Task<String> t = new Task<>(f, manual);
        queue.add(t);
        runQueued();
        assertTrue(t.cancel());
        f.complete("late");
        runQueued();
        assertEquals(1, f.polls.get());
        assertThrows(CancellationException.class, t::join);
    }

    @Test
    void cancelDuringPollFinishesAsCancelled() {
        CountingFuture<String> f = new CountingFuture<>();
        Task<String> t = new Task<>(f, manual);
        f.duringPoll(w -> t.cancel());
        queue.add(t);
        runQueued();
        assertEquals(Task.CANCELLED, t.state());
        assertThrows(CancellationException.class, t::join);
    }

    @Test
    void cancelDuringAPollThatCompletesDeliversTheOutput() {
        CountingFuture<String> f = new CountingFuture<>();
        Task<String> t = new Task<>(f, manual);
        f.duringPoll(w -> {
            assertTrue(t.cancel());
            f.complete("taken"); // what the poll took, say a channel element
        });
        queue.add(t);
        runQueued();
        assertEquals(Task.COMPLETE, t.state());
        assertEquals("taken", t.join(), "the output of the completing poll is not dropped");
    }

    @Test
    void joinHandleAsFutureWakesItsAwaiter() throws Exception {
        CountingFuture<String> f = new CountingFuture<>();
        Task<String> t = new Task<>(f, manual);
        queue.add(t);
        runQueued();
        CountDownLatch woken = new CountDownLatch(1);
        assertTrue(t.poll(Context.of(woken::countDown)).isPending());
        f.complete("v");
        runQueued();
        assertTrue(woken.await(5, TimeUnit.SECONDS));
        assertEquals("v", t.poll(Context.of(() -> {})).value());
        assertEquals("v", t.toCompletableFuture().get());
    }
}
