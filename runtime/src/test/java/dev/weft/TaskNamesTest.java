package dev.weft;

import static dev.weft.ScopeTest.awaitPolled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.woven.Await;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A handle's toString() names the task, its state and, while suspended, what it waits for. */
class TaskNamesTest {
    /**
     * What a woven coroutine does at an await: polls through {@link Await#poll}, and while
     * suspended its frame answers what it awaits (the task reads that from the frame).
     */
    private static <T> Future<T> awaiting(Future<T> inner) {
        return new HandFrame<>("dev.weft.Host", "fetch", 7, inner);
    }

    @Test
    void aNamedTaskShowsItsNameStateAndTheFutureItAwaits() {
        Probe<String> reply = new Probe<>();
        Future<String> inbox = new Future<>() {
            @Override
            public Poll<String> poll(Context cx) {
                return reply.poll(cx);
            }

            @Override
            public String toString() {
                return "Inbox[peer 7]";
            }
        };
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<String> h = ex.spawn("fetch-user 7", awaiting(inbox));
            awaitDescription(h, "Task[fetch-user 7, suspended, awaiting Inbox[peer 7]]");
            reply.complete("ada");
            assertEquals("ada", h.join());
            assertEquals("Task[fetch-user 7, complete]", h.toString());
        }
    }

    @Test
    void aTaskSuspendedUnderNestedCoroutinesShowsTheLeafTheInnermostOneAwaits() {
        Probe<String> probe = new Probe<>();
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<String> h = ex.spawn("nested", awaiting(awaiting(awaiting(probe))));
            awaitDescription(h, "Task[nested, suspended, awaiting Probe]");
            probe.complete("deep");
            assertEquals("deep", h.join());
            assertEquals("Task[nested, complete]", h.toString());
        }
    }

    @Test
    void aFutureWithoutItsOwnToStringIsNamedByItsClass() {
        Probe<String> probe = new Probe<>();
        JoinHandle<String> h = Async.spawn("probe-waiter", awaiting(probe));
        awaitDescription(h, "Task[probe-waiter, suspended, awaiting Probe]");
        h.cancel();
        assertThrows(java.util.concurrent.CancellationException.class, h::join);
        assertEquals("Task[probe-waiter, cancelled]", h.toString());
    }

    @Test
    void anUnnamedTaskSaysSo() {
        Probe<String> probe = new Probe<>();
        try (Executor ex = Executor.workStealing(1)) {
            JoinHandle<String> h = ex.spawn(probe);
            awaitPolled(probe);
            awaitDescription(h, "Task[unnamed, suspended]");
        }
    }

    private static void awaitDescription(JoinHandle<?> h, String expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!h.toString().equals(expected)) {
            if (System.nanoTime() > deadline) {
                assertEquals(expected, h.toString());
            }
            Thread.onSpinWait();
        }
    }
}
