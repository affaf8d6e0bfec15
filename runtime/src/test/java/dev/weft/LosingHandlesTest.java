package dev.weft;

import static dev.weft.ScopeTest.awaitPolled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Join, Select and FutureSet stop a losing task handle's task as they stop a plain future. */
class LosingHandlesTest {
    private final Context cx = new Steps.CountingWaker().context();

    @Test
    void tryJoinAllCancelsTheTasksOfSiblingsOfAFailure() {
        Probe<Integer> running = new Probe<>();
        Probe<Integer> plain = new Probe<>();
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<Integer> sibling = ex.spawn(running);
            RuntimeException boom = new RuntimeException("boom");
            JoinHandle<Integer> failing = ex.spawn(new Failing<>(boom));
            awaitPolled(running);
            Future<List<Integer>> all = Join.tryJoinAll(List.of(sibling, failing, plain));
            assertSame(boom, assertThrows(RuntimeException.class, () -> Async.blockOn(all)));
            assertCancelled(sibling);
            assertTrue(running.cancelled(), "the sibling task's future was cancelled");
            assertTrue(plain.cancelled(), "the plain sibling was cancelled");
        }
    }

    @Test
    void aRaceCancelsTheTaskOfALosingHandle() {
        Probe<String> slow = new Probe<>();
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<String> loser = ex.spawn(slow);
            awaitPolled(slow);
            assertEquals("fast", Async.blockOn(Select.race(loser, Async.ready("fast"))));
            assertCancelled(loser);
            assertTrue(slow.cancelled());
        }
    }

    @Test
    void cancellingAFutureSetCancelsItsHandlesTasks() {
        Probe<String> member = new Probe<>();
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<String> h = ex.spawn(member);
            FutureSet<String> set = new FutureSet<>();
            set.add(h);
            assertTrue(set.pollNext(cx).isPending());
            set.cancel();
            assertCancelled(h);
        }
    }

    @Test
    void firstSuccessSkipsFailuresAndCancelsTheRest() {
        Probe<String> failsFirst = new Probe<>();
        Probe<String> succeeds = new Probe<>();
        Probe<String> loser = new Probe<>();
        Future<String> any = Select.firstSuccess(List.of(failsFirst, succeeds, loser));
        assertTrue(any.poll(cx).isPending());
        failsFirst.fail(new IllegalStateException("refused"));
        assertTrue(any.poll(cx).isPending(), "a failure does not end firstSuccess");
        succeeds.complete("mirror b");
        assertEquals("mirror b", any.poll(cx).value());
        assertTrue(loser.cancelled());
    }

    @Test
    void firstSuccessFailsWithTheFirstFailureWhenAllFail() {
        Probe<String> a = new Probe<>();
        Probe<String> b = new Probe<>();
        Probe<String> c = new Probe<>();
        Future<String> any = Select.firstSuccess(List.of(a, b, c));
        assertTrue(any.poll(cx).isPending());
        RuntimeException first = new RuntimeException("b failed first");
        IllegalStateException second = new IllegalStateException("then c");
        IllegalArgumentException third = new IllegalArgumentException("then a");
        b.fail(first);
        c.fail(second);
        assertTrue(any.poll(cx).isPending());
        a.fail(third);
        assertSame(first, assertThrows(RuntimeException.class, () -> any.poll(cx)));
        assertEquals(List.of(second, third), List.of(first.getSuppressed()));
    }

    /** Fails rather than hangs when the task was left running. */
    private static void assertCancelled(JoinHandle<?> h) {
        assertThrows(CancellationException.class, () -> h.toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    @Test
    void firstSuccessOfNothingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Select.firstSuccess(List.<Future<String>>of()));
    }
}
